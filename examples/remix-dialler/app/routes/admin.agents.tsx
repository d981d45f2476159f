import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Schema } from 'effect'
import { type ReactNode, useEffect, useRef } from 'react'
import { decodeForm, messageOf } from '../server/forms.server'
import { hashPassword } from '../server/passwords.server'
import { ADMIN_ROLES, auditAccess, supervisorAction, supervisorLoader } from '../server/supervisor.server'

export const meta: MetaFunction = () => [{ title: 'Agents · Ringlane' }]

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running, user } = await supervisorLoader(request, ADMIN_ROLES)
  const agents = await running.db
    .selectFrom('agents')
    .select(['id', 'email', 'display_name', 'role', 'active', 'created_at'])
    .orderBy('active', 'desc')
    .orderBy('display_name')
    .execute()
  return {
    me: user.id,
    agents: agents.map((a) => ({
      id: a.id,
      email: a.email,
      name: a.display_name,
      role: a.role,
      active: a.active,
      createdAt: new Date(a.created_at).toISOString(),
    })),
  }
}

const Role = Schema.Literal('agent', 'supervisor', 'admin').annotations({
  message: () => 'Choose agent, supervisor or admin',
})
const Intent = Schema.Struct({ intent: Schema.Literal('create', 'role', 'deactivate', 'reactivate') })
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
  password: Schema.String.pipe(
    Schema.minLength(12, { message: () => 'Use at least 12 characters' }),
    Schema.maxLength(200, { message: () => 'Use at most 200 characters' }),
  ),
})
const AgentChange = Schema.Struct({
  agentId: Schema.UUID.annotations({ message: () => 'Choose an agent' }),
  role: Schema.optional(Role),
})

type ActionResult =
  | { ok: true; intent: string; message: string }
  | { ok: false; intent: string; fields: Record<string, string>; agentId?: string }

export const action = async ({ request }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction(request, ADMIN_ROLES)
  const { db, dialler } = running
  const form = await request.formData()
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
      const created = await dialler.createAgent(agent, await hashPassword(password))
      await auditAccess(running, {
        actor: user.id,
        action: 'agent.created',
        subject: `agent:${created.id}`,
        detail: { role: created.role },
      })
      return data<ActionResult>({
        ok: true,
        intent: name,
        message: `${created.displayName} can now sign in.`,
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
  const target = await db
    .selectFrom('agents')
    .select(['id', 'display_name'])
    .where('id', '=', agentId)
    .executeTakeFirst()
  if (!target) return fail({ form: 'That account does not exist.' }, agentId)

  if (name === 'role') {
    if (!role) return fail({ role: 'Choose agent, supervisor or admin' }, agentId)
    await db.updateTable('agents').set({ role }).where('id', '=', agentId).execute()
    // New rights take effect at the next sign-in: their sessions end now.
    await db.deleteFrom('app_sessions').where('agent_id', '=', agentId).execute()
    await auditAccess(running, {
      actor: user.id,
      action: 'agent.role_changed',
      subject: `agent:${agentId}`,
      detail: { role },
    })
    return data<ActionResult>({
      ok: true,
      intent: name,
      message: `${target.display_name} is now ${role === 'admin' ? 'an' : 'a'} ${role}.`,
    })
  }
  const active = name === 'reactivate'
  if (!active) {
    // A lead they hold goes back to its queue now rather than when the claim expires.
    const held = await dialler.heldLead(agentId).catch(() => null)
    if (held) await dialler.releaseLead(agentId, held.id).catch(() => undefined)
  }
  await db.updateTable('agents').set({ active }).where('id', '=', agentId).execute()
  if (!active) await db.deleteFrom('app_sessions').where('agent_id', '=', agentId).execute()
  await auditAccess(running, {
    actor: user.id,
    action: active ? 'agent.reactivated' : 'agent.deactivated',
    subject: `agent:${agentId}`,
  })
  return data<ActionResult>({
    ok: true,
    intent: name,
    message: `${target.display_name} ${active ? 'can sign in again' : 'is deactivated and signed out'}.`,
  })
}

export default function AgentsAdmin() {
  const { me, agents } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const createForm = useRef<HTMLFormElement>(null)
  const fields = result && !result.ok && result.intent === 'create' ? result.fields : {}
  useEffect(() => {
    if (result?.ok && result.intent === 'create') createForm.current?.reset()
  }, [result])
  const field = (name: string, label: string, input: ReactNode) => (
    <div>
      <label htmlFor={`new-${name}`}>{label}</label>
      {input}
      {fields[name] && (
        <p id={`new-${name}-error`} className="field-error">
          {fields[name]}
        </p>
      )}
    </div>
  )
  const invalid = (name: string) => ({
    'aria-invalid': !!fields[name],
    'aria-describedby': fields[name] ? `new-${name}-error` : undefined,
  })
  return (
    <div className="grid">
      <h1>Agents</h1>
      {result?.ok && (
        <p className="notice good" role="status">
          {result.message}
        </p>
      )}
      {result && !result.ok && result.intent !== 'create' && (
        <p className="notice bad" role="alert">
          {Object.values(result.fields).join(' ')}
        </p>
      )}
      <section className="panel" aria-label="Add an account">
        <h2>Add an account</h2>
        {fields.form && (
          <p className="notice bad" role="alert">
            {fields.form}
          </p>
        )}
        <Form method="post" ref={createForm} className="filters" noValidate>
          {field(
            'displayName',
            'Name',
            <input id="new-displayName" name="displayName" autoComplete="off" {...invalid('displayName')} />,
          )}
          {field(
            'email',
            'Email',
            <input id="new-email" name="email" type="email" autoComplete="off" {...invalid('email')} />,
          )}
          {field(
            'role',
            'Role',
            <select id="new-role" name="role" defaultValue="agent" {...invalid('role')}>
              <option value="agent">Agent</option>
              <option value="supervisor">Supervisor</option>
              <option value="admin">Admin</option>
            </select>,
          )}
          {field(
            'password',
            'First password',
            <input
              id="new-password"
              name="password"
              type="password"
              autoComplete="new-password"
              {...invalid('password')}
            />,
          )}
          <div className="actions">
            <button type="submit" name="intent" value="create" disabled={busy}>
              Add account
            </button>
          </div>
        </Form>
      </section>
      <section className="panel" aria-label="Accounts">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.id} data-testid={`account-${a.email}`}>
                <th scope="row">{a.name}</th>
                <td>{a.email}</td>
                <td>
                  {a.id === me ? (
                    a.role
                  ) : (
                    <Form method="post" className="row">
                      <input type="hidden" name="agentId" value={a.id} />
                      <label htmlFor={`role-${a.id}`} className="sr-only">
                        Role of {a.name}
                      </label>
                      <select id={`role-${a.id}`} name="role" defaultValue={a.role} style={{ width: 'auto' }}>
                        <option value="agent">agent</option>
                        <option value="supervisor">supervisor</option>
                        <option value="admin">admin</option>
                      </select>
                      <button type="submit" name="intent" value="role" className="secondary" disabled={busy}>
                        Change role
                      </button>
                    </Form>
                  )}
                </td>
                <td>
                  {a.active ? (
                    <span className="pill good">active</span>
                  ) : (
                    <span className="pill">deactivated</span>
                  )}
                </td>
                <td>
                  {a.id === me ? (
                    <span className="muted">you</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="agentId" value={a.id} />
                      <button
                        type="submit"
                        name="intent"
                        value={a.active ? 'deactivate' : 'reactivate'}
                        className={a.active ? 'danger' : 'secondary'}
                        disabled={busy}
                        aria-label={`${a.active ? 'Deactivate' : 'Reactivate'} ${a.name}`}
                      >
                        {a.active ? 'Deactivate' : 'Reactivate'}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
