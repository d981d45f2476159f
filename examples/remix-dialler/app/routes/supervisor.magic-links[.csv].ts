import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvDownload } from '../server/csv.server'
import { linkRows } from '../server/magic-links.server'
import { rangeFromSearch } from '../server/metrics.server'
import { everyPage } from '../server/paging.server'
import { supervisorLoader } from '../server/supervisor.server'

/** Every link sent over the page's days, as CSV, streamed page by page (no tokens). Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { range, fields } = rangeFromSearch(new URL(request.url))
  if (Object.keys(fields).length > 0)
    return new Response(Object.values(fields).join('\n'), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  const bounds = await running.ringlane.analytics.rangeBounds(range)
  const names = new Map((await running.ringlane.agents.list()).map((a) => [a.id as string, a.displayName]))
  const pages = await everyPage((cursor) =>
    running.ringlane.magicLinks.list({ ...bounds, limit: 500, ...(cursor ? { cursor } : {}) }),
  )
  return csvDownload(
    `magic-links-${range.from}-to-${range.to}.csv`,
    [
      'sent',
      'link',
      'lead id',
      'sent by',
      'expires',
      'state',
      'openings',
      'last opened',
      'withdrawn because',
    ],
    pages,
    (link) => {
      const [row] = linkRows(running, names, [link])
      return row
        ? [
            row.issuedAt,
            row.type,
            row.leadId,
            row.sentBy,
            row.expiresAt,
            row.state,
            row.openings,
            row.lastOpenedAt,
            row.revokedReason,
          ]
        : []
    },
  )
}
