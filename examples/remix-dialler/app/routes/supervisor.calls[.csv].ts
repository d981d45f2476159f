import type { LoaderFunctionArgs } from '@remix-run/node'
import { callRow, filterChoices, filtersFrom, searchOf } from '../server/call-log.server'
import { csvDownload } from '../server/csv.server'
import { everyPage } from '../server/paging.server'
import { supervisorLoader } from '../server/supervisor.server'

/** Pages read per round trip while streaming: big enough to be quick, small enough to stream. */
const BATCH = 500

/** The whole call log the filters find, as CSV, streamed page by page. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const filters = filtersFrom(new URL(request.url))
  if (!filters.ok)
    return new Response(Object.values(filters.fields).join('\n'), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  const { labels } = await filterChoices(running)
  const pages = await everyPage((cursor) =>
    running.ringlane.calls.search(searchOf(filters.value, cursor, BATCH)),
  ).catch((error: unknown) => {
    if ((error as { _tag?: string })._tag !== 'InvalidCallSearch') throw error
    throw new Response((error as Error).message, { status: 400 })
  })
  return csvDownload(
    'call-log.csv',
    [
      'started',
      'direction',
      'lead',
      'number',
      'agent',
      'status',
      'outcome',
      'talk seconds',
      'cost',
      'call id',
    ],
    pages,
    (call) => {
      const row = callRow(call, labels)
      return [
        row.startedAt,
        row.direction,
        row.lead,
        row.phone,
        row.agent,
        row.status,
        row.outcome,
        row.talkSeconds,
        row.cost,
        row.id,
      ]
    },
  )
}
