import type { MetaFunction } from '@remix-run/node'
import { useActionData, useFetcher, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { DataTable } from '../components/data-table'
import { CALL_CENTRE_TIME_ZONE, formatInZone } from '../utils/dates'
import type { action, loader } from './agent.callbacks.server'

export { action, loader } from './agent.callbacks.server'

export const meta: MetaFunction = () => [{ title: 'My callbacks · Ringlane' }]

export default function AgentCallbacks() {
  const { callbacks, openWindowHours, colleagues } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  // The agent's clock: the call centre's until the browser says its own (the server cannot know it).
  const [agentZone, setAgentZone] = useState(CALL_CENTRE_TIME_ZONE)
  useEffect(() => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone
    if (browser) setAgentZone(browser)
  }, [])
  return (
    <section className="panel">
      <h1>My callbacks</h1>
      <p className="muted">
        Yours, and open ones due in the next {openWindowHours} hours. Due callbacks come to you through the
        callbacks queue when you take the next lead.
      </p>
      {result && (
        <p className={`notice ${result.ok ? '' : 'bad'}`} role={result.ok ? 'status' : 'alert'}>
          {result.ok ? result.notice : result.error}
        </p>
      )}
      {callbacks.length === 0 ? (
        <p>No callbacks waiting.</p>
      ) : (
        <DataTable
          columns={['Due (your time)', 'Their time', 'Number', 'For', 'Notes', 'Change']}
          rows={callbacks}
          row={(callback) => (
            <tr key={callback.id} data-testid="callback">
              <td data-testid="callback-agent-time">
                {formatInZone(callback.dueAt, agentZone)}{' '}
                {callback.overdue && <span className="pill bad">overdue</span>}
              </td>
              <td data-testid="callback-lead-time">
                {callback.leadZones.map((zone) => (
                  <div key={zone}>{formatInZone(callback.dueAt, zone)}</div>
                ))}
              </td>
              <td>{callback.phone}</td>
              <td>{callback.mine ? 'You' : 'Whoever is free'}</td>
              <td>{callback.notes ?? ''}</td>
              <td>
                <CallbackChanges id={callback.id} zone={agentZone} colleagues={colleagues} />
              </td>
            </tr>
          )}
        />
      )}
    </section>
  )
}

/** Move, hand over or cancel one callback, each a small form that works before hydration. */
const CallbackChanges = ({
  id,
  zone,
  colleagues,
}: {
  id: string
  zone: string
  colleagues: ReadonlyArray<{ id: string; name: string }>
}) => {
  const change = useFetcher<typeof action>()
  const failed = change.data && !change.data.ok ? change.data.error : null
  return (
    <div className="grid" style={{ gap: '0.25rem' }}>
      <change.Form method="post" className="row">
        <input type="hidden" name="callbackId" value={id} />
        <input type="hidden" name="timeZone" value={zone} />
        <label className="sr-only" htmlFor={`move-${id}`}>
          New time
        </label>
        <input id={`move-${id}`} name="dueAt" type="datetime-local" required style={{ width: 'auto' }} />
        <button type="submit" name="intent" value="move" className="secondary">
          Move
        </button>
      </change.Form>
      <change.Form method="post" className="row">
        <input type="hidden" name="callbackId" value={id} />
        <label className="sr-only" htmlFor={`to-${id}`}>
          Hand to
        </label>
        <select id={`to-${id}`} name="to" defaultValue="anyone" style={{ width: 'auto' }}>
          <option value="anyone">Whoever is free</option>
          {colleagues.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" name="intent" value="hand-over" className="secondary">
          Hand over
        </button>
        <button type="submit" name="intent" value="cancel" className="danger" formNoValidate>
          Cancel
        </button>
      </change.Form>
      {failed && (
        <p className="notice bad" role="alert">
          {failed}
        </p>
      )}
    </div>
  )
}
