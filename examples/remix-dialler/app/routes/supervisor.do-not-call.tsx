import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { DataTable, numeric } from '../components/data-table'
import { Field } from '../components/forms'
import { Pager } from '../components/pager'
import { formatDateTime } from '../utils/dates'
import type { action, loader } from './supervisor.do-not-call.server'

export { action, loader } from './supervisor.do-not-call.server'

export const meta: MetaFunction = () => [{ title: 'Do-not-call list · Ringlane' }]

export default function DoNotCall() {
  const { lists, entries, pages, csvHref } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fields = (result && !result.ok && result.fields) || {}
  const rowErrors = result && 'errors' in result ? (result.errors ?? []) : []
  return (
    <div className="grid">
      <div className="row">
        <h1>Do-not-call list</h1>
        <span className="spacer" />
        <Link to="/supervisor/compliance">Compliance report</Link>
      </div>
      <p className="muted">
        A number on the internal list is never called or texted again, from every desk, as soon as it is
        added. Register copies (TPS, CTPS, the US national registry) are checked for marketing calls.
      </p>
      {result &&
        (result.ok ? (
          <div className="notice good" role="status">
            {result.message}
          </div>
        ) : (
          <p className="notice bad" role="alert">
            {result.error}
          </p>
        ))}
      {rowErrors.length > 0 && (
        <section className="panel" aria-label="Rows not imported">
          <h2>Rows not imported</h2>
          <DataTable
            columns={[numeric('Row'), 'Content', 'Problem']}
            rows={rowErrors}
            row={(r) => (
              <tr key={r.row} data-testid="import-row-error">
                <td className="num">{r.row}</td>
                <td>
                  <code>{r.input}</code>
                </td>
                <td>{r.message}</td>
              </tr>
            )}
          />
        </section>
      )}
      <div className="grid two">
        <Form method="post" className="panel" aria-label="Add a number">
          <h2>Add a number</h2>
          <Field id="phone" label="Phone number" error={fields.phone}>
            {(input) => <input {...input} name="phone" required autoComplete="off" />}
          </Field>
          <Field id="reason" label="Reason" error={fields.reason}>
            {(input) => <input {...input} name="reason" required />}
          </Field>
          <button type="submit" name="intent" value="add" disabled={busy}>
            Add to the list
          </button>
        </Form>
        <Form method="post" encType="multipart/form-data" className="panel" aria-label="Import a list">
          <h2>Import a list</h2>
          <Field id="listId" label="List" error={fields.listId}>
            {(input) => (
              <select {...input} name="listId" defaultValue="internal">
                <option value="internal">Internal (CSV: phone,reason,source)</option>
                <option value="TPS">TPS full download</option>
                <option value="CTPS">CTPS full download</option>
                <option value="US-NATIONAL-DNC">US National DNC full list</option>
              </select>
            )}
          </Field>
          <Field id="file" label="File" error={fields.file ?? fields.text}>
            {(input) => <input {...input} name="file" type="file" accept=".csv,.txt,text/csv,text/plain" />}
          </Field>
          <Field
            id="screenedOn"
            label="Register copy downloaded on"
            error={fields.screenedOn ?? fields.screenedAt}
          >
            {(input) => <input {...input} name="screenedOn" type="date" />}
          </Field>
          <label className="row">
            <input type="checkbox" name="importValidRows" /> Import the valid rows even if some are wrong
          </label>
          <button type="submit" name="intent" value="import" disabled={busy}>
            Import
          </button>
        </Form>
      </div>
      <section className="panel" aria-label="Lists">
        <h2>Lists</h2>
        <DataTable
          columns={['List', 'Kind', numeric('Entries'), 'Copy dated', 'Last change']}
          rows={lists}
          empty="No list yet."
          row={(l) => (
            <tr key={l.id}>
              <th scope="row">{l.id}</th>
              <td>{l.kind}</td>
              <td className="num">{l.entries.toLocaleString('en-GB')}</td>
              <td>{l.kind === 'internal' ? '—' : formatDateTime(l.screenedAt, 'never')}</td>
              <td>{formatDateTime(l.updatedAt, '')}</td>
            </tr>
          )}
        />
      </section>
      <section className="panel" aria-label="Internal do-not-call list">
        <h2>Internal list</h2>
        <DataTable
          columns={['Number', 'Reason', 'Source', 'Added by', 'Added', '']}
          rows={entries}
          empty="No number is on the internal list."
          row={(e) => (
            <tr key={e.phone} data-testid="dnc-entry">
              <th scope="row">{e.phone}</th>
              <td>{e.reason}</td>
              <td>{e.source}</td>
              <td>{e.addedBy}</td>
              <td>{formatDateTime(e.addedAt, '')}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="phone" value={e.phone} />
                  <button type="submit" name="intent" value="remove" className="secondary" disabled={busy}>
                    Remove
                  </button>
                </Form>
              </td>
            </tr>
          )}
        />
        <Pager pages={pages} csvHref={csvHref} label="numbers on the internal list" />
      </section>
    </div>
  )
}
