import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { DataTable } from '../components/data-table'
import { CALL_CENTRE_TIME_ZONE, formatInZone } from '../utils/dates'
import type { loader } from './agent.callbacks.server'

export { loader } from './agent.callbacks.server'

export const meta: MetaFunction = () => [{ title: 'My callbacks · Ringlane' }]

export default function AgentCallbacks() {
  const { callbacks, openWindowHours } = useLoaderData<typeof loader>()
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
      {callbacks.length === 0 ? (
        <p>No callbacks waiting.</p>
      ) : (
        <DataTable
          columns={['Due (your time)', 'Their time', 'Number', 'For', 'Notes']}
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
            </tr>
          )}
        />
      )}
    </section>
  )
}
