import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { DataTable, numeric } from '../components/data-table'
import { formatDateTime } from '../utils/dates'
import type { action, loader } from './supervisor.queues.server'

export { action, loader } from './supervisor.queues.server'

export const meta: MetaFunction = () => [{ title: 'Queues · Ringlane' }]

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
        <DataTable
          columns={[
            'Queue',
            'Kind',
            numeric('Priority'),
            numeric('Waiting'),
            numeric('Claimed'),
            numeric('Threshold'),
            numeric('Cooling'),
            numeric('Max entries'),
            'Last built',
          ]}
          rows={queues}
          row={(q) => (
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
                {formatDateTime(q.regeneratedAt, 'never')}{' '}
                <span className="muted">(generation {q.generation})</span>
              </td>
            </tr>
          )}
        />
      </section>
      <div className="grid cards">
        {queues.map((q) => (
          <section key={q.id} className="panel" aria-label={`${q.label} scoring weights`}>
            <h2>{q.label}: scoring weights</h2>
            <p className="muted">
              <Link to="/supervisor/settings">Change them on the Settings page</Link>
            </p>
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
          <dt>Compliance profile</dt>
          <dd>{[settings.complianceProfile, ...settings.complianceOverlays].join(' + ')}</dd>
          <dt>Attempts per day</dt>
          <dd>{settings.maxAttemptsPerDay}, lead's local day</dd>
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
