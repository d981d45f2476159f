import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { PasswordFields } from '../components/password-fields'
import type { action, loader } from './account.set-password.server'

export { action, loader } from './account.set-password.server'

export const meta: MetaFunction = () => [
  { title: 'Choose a password · Ringlane' },
  { name: 'referrer', content: 'no-referrer' },
]

export default function SetPassword() {
  const link = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const fields: Record<string, string> = result?.fields ?? {}
  if (!link.valid)
    return (
      <div className="login panel">
        <h1>This link no longer works</h1>
        <p>It was used, replaced by a newer one, or has expired. Ask an admin for a new link.</p>
        <Link to="/login">Sign in</Link>
      </div>
    )
  return (
    <div className="login panel">
      <h1>{link.purpose === 'invite' ? 'Welcome to Ringlane' : 'Choose a new password'}</h1>
      <p>
        For {link.name} <span className="muted">({link.email})</span>
      </p>
      {fields.form && (
        <p className="notice bad" role="alert">
          {fields.form}
        </p>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="token" value={link.token} />
        <PasswordFields fields={fields} />
        <p>
          <button type="submit" disabled={busy}>
            Set password
          </button>
        </p>
      </Form>
    </div>
  )
}
