import type { LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { decodeForm, searchForm } from '../server/forms.server'
import { run } from '../server/run.server'
import { ADMIN_ROLES, supervisorLoader } from '../server/supervisor.server'

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
    running.ringlane.agents.list(),
  ])
  const name = new Map<string, string>(agents.map((a) => [a.id, a.displayName]))
  // Names, not ids: an account's id anywhere in an entry reads as its name.
  const readable = (text: string) =>
    text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => name.get(id) ?? id)
  return {
    search: Object.fromEntries(url.searchParams),
    fields: decoded.ok ? {} : decoded.fields,
    actors: agents.map((a) => ({ id: a.id as string, name: a.displayName })),
    entries: entries.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      actor: name.get(e.actor) ?? e.actor,
      action: e.action,
      subject: e.subject,
      subjectName: e.subject.startsWith('agent:') ? readable(e.subject.replace(':', ': ')) : null,
      detail: readable(
        Object.entries(e.detail)
          .map(([key, value]) => `${key}: ${String(value)}`)
          .join(', '),
      ),
    })),
  }
}
