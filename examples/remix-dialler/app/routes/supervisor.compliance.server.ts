import type { LoaderFunctionArgs } from '@remix-run/node'
import { scopeFromSearch } from '../server/compliance.server'
import { METRICS_TIME_ZONE } from '../server/metrics.server'
import { supervisorLoader } from '../server/supervisor.server'

/** The compliance report for a range of days, a campaign or a queue. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const url = new URL(request.url)
  const { scope, range, asked, fields } = await scopeFromSearch(running, url)
  const report = await running.ringlane.compliance.report(scope)
  const iso = (d: Date | null) => (d === null ? null : d.toISOString())
  return {
    zone: METRICS_TIME_ZONE,
    range,
    asked,
    fields,
    csvHref: `/supervisor/compliance-csv${url.search}`,
    profile: report.scope.profile,
    decisions: report.decisions,
    abandon: report.abandon && {
      period: report.abandon.period,
      windows: report.abandon.standing.windows.map((w) => ({
        hours: w.hours,
        liveAnswered: w.liveAnswered,
        abandoned: w.abandoned,
        ratePercent: w.ratePercent,
      })),
      rules: report.abandon.standing.rules.map((r) => ({
        ruleId: r.ruleId,
        ratePercent: r.ratePercent,
        maxPercent: r.maxPercent,
        periodHours: r.periodHours,
        budget: r.budget,
        withinLimit: r.withinLimit,
      })),
    },
    lists: report.lists.map((l) => ({ ...l, screenedAt: iso(l.screenedAt) })),
    internalListEntries: report.internalListEntries,
    exceptions: report.exceptions,
  }
}
