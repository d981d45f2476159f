import type { MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { Field } from '../components/forms'
import type { action } from './login.server'

export { action, loader } from './login.server'

export const meta: MetaFunction = () => [{ title: 'Sign in · Ringlane' }]

export default function Login() {
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const busy = useNavigation().state !== 'idle'
  const fields: Record<string, string> = result?.fields ?? {}
  return (
    <div className="login panel">
      <h1>Sign in</h1>
      {params.get('password') === 'set' && !result && (
        <p className="notice good" role="status">
          Your password is set. Sign in with it.
        </p>
      )}
      {result?.error && (
        <p className="notice bad" role="alert">
          {result.error}
        </p>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="next" value={params.get('next') ?? '/'} />
        <Field id="email" label="Email" error={fields.email}>
          {(input) => <input {...input} name="email" type="email" autoComplete="username" required />}
        </Field>
        <Field id="password" label="Password" error={fields.password}>
          {(input) => (
            <input {...input} name="password" type="password" autoComplete="current-password" required />
          )}
        </Field>
        <p>
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </p>
      </Form>
    </div>
  )
}
