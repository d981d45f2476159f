import type { MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { DataTable } from '../components/data-table'
import { Field, SubmitActions } from '../components/forms'
import { formatDateTime } from '../utils/dates'
import type { action, loader } from './admin.agents.server'

export { action, loader } from './admin.agents.server'

export const meta: MetaFunction = () => [{ title: 'Agents · Ringlane' }]

type Account = ReturnType<typeof useLoaderData<typeof loader>>['agents'][number]

export default function AgentsAdmin() {
  const { me, agents } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const createForm = useRef<HTMLFormElement>(null)
  const fields = result && !result.ok && result.intent === 'create' ? result.fields : {}
  useEffect(() => {
    if (result?.ok && result.intent === 'create') createForm.current?.reset()
  }, [result])
  return (
    <div className="grid">
      <h1>Agents</h1>
      {result?.ok && (
        <div className="notice good" role="status">
          <p>{result.message}</p>
          {result.link && (
            <p>
              <label htmlFor="account-link">
                Link (works once, until {formatDateTime(result.link.expiresAt)})
              </label>
              <input
                id="account-link"
                readOnly
                value={result.link.url}
                onFocus={(e) => e.currentTarget.select()}
              />
            </p>
          )}
        </div>
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
          <Field id="new-displayName" label="Name" error={fields.displayName}>
            {(input) => <input {...input} name="displayName" autoComplete="off" />}
          </Field>
          <Field id="new-email" label="Email" error={fields.email}>
            {(input) => <input {...input} name="email" type="email" autoComplete="off" />}
          </Field>
          <Field id="new-role" label="Role" error={fields.role}>
            {(input) => (
              <select {...input} name="role" defaultValue="agent">
                <option value="agent">Agent</option>
                <option value="supervisor">Supervisor</option>
                <option value="admin">Admin</option>
              </select>
            )}
          </Field>
          <Field
            id="new-password"
            label="First password (or leave empty for an invitation link)"
            error={fields.password}
          >
            {(input) => <input {...input} name="password" type="password" autoComplete="new-password" />}
          </Field>
          <SubmitActions submit="Add account" intent="create" />
        </Form>
      </section>
      <section className="panel" aria-label="Accounts">
        <DataTable
          columns={['Name', 'Email', 'Role', 'Status', 'Actions']}
          rows={agents}
          row={(a) => <AccountRow key={a.id} account={a} me={a.id === me} busy={busy} />}
        />
      </section>
    </div>
  )
}

/** One account: its role (changeable), whether it can sign in, and (de)activation; not for your own. */
const AccountRow = ({ account: a, me, busy }: { account: Account; me: boolean; busy: boolean }) => (
  <tr data-testid={`account-${a.email}`}>
    <th scope="row">{a.name}</th>
    <td>{a.email}</td>
    <td>
      {me ? (
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
      {a.active ? <span className="pill good">active</span> : <span className="pill">deactivated</span>}
    </td>
    <td>
      {me ? (
        <span className="muted">you</span>
      ) : (
        <Form method="post">
          <input type="hidden" name="agentId" value={a.id} />
          {a.active && (
            <button
              type="submit"
              name="intent"
              value="reset-link"
              className="secondary"
              disabled={busy}
              aria-label={`Password reset link for ${a.name}`}
            >
              Reset link
            </button>
          )}{' '}
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
)
