import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { issueAccountLink } from '../server/account-links.server'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { hashPassword } from '../server/passwords.server'
import { ADMIN_ROLES, auditAccess, supervisorAction, supervisorLoader } from '../server/supervisor.server'

/** Every account, active first. Admins only. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running, user } = await supervisorLoader(request, ADMIN_ROLES)
  const accounts = await running.ringlane.agents.list()
  // Active first; each group by name, as the SDK lists them.
  const agents = [...accounts.filter((a) => a.active), ...accounts.filter((a) => !a.active)]
  return {
    me: user.id,
    agents: agents.map((a) => ({
      id: a.id as string,
      email: a.email,
      name: a.displayName,
      role: a.role,
      active: a.active,
      createdAt: a.createdAt.toISOString(),
    })),
  }
}

const Role = Schema.Literal('agent', 'supervisor', 'admin').annotations({
  message: () => 'Choose agent, supervisor or admin',
})
const Intent = Schema.Struct({
  intent: Schema.Literal('create', 'role', 'deactivate', 'reactivate', 'reset-link'),
})
const NewAgent = Schema.Struct({
  email: Schema.String.pipe(
    Schema.trimmed(),
    Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => 'Enter an email address' }),
  ),
  displayName: Schema.String.pipe(
    Schema.trimmed(),
    Schema.minLength(1, { message: () => 'Enter their name' }),
    Schema.maxLength(100, { message: () => 'Keep the name under 100 characters' }),
  ),
  role: Role,
  // Empty: no password yet, and an invitation link for them to choose one.
  password: Schema.optional(
    Schema.String.pipe(
      Schema.filter((password) =>
        password === ''
          ? true
          : password.length < 12
            ? 'Use at least 12 characters'
            : password.length > 200
              ? 'Use at most 200 characters'
              : password.includes('\0')
                ? 'A password cannot contain a NUL character'
                : true,
      ),
    ),
  ),
})
const AgentChange = Schema.Struct({
  agentId: Schema.UUID.annotations({ message: () => 'Choose an agent' }),
  role: Schema.optional(Role),
})

/** A link shown once to the admin, to pass on: the only copy of its token. */
type AccountLink = { url: string; expiresAt: string }
type ActionResult =
  | { ok: true; intent: string; message: string; link?: AccountLink }
  | { ok: false; intent: string; fields: Record<string, string>; agentId?: string }

/** Adds an account, changes a role, deactivates or reactivates; every change is audited. Admins only. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context }, ADMIN_ROLES)
  const { db, ringlane } = running
  const form = await readForm(request)
  const intent = decodeForm(Intent, form)
  if (!intent.ok)
    return data<ActionResult>({ ok: false, intent: 'unknown', fields: intent.fields }, { status: 400 })
  const name = intent.value.intent
  const fail = (fields: Record<string, string>, agentId?: string) =>
    data<ActionResult>({ ok: false, intent: name, fields, ...(agentId ? { agentId } : {}) }, { status: 400 })

  if (name === 'create') {
    const input = decodeForm(NewAgent, form)
    if (!input.ok) return fail(input.fields)
    const { password, ...agent } = input.value
    try {
      const created = await ringlane.agents.create(agent, password ? await hashPassword(password) : undefined)
      await auditAccess(running, {
        actor: user.id,
        action: password ? 'agent.created' : 'agent.invited',
        subject: `agent:${created.id}`,
        detail: { role: created.role },
      })
      if (password)
        return data<ActionResult>({
          ok: true,
          intent: name,
          message: `${created.displayName} can now sign in.`,
        })
      const link = await issueAccountLink(running, {
        agentId: created.id,
        purpose: 'invite',
        createdBy: user.id,
      })
      return data<ActionResult>({
        ok: true,
        intent: name,
        message: `${created.displayName} is invited: send them this link to choose their password.`,
        link: { url: link.url, expiresAt: link.expiresAt.toISOString() },
      })
    } catch (error) {
      const field = (error as { field?: string }).field
      return fail({
        [field === 'email' || field === 'displayName' || field === 'role' ? field : 'form']: messageOf(error),
      })
    }
  }

  const change = decodeForm(AgentChange, form)
  if (!change.ok) return fail(change.fields)
  const { agentId, role } = change.value
  // An admin cannot lock themselves out: someone else must demote or deactivate them.
  if (agentId === user.id) return fail({ form: 'You cannot change your own account here.' }, agentId)
  const target = (await ringlane.agents.list()).find((a) => a.id === agentId)
  if (!target) return fail({ form: 'That account does not exist.' }, agentId)

  if (name === 'role') {
    if (!role) return fail({ role: 'Choose agent, supervisor or admin' }, agentId)
    await ringlane.agents.update(agentId, { role })
    // New rights take effect at the next sign-in: their sessions end now, and they leave the floor.
    await db.deleteFrom('app_sessions').where('agent_id', '=', agentId).execute()
    await ringlane.agents.signOff(agentId, 'role changed')
    await auditAccess(running, {
      actor: user.id,
      action: 'agent.role_changed',
      subject: `agent:${agentId}`,
      detail: { before: target.role, after: role },
    })
    return data<ActionResult>({
      ok: true,
      intent: name,
      message: `${target.displayName} is now ${role === 'admin' ? 'an' : 'a'} ${role}.`,
    })
  }
  if (name === 'reset-link') {
    if (!target.active)
      return fail({ form: `${target.displayName} is deactivated: reactivate them first.` }, agentId)
    const link = await issueAccountLink(running, { agentId, purpose: 'reset', createdBy: user.id })
    await auditAccess(running, {
      actor: user.id,
      action: 'agent.password_reset_issued',
      subject: `agent:${agentId}`,
    })
    return data<ActionResult>({
      ok: true,
      intent: name,
      message: `Send ${target.displayName} this link to choose a new password; their current one works until then.`,
      link: { url: link.url, expiresAt: link.expiresAt.toISOString() },
    })
  }
  const active = name === 'reactivate'
  // Off the floor now: a live call hung up, offline, a held lead back to its queue.
  if (!active) await ringlane.agents.signOff(agentId, 'account deactivated')
  await ringlane.agents.update(agentId, { active })
  if (!active) await db.deleteFrom('app_sessions').where('agent_id', '=', agentId).execute()
  await auditAccess(running, {
    actor: user.id,
    action: active ? 'agent.reactivated' : 'agent.deactivated',
    subject: `agent:${agentId}`,
  })
  return data<ActionResult>({
    ok: true,
    intent: name,
    message: `${target.displayName} ${active ? 'can sign in again' : 'is deactivated and signed out'}.`,
  })
}
