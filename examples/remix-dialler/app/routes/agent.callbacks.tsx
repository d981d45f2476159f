import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { DataTable } from '../components/data-table'
import { formatDateTime } from '../utils/dates'
import type { loader } from './agent.callbacks.server'

export { loader } from './agent.callbacks.server'

export const meta: MetaFunction = () => [{ title: 'My callbacks · Ringlane' }]

export default function AgentCallbacks() {
  const { callbacks, openWindowHours } = useLoaderData<typeof loader>()
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
          columns={['Due', 'Number', 'For', 'Notes']}
          rows={callbacks}
          row={(callback) => (
            <tr key={callback.id} data-testid="callback">
              <td>
                {formatDateTime(callback.dueAt)}{' '}
                {callback.overdue && <span className="pill bad">overdue</span>}
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
