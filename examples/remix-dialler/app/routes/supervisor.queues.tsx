import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Schema } from 'effect'
import { decodeForm, messageOf } from '../server/forms.server'
import { publishQueueLevels } from '../server/live.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

export const meta: MetaFunction = () => [{ title: 'Queues · Ringlane' }]

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const [levels, config] = await Promise.all([running.dialler.queueLevels(), running.dialler.config()])
  return {
    queues: config.queues.map((queue) => {
      const level = levels.find((l) => l.queueId === queue.id)
      return {
        id: queue.id,
        label: queue.label,
        kind: queue.kind,
        priority: queue.priority,
        threshold: queue.threshold,
        coolingMinutes: queue.coolingMinutes,
        maxEntries: queue.maxEntries,
        weights: Object.entries(queue.weights).map(([name, value]) => [name, JSON.stringify(value)] as const),
        waiting: level?.waiting ?? 0,
        claimed: level?.claimed ?? 0,
        generation: level?.generation ?? 0,
        regeneratedAt: level?.regeneratedAt ? new Date(level.regeneratedAt).toISOString() : null,
      }
    }),
    settings: {
      claimExpiryMinutes: config.settings.claimExpiryMinutes,
      skipCooldownMinutes: config.settings.skipCooldownMinutes,
      maxAttemptsPerDay: config.settings.maxAttemptsPerDay,
      maxAttemptsTotal: config.settings.maxAttemptsTotal,
      callingWindow: config.settings.callingWindow,
    },
  }
}

const Intent = Schema.Struct({ intent: Schema.Literal('regenerate') })

type Result =
  | {
      ok: true
      durationMs: number
      queues: ReadonlyArray<{ queueId: string; inserted: number; excluded: number }>
    }
  | { ok: false; error: string }

export const action = async ({ request }: ActionFunctionArgs) => {
  const { running } = await supervisorAction(request)
  const intent = decodeForm(Intent, await request.formData())
  if (!intent.ok) return data<Result>({ ok: false, error: 'Unknown action' }, { status: 400 })
  try {
    const result = await running.dialler.regenerateQueues()
    await publishQueueLevels(running)
    if (result._tag === 'AlreadyRunning')
      return data<Result>(
        { ok: false, error: 'A regeneration is already running; try again in a minute.' },
        { status: 409 },
      )
    return data<Result>({
      ok: true,
      durationMs: result.durationMs,
      queues: result.queues.map((q) => ({
        queueId: q.queueId,
        inserted: q.inserted,
        excluded: Object.values(q.excluded).reduce((sum, n) => sum + n, 0),
      })),
    })
  } catch (error) {
    return data<Result>({ ok: false, error: messageOf(error) }, { status: 500 })
  }
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-GB') : 'never')

export default function Queues() {
  const { queues, settings } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="grid">
      <div className="row">
        <h1>Queues</h1>
        <span className="spacer" />
        <Form method="post">
          <button type="submit" name="intent" value="regenerate" disabled={busy}>
            {busy ? 'Regenerating…' : 'Regenerate now'}
          </button>
        </Form>
      </div>
      {result &&
        (result.ok ? (
          <div className="notice good" role="status">
            Regenerated in {(result.durationMs / 1000).toFixed(1)} s:{' '}
            {result.queues
              .map((q) => `${q.queueId} ${q.inserted} entries (${q.excluded} left out)`)
              .join(', ')}
            .
          </div>
        ) : (
          <p className="notice bad" role="alert">
            {result.error}
          </p>
        ))}
      <section className="panel" aria-label="Queue levels">
        <table>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Priority
              </th>
              <th scope="col" className="num">
                Waiting
              </th>
              <th scope="col" className="num">
                Claimed
              </th>
              <th scope="col" className="num">
                Threshold
              </th>
              <th scope="col" className="num">
                Cooling
              </th>
              <th scope="col" className="num">
                Max entries
              </th>
              <th scope="col">Last built</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.id} data-testid={`queue-row-${q.id}`}>
                <th scope="row">
                  {q.label} <span className="muted">({q.id})</span>{' '}
                  {q.waiting < q.threshold && <span className="pill warn">below threshold</span>}
                </th>
                <td>{q.kind}</td>
                <td className="num">{q.priority}</td>
                <td className="num">{q.waiting.toLocaleString('en-GB')}</td>
                <td className="num">{q.claimed.toLocaleString('en-GB')}</td>
                <td className="num">{q.threshold}</td>
                <td className="num">{q.coolingMinutes} min</td>
                <td className="num">{q.maxEntries.toLocaleString('en-GB')}</td>
                <td>
                  {when(q.regeneratedAt)} <span className="muted">(generation {q.generation})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="grid cards">
        {queues.map((q) => (
          <section key={q.id} className="panel" aria-label={`${q.label} scoring weights`}>
            <h2>{q.label}: scoring weights</h2>
            <dl className="facts">
              {q.weights.map(([name, value]) => (
                <div key={name} style={{ display: 'contents' }}>
                  <dt>{name}</dt>
                  <dd>
                    <code>{value}</code>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <section className="panel" aria-label="Dialling rules">
        <h2>Dialling rules</h2>
        <dl className="facts">
          <dt>Claim expires after</dt>
          <dd>{settings.claimExpiryMinutes} min</dd>
          <dt>A skipped lead waits</dt>
          <dd>{settings.skipCooldownMinutes} min</dd>
          <dt>Attempts per day</dt>
          <dd>{settings.maxAttemptsPerDay}</dd>
          <dt>Attempts in total</dt>
          <dd>{settings.maxAttemptsTotal}</dd>
          <dt>Calling window</dt>
          <dd>
            {settings.callingWindow
              ? `${settings.callingWindow.start}–${settings.callingWindow.end}, lead's local time`
              : 'off (demo)'}
          </dd>
        </dl>
      </section>
    </div>
  )
}
