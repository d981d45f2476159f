import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { Schema } from 'effect'
import { decodeForm } from '../server/forms.server'
import { run } from '../server/run.server'
import { ADMIN_ROLES, searchForm, supervisorLoader } from '../server/supervisor.server'

export const meta: MetaFunction = () => [{ title: 'Audit log · Ringlane' }]

const AuditFilter = Schema.Struct({
  actor: Schema.optional(
    Schema.String.pipe(Schema.pattern(/^[\w:.-]{1,200}$/, { message: () => 'Choose who from the list' })),
  ),
  action: Schema.optional(
    Schema.String.pipe(
      Schema.trimmed(),
      Schema.pattern(/^[a-z_.]{1,80}$/, {
        message: () => 'An action looks like lead.viewed or recording.played',
      }),
    ),
  ),
  subject: Schema.optional(
    Schema.String.pipe(
      Schema.trimmed(),
      Schema.pattern(/^[\w:+.@-]{1,200}$/, {
        message: () => 'A subject looks like lead:123 or recording:<id>',
      }),
    ),
  ),
  since: Schema.optional(
    Schema.String.pipe(
      Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, { message: () => 'Enter the date as YYYY-MM-DD' }),
    ),
  ),
})

/** Who looked at or handed out personal data: lead views, recordings played and downloaded, texts refused. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request, ADMIN_ROLES)
  const url = new URL(request.url)
  const decoded = decodeForm(AuditFilter, searchForm(url))
  const filter = decoded.ok ? decoded.value : {}
  const [entries, agents] = await Promise.all([
    decoded.ok
      ? run(
          running.audit.list({
            ...(filter.actor ? { actor: filter.actor } : {}),
            ...(filter.action ? { action: filter.action } : {}),
            ...(filter.subject ? { subject: filter.subject } : {}),
            ...(filter.since ? { since: new Date(`${filter.since}T00:00:00Z`) } : {}),
            limit: 300,
          }),
        )
      : Promise.resolve([]),
    running.db.selectFrom('agents').select(['id', 'display_name', 'role']).orderBy('display_name').execute(),
  ])
  const name = new Map(agents.map((a) => [a.id, a.display_name]))
  return {
    search: Object.fromEntries(url.searchParams),
    fields: decoded.ok ? {} : decoded.fields,
    actors: agents.map((a) => ({ id: a.id, name: a.display_name })),
    entries: entries.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      actor: name.get(e.actor) ?? e.actor,
      action: e.action,
      subject: e.subject,
      detail: Object.entries(e.detail)
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join(', '),
    })),
  }
}

export default function AuditLog() {
  const { search, fields, actors, entries } = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'loading'
  return (
    <div className="grid">
      <h1>Audit log</h1>
      <Form method="get" className="panel filters" aria-label="Filter the audit log">
        <div>
          <label htmlFor="actor">Who</label>
          <select id="actor" name="actor" defaultValue={search.actor ?? ''} aria-invalid={!!fields.actor}>
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            <option value="system">The dialler (system)</option>
            <option value="public">The public (links)</option>
          </select>
          {fields.actor && <p className="field-error">{fields.actor}</p>}
        </div>
        <div>
          <label htmlFor="action">Action</label>
          <input
            id="action"
            name="action"
            list="audit-actions"
            defaultValue={search.action}
            aria-invalid={!!fields.action}
            aria-describedby={fields.action ? 'action-error' : undefined}
          />
          <datalist id="audit-actions">
            {[
              'lead.viewed',
              'recording.played',
              'recording.url_refreshed',
              'recording.downloaded',
              'sms.conversation_viewed',
              'sms.refused',
              'agent.created',
              'agent.deactivated',
              'agent.role_changed',
            ].map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          {fields.action && (
            <p id="action-error" className="field-error">
              {fields.action}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="subject">Subject</label>
          <input id="subject" name="subject" defaultValue={search.subject} aria-invalid={!!fields.subject} />
          {fields.subject && <p className="field-error">{fields.subject}</p>}
        </div>
        <div>
          <label htmlFor="since">Since</label>
          <input
            id="since"
            name="since"
            type="date"
            defaultValue={search.since}
            aria-invalid={!!fields.since}
          />
          {fields.since && <p className="field-error">{fields.since}</p>}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            Filter
          </button>
        </div>
      </Form>
      <section className="panel" aria-label="Entries">
        {entries.length === 0 ? (
          <p className="muted">No entries match.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="audit-entry">
                  <td>{new Date(e.at).toLocaleString('en-GB')}</td>
                  <td>{e.actor}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    <code>{e.subject}</code>
                  </td>
                  <td className="muted">{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
