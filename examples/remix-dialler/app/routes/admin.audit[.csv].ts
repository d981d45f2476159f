import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvDownload } from '../server/csv.server'
import { everyPage, keysetPage } from '../server/paging.server'
import { ADMIN_ROLES, supervisorLoader } from '../server/supervisor.server'
import { auditFilterFrom, auditRead, readableEntries } from './admin.audit.server'

/** Every audit entry the filters find, as CSV, streamed page by page. Admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request, ADMIN_ROLES)
  const decoded = auditFilterFrom(new URL(request.url))
  if (!decoded.ok)
    return new Response(Object.values(decoded.fields).join('\n'), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  const read = auditRead(running, decoded.value)
  const { entryOf } = await readableEntries(running)
  const pages = await everyPage((cursor) => keysetPage(cursor, 500, read, (e) => ({ at: e.at, id: e.id })))
  return csvDownload('audit-log.csv', ['when', 'who', 'action', 'subject', 'detail'], pages, (e) => {
    const entry = entryOf(e)
    return [entry.at, entry.actor, entry.action, entry.subjectName ?? entry.subject, entry.detail]
  })
}
