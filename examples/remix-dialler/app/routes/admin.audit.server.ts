import type { LoaderFunctionArgs } from '@remix-run/node'
import type { Audit } from '@ringlane/core'
import { Schema } from 'effect'
import type { DiallerApp } from '../server/dialler.server'
import { decodeForm, searchForm } from '../server/forms.server'
import { cursorFrom, type KeysetRead, keysetPage, PAGE_SIZE, pageLinks } from '../server/paging.server'
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

/** The filters the audit page's query asks for, or the fields it got wrong. */
export const auditFilterFrom = (url: URL) => {
  const form = searchForm(url)
  form.delete('cursor')
  return decodeForm(AuditFilter, form)
}

/** The store's read of the entries matching the filter, a page at a time by key. */
export const auditRead =
  (
    { audit }: DiallerApp,
    filter: typeof AuditFilter.Type,
  ): KeysetRead<Audit.AuditEntry & { readonly id: string }> =>
  (after, limit) =>
    run(
      audit.list({
        ...(filter.actor ? { actor: filter.actor } : {}),
        ...(filter.action ? { action: filter.action } : {}),
        ...(filter.subject ? { subject: filter.subject } : {}),
        ...(filter.since ? { since: new Date(`${filter.since}T00:00:00Z`) } : {}),
        after,
        limit,
      }),
    )

/** Entries as the page and the CSV show them: names, not ids (an account's id anywhere reads as its name). */
export const readableEntries = async ({ ringlane }: DiallerApp) => {
  const agents = await ringlane.agents.list()
  const name = new Map<string, string>(agents.map((a) => [a.id, a.displayName]))
  const readable = (text: string) =>
    text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => name.get(id) ?? id)
  return {
    actors: agents.map((a) => ({ id: a.id as string, name: a.displayName })),
    entryOf: (e: Audit.AuditEntry & { readonly id: string }) => ({
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
    }),
  }
}

/** Who looked at or handed out personal data: lead views, recordings played and downloaded, texts refused. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request, ADMIN_ROLES)
  const url = new URL(request.url)
  const decoded = auditFilterFrom(url)
  const [page, { actors, entryOf }] = await Promise.all([
    decoded.ok
      ? keysetPage(cursorFrom(url), PAGE_SIZE, auditRead(running, decoded.value), (e) => ({
          at: e.at,
          id: e.id,
        }))
      : Promise.resolve({ items: [], nextCursor: null }),
    readableEntries(running),
  ])
  const csv = new URLSearchParams(url.searchParams)
  csv.delete('cursor')
  return {
    search: Object.fromEntries(url.searchParams),
    fields: decoded.ok ? {} : decoded.fields,
    actors,
    entries: page.items.map(entryOf),
    pages: pageLinks(url, page.nextCursor),
    csvHref: decoded.ok ? `/admin/audit.csv${csv.size > 0 ? `?${csv}` : ''}` : null,
  }
}
