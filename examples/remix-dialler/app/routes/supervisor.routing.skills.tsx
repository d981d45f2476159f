import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { DataTable } from '../components/data-table'
import { FieldError, invalidProps } from '../components/forms'
import type { action, loader } from './supervisor.routing.skills.server'

export { action, loader } from './supervisor.routing.skills.server'

export const meta: MetaFunction = () => [{ title: "Agents' skills · Routing · Ringlane" }]

/** Each agent's skills (with a level from 1 to 10) and languages, as routing rules read them. */
export default function AgentSkillsPage() {
  const { agents } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  return (
    <div className="grid">
      <p>
        <Link to="/supervisor/routing">← Routing</Link>
      </p>
      <h1>Agents' skills and languages</h1>
      <p className="muted">
        Skills as <code>welsh:8, motor:3</code> (level 1 to 10; no level: 5), languages as <code>cy, en</code>
        . Rules read them as <code>agent.skills</code> and <code>agent.languages</code>.
      </p>
      <section className="panel" aria-label="Agents' skills">
        <DataTable
          columns={['Agent', 'Skills', 'Languages', '']}
          rows={agents}
          empty="No active agents."
          row={(agent) => {
            const mine = result?.agentId === agent.id ? result : undefined
            const error = (field: string) =>
              mine && !mine.ok && mine.field === field ? mine.message : undefined
            const form = `skills-${agent.id}`
            return (
              <tr key={agent.id} data-testid={`skills-${agent.name}`}>
                <th scope="row">{agent.name}</th>
                <td>
                  <input
                    form={form}
                    name="skills"
                    aria-label={`${agent.name}'s skills`}
                    defaultValue={agent.skills}
                    {...invalidProps(`${form}-skills`, error('skills'))}
                  />
                  <FieldError id={`${form}-skills`} error={error('skills')} />
                </td>
                <td>
                  <input
                    form={form}
                    name="languages"
                    aria-label={`${agent.name}'s languages`}
                    defaultValue={agent.languages}
                    {...invalidProps(`${form}-languages`, error('languages'))}
                  />
                  <FieldError id={`${form}-languages`} error={error('languages')} />
                </td>
                <td>
                  <Form method="post" id={form}>
                    <input type="hidden" name="agentId" value={agent.id} />
                    <button type="submit" disabled={busy} aria-label={`Save ${agent.name}'s skills`}>
                      Save
                    </button>
                    {mine?.ok && <span role="status"> {mine.message}</span>}
                  </Form>
                </td>
              </tr>
            )
          }}
        />
      </section>
    </div>
  )
}
