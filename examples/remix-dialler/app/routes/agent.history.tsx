import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { SmsThread } from '../components/sms-thread'
import { formatDateTime, formatDuration } from '../utils/dates'
import type { action, loader } from './agent.history.server'

export { action, loader } from './agent.history.server'

export const meta: MetaFunction = () => [{ title: 'My history · Ringlane' }]

export default function AgentHistory() {
  const { calls, threads, linkTypes, older } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  return (
    <div className="grid">
      <section className="panel">
        <h1>My history</h1>
        {calls.length === 0 && <p className="muted">You have not made any calls yet.</p>}
      </section>
      {calls.map((call) => (
        <article
          key={call.sessionId}
          className="panel"
          aria-label={`Call of ${formatDateTime(call.startedAt)}`}
          data-testid="history-call"
        >
          <div className="row">
            <strong>
              <Link to={`/calls/${call.sessionId}`}>{formatDateTime(call.startedAt)}</Link>
            </strong>
            <span className="pill">{call.queueId}</span>
            <span>{call.phone}</span>
            <span className="pill">{call.status}</span>
            {call.talkSeconds !== null && <span>{formatDuration(call.talkSeconds)}</span>}
            <span className="spacer" />
            <span>
              {call.disposition ? (
                call.disposition.replaceAll('_', ' ')
              ) : (
                <span className="pill warn">no outcome</span>
              )}
            </span>
          </div>
          {call.notes && <p>{call.notes}</p>}
          <SmsThread thread={threads[call.leadId]} label={`Texts with ${call.phone}`} />
          <Form method="post" className="row">
            <input type="hidden" name="sessionId" value={call.sessionId} />
            <label htmlFor={`link-${call.sessionId}`}>Text a link</label>
            <select id={`link-${call.sessionId}`} name="linkType" style={{ width: 'auto' }}>
              {linkTypes.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.label}
                </option>
              ))}
            </select>
            <button type="submit" className="secondary" disabled={busy}>
              Send link
            </button>
          </Form>
          {result && result.sessionId === call.sessionId && (
            <p className={`notice ${result.ok ? 'good' : 'bad'}`} role={result.ok ? 'status' : 'alert'}>
              {result.ok ? 'Link sent.' : result.error}
            </p>
          )}
        </article>
      ))}
      {older && (
        <p>
          <Link to={`?before=${encodeURIComponent(older)}`}>Older calls</Link>
        </p>
      )}
    </div>
  )
}
