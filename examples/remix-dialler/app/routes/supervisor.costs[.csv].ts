import type { LoaderFunctionArgs } from '@remix-run/node'
import { csvDownload } from '../server/metrics.server'
import { supervisorLoader } from '../server/supervisor.server'

/** The cost report as CSV, for the days the cost page shows. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  return csvDownload(new URL(request.url), 'costs', (range) =>
    running.ringlane.analytics.costReportCsv(range),
  )
}
