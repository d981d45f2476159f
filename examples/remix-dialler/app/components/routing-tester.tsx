import { Form } from '@remix-run/react'
import type { Routing } from '@ringlane/core'
import { DataTable, numeric } from './data-table'
import { Field } from './forms'

type Decision = Routing.RoutingDecision
const yes = (value: boolean) => (value ? '✓' : '✗')

/**
 * "Which agent would get this call": a GET form (works before hydration, and the URL says what was
 * asked), then the SDK's own decision, rule step by rule step. Nothing is reserved or written.
 */
export const RoutingTester = ({
  queueId,
  agents,
  query,
  test,
}: {
  queueId: string
  agents: ReadonlyArray<{ id: string; name: string }>
  query: {
    language: string
    skills: string
    attributes: string
    preferredAgentId: string
    waitedSeconds: number
  }
  test: { ok: true; decision: Decision } | { ok: false; message: string } | null
}) => (
  <section className="panel" aria-label="Which agent would get this call">
    <h2>Which agent would get this call?</h2>
    <Form method="get" action={`/supervisor/routing/${queueId}`}>
      <input type="hidden" name="test" value="1" />
      <div className="filters">
        <Field id="tester-language" label="Caller's language">
          {(input) => (
            <input
              {...input}
              name="language"
              defaultValue={query.language}
              placeholder="cy"
              autoComplete="off"
            />
          )}
        </Field>
        <Field id="tester-skills" label="Skills wanted (comma separated)">
          {(input) => <input {...input} name="skills" defaultValue={query.skills} autoComplete="off" />}
        </Field>
        <Field id="tester-preferred" label="Last spoke to">
          {(input) => (
            <select {...input} name="preferredAgentId" defaultValue={query.preferredAgentId}>
              <option value="">Nobody</option>
              {agents.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="tester-waited" label="Waited (seconds)">
          {(input) => (
            <input {...input} name="waitedSeconds" inputMode="numeric" defaultValue={query.waitedSeconds} />
          )}
        </Field>
        <Field id="tester-attributes" label="Other attributes (name=value, one a line)">
          {(input) => <textarea {...input} name="attributes" rows={2} defaultValue={query.attributes} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit">Test</button>
      </div>
    </Form>
    {test && !test.ok && (
      <p className="notice bad" role="alert">
        {test.message}
      </p>
    )}
    {test?.ok && <Explained decision={test.decision} />}
  </section>
)

const Explained = ({ decision }: { decision: Decision }) => (
  <div data-testid="routing-decision">
    <p className={decision.agentId ? 'notice good' : 'notice'} data-testid="routing-verdict">
      {decision.agentName ? `${decision.agentName} would get the call. ` : ''}
      {decision.reason}
    </p>
    <DataTable
      columns={['Step', 'Expression', numeric('From'), numeric('Until'), 'In force']}
      rows={decision.steps}
      empty="No rule steps: any agent of the queue."
      row={(step) => (
        <tr key={step.step} data-testid={`routing-step-${step.step}`}>
          <th scope="row">{step.step}</th>
          <td>
            <code>{step.expression}</code>
          </td>
          <td className="num">{step.fromSeconds} s</td>
          <td className="num">{step.untilSeconds === null ? '—' : `${step.untilSeconds} s`}</td>
          <td>{step.inForce ? 'in force' : ''}</td>
        </tr>
      )}
    />
    <DataTable
      columns={['Agent', 'State', 'Required skills', ...decision.steps.map((s) => `Step ${s.step}`), 'Why']}
      rows={decision.agents}
      empty="The queue has no active agents."
      row={(agent) => (
        <tr key={agent.agentId} data-testid={`routing-agent-${agent.name}`}>
          <th scope="row">{agent.name}</th>
          <td>{agent.state.replace('_', ' ')}</td>
          <td>{yes(agent.qualified)}</td>
          {agent.matchesStep.map((matches, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a step is its position
            <td key={index}>{yes(matches)}</td>
          ))}
          <td>{agent.why}</td>
        </tr>
      )}
    />
    {decision.offerOrder.length > 1 && (
      <p className="muted">
        Offered in this order:{' '}
        {decision.offerOrder.map((agent) => `${agent.name} (${agent.reason})`).join(', ')}
      </p>
    )}
  </div>
)
