import type { MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Field, SubmitActions } from '../components/forms'
import { PasswordFields } from '../components/password-fields'
import type { action, loader } from './account._index.server'

export { action, loader } from './account._index.server'

export const meta: MetaFunction = () => [{ title: 'Your account · Ringlane' }]

export default function Account() {
  const { name, email, role } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const fields: Record<string, string> = result && !result.ok ? result.fields : {}
  return (
    <div className="grid">
      <h1>Your account</h1>
      <p>
        {name}{' '}
        <span className="muted">
          ({email}, {role})
        </span>
      </p>
      <section className="panel" aria-label="Change your password">
        <h2>Change your password</h2>
        {result?.ok && (
          <p className="notice good" role="status">
            Your password is changed. Your other sessions are signed out.
          </p>
        )}
        <Form method="post" noValidate className="filters">
          <Field id="current" label="Current password" error={fields.current}>
            {(input) => <input {...input} name="current" type="password" autoComplete="current-password" />}
          </Field>
          <PasswordFields fields={fields} />
          <SubmitActions submit="Change password" />
        </Form>
      </section>
    </div>
  )
}
