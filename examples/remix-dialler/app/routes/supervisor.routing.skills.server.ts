import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { messageOf, readForm } from '../server/forms.server'
import { listFromText, skillsAsText, skillsFromText } from '../server/routing.server'
import { supervisorAction, supervisorLoader } from '../server/supervisor.server'

/** Every active agent with the skills and languages routing knows for them. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const [accounts, skills] = await Promise.all([
    running.ringlane.agents.list(),
    running.ringlane.routing.agentSkills(),
  ])
  const byAgent = new Map(skills.map((s) => [s.agentId as string, s]))
  return {
    agents: accounts
      .filter((a) => a.active && a.role === 'agent')
      .map((a) => ({
        id: a.id as string,
        name: a.displayName,
        skills: skillsAsText(byAgent.get(a.id)?.skills ?? {}),
        languages: (byAgent.get(a.id)?.languages ?? []).join(', '),
      })),
  }
}

export type SkillsActionResult =
  | { ok: true; agentId: string; message: string }
  | { ok: false; agentId: string; field: string; message: string }

/** Sets one agent's skills ("welsh:8, motor:3") and languages ("cy, en"); the SDK names a wrong one. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  const value = (name: string) => (typeof form.get(name) === 'string' ? String(form.get(name)) : '')
  const agentId = value('agentId')
  try {
    await running.ringlane.routing.setAgentSkills(
      {
        agentId,
        skills: skillsFromText(value('skills')),
        languages: listFromText(value('languages')),
      } as never,
      user.id,
    )
    return data<SkillsActionResult>({ ok: true, agentId, message: 'Saved.' })
  } catch (error) {
    const field = String((error as { field?: unknown }).field ?? '').split('.')[0] ?? ''
    return data<SkillsActionResult>(
      {
        ok: false,
        agentId,
        field: field === 'languages' ? 'languages' : 'skills',
        message: messageOf(error),
      },
      { status: 400 },
    )
  }
}
