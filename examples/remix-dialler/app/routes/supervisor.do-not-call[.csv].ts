import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvDownload } from '../server/csv.server'
import { everyPage } from '../server/paging.server'
import { supervisorLoader } from '../server/supervisor.server'
import { agentNames, dncRow } from './supervisor.do-not-call.server'

/** The whole internal do-not-call list as CSV, streamed page by page. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const names = await agentNames(running)
  const pages = await everyPage((cursor) =>
    running.ringlane.compliance.pageListEntries({
      listId: 'internal',
      limit: 500,
      ...(cursor ? { cursor } : {}),
    }),
  )
  return csvDownload(
    'do-not-call-internal.csv',
    ['phone', 'reason', 'source', 'added by', 'added'],
    pages,
    (e) => {
      const row = dncRow(e, names)
      return [row.phone, row.reason, row.source, row.addedBy, row.addedAt]
    },
  )
}
