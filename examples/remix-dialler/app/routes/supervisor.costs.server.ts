import type { LoaderFunctionArgs } from '@remix-run/node'
import { dispositionLabels } from '../server/call-history.server'
import { csvHrefFor, METRICS_TIME_ZONE, rangeFromSearch } from '../server/metrics.server'
import { cursorFrom, PAGE_SIZE, pageLinks, refuseBadCursor } from '../server/paging.server'
import { supervisorLoader } from '../server/supervisor.server'

/** What calls cost over a range of days (the last seven by default). Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const { range, asked, fields } = rangeFromSearch(url)
  // The breakdowns over the whole range; the calls a page at a time (an edited page link is a 400).
  const cursor = cursorFrom(url)
  const [report, config, page] = await Promise.all([
    running.ringlane.analytics.costReport(range),
    running.ringlane.config(),
    running.ringlane.analytics
      .costCalls({ ...range, limit: PAGE_SIZE, ...(cursor && { cursor }) })
      .catch(refuseBadCursor),
  ])
  const labels = dispositionLabels(config)
  const outcome = (code: string | null) => (code ? (labels[code] ?? code) : null)
  return {
    asked,
    fields,
    zone: METRICS_TIME_ZONE,
    range: report.range,
    // The same days for the CSV export.
    csvHref: csvHrefFor('/supervisor/costs.csv', report.range),
    totals: report.totals,
    byDay: report.byDay,
    byOutcome: report.byOutcome.map((line) => ({ ...line, label: outcome(line.key) ?? 'No outcome' })),
    byAgent: report.byAgent,
    byQueue: report.byQueue,
    byCampaign: report.byCampaign,
    pages: pageLinks(url, page.nextCursor),
    calls: page.items.map((call) => ({
      ...call,
      startedAt: call.startedAt.toISOString(),
      outcome: outcome(call.outcome),
    })),
  }
}
