import type { LoaderFunctionArgs } from '@remix-run/node'
import { dispositionLabels } from '../server/call-history.server'
import { csvDownload, csvHrefFor, METRICS_TIME_ZONE, rangeFromSearch } from '../server/metrics.server'
import { supervisorLoader } from '../server/supervisor.server'

/** What calls led to over a range of days (the last seven by default). Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { range, asked, fields } = rangeFromSearch(new URL(request.url))
  const [report, config] = await Promise.all([
    running.ringlane.analytics.intelligence(range),
    running.ringlane.config(),
  ])
  const labels = dispositionLabels(config)
  const queueLabels = new Map<string, string>(config.queues.map((queue) => [queue.id, queue.label]))
  return {
    asked,
    fields,
    zone: METRICS_TIME_ZONE,
    range: report.range,
    csvHref: csvHrefFor('/supervisor/intelligence.csv', report.range),
    summary: report.summary,
    outcomes: report.outcomes.map((o) => ({
      ...o,
      label: o.outcome === null ? 'No outcome yet' : (labels[o.outcome] ?? o.outcome),
    })),
    byQueue: report.byQueue.map((line) => ({ ...line, label: queueLabels.get(line.key) ?? line.label })),
    byCampaign: report.byCampaign,
    byAgent: report.byAgent,
    byHour: report.byHour,
  }
}

/** The same figures as CSV. */
export const csvLoader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  return csvDownload(new URL(request.url), 'intelligence', (range) =>
    running.ringlane.analytics.intelligenceCsv(range),
  )
}
