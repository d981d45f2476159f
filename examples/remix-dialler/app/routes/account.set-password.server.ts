import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Schema } from 'effect'
import { openAccountLink, setPasswordByLink } from '../server/account-links.server'
import { app } from '../server/app.server'
import { checkOrigin, limitActions } from '../server/auth.server'
import { decodeForm, readForm } from '../server/forms.server'
import { ChosenPassword } from '../server/passwords.server'
import { auditAccess } from '../server/supervisor.server'

// The token is in the URL: no referrer carries it to another site, and no cache keeps the page.
const headers = { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' }

const Token = Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]{43}$/))
const tokenOf = (value: unknown) => (Schema.is(Token)(value) ? value : null)

/** Whose invitation or reset this link is, or that it no longer works; nobody needs to be signed in. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const token = tokenOf(new URL(request.url).searchParams.get('token'))
  const link = token ? await openAccountLink(running, token) : null
  return data(
    link && token
      ? {
          valid: true as const,
          token,
          name: link.agent.displayName,
          email: link.agent.email,
          purpose: link.purpose,
        }
      : { valid: false as const },
    { headers },
  )
}

const SetPassword = Schema.extend(Schema.Struct({ token: Token }), ChosenPassword)

/** Sets the password once; the link is spent, every session of the account ends, then sign in. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const running = await app()
  checkOrigin(request, running.publicBaseUrl)
  limitActions(running, request, context)
  const input = decodeForm(SetPassword, await readForm(request))
  if (!input.ok) return data({ fields: input.fields }, { status: 400, headers })
  const set = await setPasswordByLink(running, input.value.token, input.value.password)
  if (!set)
    return data(
      {
        fields: {
          form: 'This link no longer works: it was used, replaced or has expired. Ask an admin for a new one.',
        },
      },
      { status: 410, headers },
    )
  await auditAccess(running, {
    actor: set.agentId,
    action: set.purpose === 'invite' ? 'agent.invitation_accepted' : 'agent.password_reset',
    subject: `agent:${set.agentId}`,
  })
  return redirect('/login?password=set', { headers })
}
