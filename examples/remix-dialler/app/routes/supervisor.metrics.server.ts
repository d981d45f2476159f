import type { LoaderFunctionArgs } from '@remix-run/node'
import { dispositionLabels } from '../server/call-history.server'
import { METRICS_TIME_ZONE, rangeFromSearch } from '../server/metrics.server'
import { supervisorLoader } from '../server/supervisor.server'

/** Call metrics over a range of days (the last seven by default). Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { range, asked, fields } = rangeFromSearch(new URL(request.url))
  const [metrics, config] = await Promise.all([
    running.ringlane.analytics.callMetrics(range),
    running.ringlane.config(),
  ])
  return { metrics, labels: dispositionLabels(config), asked, fields, zone: METRICS_TIME_ZONE }
}
