import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { DataTable } from '../components/data-table'
import { Field, FilterForm } from '../components/forms'
import { Pager } from '../components/pager'
import { formatDateTime } from '../utils/dates'
import type { loader } from './admin.audit.server'

export { loader } from './admin.audit.server'

export const meta: MetaFunction = () => [{ title: 'Audit log · Ringlane' }]

/** The actions the log records, offered as the Action field is typed. */
const knownActions = [
  'lead.viewed',
  'recording.played',
  'recording.url_refreshed',
  'recording.downloaded',
  'sms.conversation_viewed',
  'sms.refused',
  'agent.created',
  'agent.deactivated',
  'agent.role_changed',
]

export default function AuditLog() {
  const { search, fields, actors, entries, pages, csvHref } = useLoaderData<typeof loader>()
  return (
    <div className="grid">
      <h1>Audit log</h1>
      <FilterForm label="Filter the audit log" submit="Filter">
        <Field id="actor" label="Who" error={fields.actor}>
          {(input) => (
            <select {...input} name="actor" defaultValue={search.actor ?? ''}>
              <option value="">Anyone</option>
              {actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
              <option value="system">The dialler (system)</option>
              <option value="public">The public (links)</option>
            </select>
          )}
        </Field>
        <Field id="action" label="Action" error={fields.action}>
          {(input) => (
            <>
              <input {...input} name="action" list="audit-actions" defaultValue={search.action} />
              <datalist id="audit-actions">
                {knownActions.map((a) => (
                  <option key={a} value={a} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field id="subject" label="Subject" error={fields.subject}>
          {(input) => <input {...input} name="subject" defaultValue={search.subject} />}
        </Field>
        <Field id="since" label="Since" error={fields.since}>
          {(input) => <input {...input} name="since" type="date" defaultValue={search.since} />}
        </Field>
      </FilterForm>
      <section className="panel" aria-label="Entries">
        <DataTable
          columns={['When', 'Who', 'Action', 'Subject', 'Detail']}
          rows={entries}
          empty="No entries match."
          row={(e) => (
            <tr key={e.id} data-testid="audit-entry">
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actor}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{e.subjectName ?? <code>{e.subject}</code>}</td>
              <td className="muted">{e.detail}</td>
            </tr>
          )}
        />
        <Pager pages={pages} csvHref={csvHref} label="entries" />
      </section>
    </div>
  )
}
