import type { MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useOutlet } from '@remix-run/react'
import { DataTable, numeric } from '../components/data-table'
import { CreatePanel } from '../components/forms'
import { RoutingQueueFields } from '../components/routing-queue-form'
import type { action, loader } from './supervisor.routing.server'

export { action, loader } from './supervisor.routing.server'

export const meta: MetaFunction = () => [{ title: 'Routing · Ringlane' }]

/** The live-call queues and a form for a new one; a queue's own page opens in its place. */
export default function RoutingPage() {
  const outlet = useOutlet()
  return outlet ?? <Queues />
}

const Queues = () => {
  const { queues, options, blank } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result && !result.ok ? result.fields : {}
  return (
    <div className="grid">
      <h1>Routing</h1>
      <p>
        <Link to="/supervisor/routing/skills">Agents' skills and languages</Link>
      </p>
      <section className="panel" aria-label="Live-call queues">
        <h2>Live-call queues</h2>
        <DataTable
          columns={['Queue', 'Strategy', 'Max wait', 'Overflow', numeric('Steps'), numeric('Version')]}
          rows={queues}
          empty="No live-call queues yet."
          row={(q) => (
            <tr key={q.id} data-testid={`routing-queue-${q.id}`}>
              <th scope="row">
                <Link to={`/supervisor/routing/${q.id}`}>{q.name}</Link>
              </th>
              <td>{q.strategy}</td>
              <td>{q.maxWait}</td>
              <td>{q.overflow}</td>
              <td className="num">{q.steps}</td>
              <td className="num">{q.version}</td>
            </tr>
          )}
        />
      </section>
      <CreatePanel title="New queue" submit="Create queue" error={errors.form}>
        <RoutingQueueFields options={options} values={result?.values ?? blank} errors={errors} isNew />
      </CreatePanel>
    </div>
  )
}
