import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormError } from '../components/forms'
import { RoutingQueueFields } from '../components/routing-queue-form'
import { RoutingTester } from '../components/routing-tester'
import type { action, loader } from './supervisor.routing.$queueId.server'

export { action, loader } from './supervisor.routing.$queueId.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.queue.name ?? 'Queue'} · Routing · Ringlane` },
]

/** A live-call queue: its settings and rule steps, and the "which agent would get this call" tester. */
export default function RoutingQueuePage() {
  const { queue, options, query, test } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const errors = result && !result.ok ? result.fields : {}
  return (
    <div className="grid">
      <p>
        <Link to="/supervisor/routing">← Routing</Link>
      </p>
      <h1>{queue.name}</h1>
      <p className="muted">Version {queue.version}</p>
      <RoutingTester queueId={queue.id} agents={options.agents} query={query} test={test} />
      <section className="panel" aria-label="Settings">
        <h2>Settings and rule steps</h2>
        {result?.ok && (
          <p className="notice good" role="status">
            {result.message}
          </p>
        )}
        <FormError error={errors.form} />
        <Form method="post" noValidate>
          <RoutingQueueFields
            options={options}
            values={result && !result.ok && result.values ? result.values : queue}
            errors={errors}
            isNew={false}
          />
          <div className="actions">
            <button type="submit" name="intent" value="save" disabled={busy}>
              Save changes
            </button>
            <button type="submit" name="intent" value="delete" className="secondary" disabled={busy}>
              Delete queue
            </button>
          </div>
        </Form>
      </section>
    </div>
  )
}
