import { Effect } from 'effect'
import { csvOf } from '../kernel/csv.js'
import { AnalyticsStore, type Intelligence, type IntelligenceLine } from './analytics-store.js'
import { decodeMetricsRange, type MetricsRange, type MetricsRangeInput } from './metrics-range.js'

export interface IntelligenceReport extends Intelligence {
  readonly range: MetricsRange
}

/**
 * What the calls that started in a range of days led to: outcomes and how those calls ended, the
 * action rate (calls that led to a callback, or to a link opened or completed), and conversion by
 * queue, campaign, agent and hour. Rejects `InvalidMetricsRange` naming the field.
 */
export const intelligenceReport = (input: MetricsRangeInput) =>
  Effect.gen(function* () {
    const range = yield* decodeMetricsRange(input)
    const figures = yield* Effect.flatMap(AnalyticsStore, (store) => store.intelligence(range))
    return { range, ...figures } satisfies IntelligenceReport
  })

/** The share `part / whole` to four places, or empty when there is nothing to share. */
const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000

/** The report as CSV: the summary, outcomes with their reasons, then one line per queue, campaign, agent, hour. */
export const intelligenceReportCsv = (report: IntelligenceReport): string => {
  const line = (section: string, l: IntelligenceLine) => [
    section,
    l.key,
    l.label,
    l.calls,
    l.connected,
    l.actions,
    share(l.actions, l.calls),
    l.leads,
    l.conversions,
    share(l.conversions, l.leads),
  ]
  const s = report.summary
  return csvOf([
    [
      'calls',
      'connected',
      'actions',
      'action rate',
      'callbacks',
      'links opened',
      'links completed',
      'leads',
      'conversions',
    ],
    [
      s.calls,
      s.connected,
      s.actions,
      share(s.actions, s.calls),
      s.callbacks,
      s.linksOpened,
      s.linksCompleted,
      s.leads,
      s.conversions,
    ],
    [],
    ['outcome', 'reason', 'calls'],
    ...report.outcomes.map((o) => [o.outcome ?? 'no outcome', o.reason, o.count]),
    [],
    [
      'section',
      'key',
      'label',
      'calls',
      'connected',
      'actions',
      'action rate',
      'leads',
      'conversions',
      'conversion rate',
    ],
    ...report.byQueue.map((l) => line('queue', l)),
    ...report.byCampaign.map((l) => line('campaign', l)),
    ...report.byAgent.map((l) => line('agent', l)),
    ...report.byHour.map((l) => line('hour', l)),
  ])
}
