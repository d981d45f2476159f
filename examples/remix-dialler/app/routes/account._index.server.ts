import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { endOtherSessions } from '../server/auth.server'
import { decodeForm, readForm } from '../server/forms.server'
import { ChosenPassword, hashPassword, verifyPassword } from '../server/passwords.server'
import { auditAccess, supervisorAction, supervisorLoader } from '../server/supervisor.server'

/** Every role has an account page. */
const ANY_ROLE = ['agent', 'supervisor', 'admin'] as const

/** Your own account: who you are signed in as. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { user } = await supervisorLoader(request, ANY_ROLE)
  return { name: user.displayName, email: user.email, role: user.role }
}

const PasswordChange = Schema.extend(
  Schema.Struct({
    current: Schema.String.pipe(Schema.minLength(1, { message: () => 'Enter your current password' })),
  }),
  ChosenPassword,
)

type Result = { ok: true } | { ok: false; fields: Record<string, string> }

/**
 * Changes your password: the current one first (a session left open on a shared desk cannot change
 * it), then the new one twice. Your other sessions end; this one stays.
 */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context }, ANY_ROLE)
  const change = decodeForm(PasswordChange, await readForm(request))
  if (!change.ok) return data<Result>({ ok: false, fields: change.fields }, { status: 400 })
  const account = await running.ringlane.agents.credentials(user.email)
  if (!(await verifyPassword(change.value.current, account?.passwordHash ?? null)))
    return data<Result>(
      { ok: false, fields: { current: 'That is not your current password' } },
      { status: 400 },
    )
  await running.ringlane.agents.setPassword(user.id, await hashPassword(change.value.password))
  await endOtherSessions(running, running.publicBaseUrl, request, user.id)
  await auditAccess(running, {
    actor: user.id,
    action: 'agent.password_changed',
    subject: `agent:${user.id}`,
  })
  return data<Result>({ ok: true })
}
