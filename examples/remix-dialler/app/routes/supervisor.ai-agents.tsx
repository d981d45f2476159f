import type { MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Field } from '../components/forms'
import { formatDateTime } from '../utils/dates'
import type { AiAgentsResult, loader } from './supervisor.ai-agents.server'

export { action, loader } from './supervisor.ai-agents.server'

export const meta: MetaFunction = () => [{ title: 'AI agents · Ringlane' }]

const statusWords = {
  active: 'In progress',
  completed: 'Finished',
  'handed-off': 'Handed to a person',
  'handoff-failed': 'Handoff refused',
} as const

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>

const AgentForm = ({ data, fields }: { data: Loaded; fields: Record<string, string | undefined> }) => {
  const first = data.agents[0]
  const busy = useNavigation().state !== 'idle'
  const chain = ['provider1', 'provider2', 'provider3'].map((slot, i) => ({
    slot,
    current: first?.providers[i] ?? '',
    label: i === 0 ? 'Provider 1' : `Provider ${i + 1} (if the one before fails)`,
  }))
  return (
    <Form method="post" className="panel" aria-label="AI agent settings">
      <h2>{first ? `Edit ${first.name}` : 'New AI agent'}</h2>
      <Field id="id" label="Id" error={fields.id}>
        {(p) => <input {...p} name="id" defaultValue={first?.id ?? ''} />}
      </Field>
      <Field id="name" label="Name" error={fields.name}>
        {(p) => <input {...p} name="name" defaultValue={first?.name ?? ''} />}
      </Field>
      <Field id="instructions" label="Instructions" error={fields.instructions}>
        {(p) => <textarea {...p} name="instructions" rows={4} defaultValue={first?.instructions ?? ''} />}
      </Field>
      {chain.map(({ slot, current, label }) => (
        <Field key={slot} id={slot} label={label} error={fields[slot]}>
          {(p) => (
            <select {...p} name={slot} defaultValue={current}>
              {slot !== 'provider1' && <option value="">None</option>}
              {data.providers.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      <Field id="handoffQueueId" label="Hand over to" error={fields.handoffQueueId}>
        {(p) => (
          <select {...p} name="handoffQueueId" defaultValue={first?.handoffQueueId ?? ''}>
            {data.queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" name="intent" value="save" disabled={busy}>
        Save AI agent
      </button>
    </Form>
  )
}

const Session = ({ session }: { session: Loaded['sessions'][number] }) => (
  <article className="panel" aria-label={`AI session of call ${session.callId}`}>
    <h3>
      {session.agent} · {statusWords[session.status]} · {formatDateTime(session.startedAt)}
    </h3>
    <p className="muted">
      Call {session.callId}; longest wait in silence {(session.longestSilenceMs / 1000).toFixed(1)} s
    </p>
    <ol aria-label="Providers tried">
      {session.attempts.map((a) => (
        <li key={a.provider}>
          {a.provider}:{' '}
          {a.failure
            ? `${a.failure.reason} (${a.failure.message})`
            : a.spokeAfterMs === null
              ? 'did not speak'
              : `spoke after ${(a.spokeAfterMs / 1000).toFixed(1)} s`}
        </li>
      ))}
    </ol>
    {session.handoff && (
      <section aria-label="Handoff summary">
        <h4>
          Handed to {session.handoff.queue}
          {session.handoff.failure ? ` (refused: ${session.handoff.failure})` : ''}
        </h4>
        <pre className="summary">{session.handoff.summary}</pre>
      </section>
    )}
    <details>
      <summary>Transcript ({session.turns.length} lines)</summary>
      <ul aria-label="Transcript">
        {session.turns.map((t) => (
          <li key={`${t.atMs}-${t.text}`}>
            <strong>{t.speaker === 'caller' ? 'Caller' : 'Agent'}</strong> {t.text}
          </li>
        ))}
      </ul>
    </details>
  </article>
)

export default function AiAgents() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<AiAgentsResult>()
  const busy = useNavigation().state !== 'idle'
  const fields = result && !result.ok ? (result.fields ?? {}) : {}
  if (!data.configured)
    return (
      <div className="grid">
        <h1>AI agents</h1>
        <p className="muted">No AI voice agent provider is configured for this dialler.</p>
      </div>
    )
  return (
    <div className="grid">
      <h1>AI agents</h1>
      <p className="muted">
        An AI agent takes calls in place of a person. Each provider in its chain gets 1.5 s to speak before
        the next takes over; when all fail, or the caller asks for a person, the call goes to its queue with a
        written summary.
      </p>
      {result?.ok && (
        <div className="notice good" role="status">
          {result.message}
        </div>
      )}
      {result && !result.ok && (
        <p className="notice bad" role="alert">
          {result.error}
        </p>
      )}
      <div className="grid two">
        <AgentForm data={data} fields={fields} />
        <section className="panel" aria-label="AI agents">
          <h2>Agents</h2>
          {data.agents.map((a) => (
            <div key={a.id}>
              <h3>{a.name}</h3>
              <p>Providers, in order: {a.providers.join(' → ')}</p>
              <p>Hands over to {a.handoffQueue}</p>
              {data.canTry && (
                <Form method="post">
                  <input type="hidden" name="agentId" value={a.id} />
                  <button type="submit" name="intent" value="try" className="secondary" disabled={busy}>
                    Try on a simulated call
                  </button>
                </Form>
              )}
            </div>
          ))}
          {data.agents.length === 0 && <p className="muted">No AI agent yet.</p>}
        </section>
      </div>
      <section className="grid" aria-label="AI sessions">
        <h2>{data.callId ? `AI sessions of call ${data.callId}` : 'Recent AI sessions'}</h2>
        {data.sessions.length === 0 && <p className="muted">No AI session yet.</p>}
        {data.sessions.map((s) => (
          <Session key={s.id} session={s} />
        ))}
      </section>
    </div>
  )
}
