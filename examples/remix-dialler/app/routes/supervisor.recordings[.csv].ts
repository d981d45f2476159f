import type { LoaderFunctionArgs } from '@remix-run/node'
import { dispositionLabels } from '../server/call-history.server'
import { csvDownload } from '../server/csv.server'
import { decodeForm, searchForm } from '../server/forms.server'
import { everyPage } from '../server/paging.server'
import { RecordingSearch, searchRecordings } from '../server/recording-search.server'
import { supervisorLoader } from '../server/supervisor.server'

/** Every recording the search finds (not just a page), as CSV, streamed. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const decoded = decodeForm(RecordingSearch, searchForm(new URL(request.url)))
  const refuse = (fields: Readonly<Record<string, string>>) =>
    new Response(Object.values(fields).join('\n'), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  if (!decoded.ok) return refuse(decoded.fields)
  const labels = dispositionLabels(await running.ringlane.config())
  let refused: Readonly<Record<string, string>> = {}
  const pages = await everyPage(async (cursor) => {
    const page = await searchRecordings(running, decoded.value, { cursor, limit: 500 })
    refused = page.fields
    return { items: page.found, nextCursor: page.nextCursor }
  })
  if (Object.keys(refused).length > 0) return refuse(refused)
  return csvDownload(
    'recordings.csv',
    ['recorded', 'agent', 'number', 'outcome', 'seconds', 'status', 'recording id'],
    pages,
    (r) => [
      r.recordedAt,
      r.agentName,
      r.phone,
      r.disposition ? (labels[r.disposition] ?? r.disposition) : null,
      r.durationSeconds,
      r.status,
      r.recordingId,
    ],
  )
}
