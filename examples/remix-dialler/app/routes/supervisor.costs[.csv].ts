import type { LoaderFunctionArgs } from '@remix-run/node'
import { rangeFromSearch } from '../server/metrics.server'
import { supervisorLoader } from '../server/supervisor.server'

/** The cost report as CSV, for the days the cost page shows. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { range, fields } = rangeFromSearch(new URL(request.url))
  if (Object.keys(fields).length > 0) {
    return new Response(Object.values(fields).join('; '), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  const csv = await running.ringlane.analytics.costReportCsv(range)
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="costs-${range.from}-to-${range.to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
