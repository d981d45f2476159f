import { Effect, Schema } from 'effect'
import { type CallCost, type CostBreakdown, CostStore } from '../calls/cost-store.js'
import { csvRow } from '../kernel/csv.js'
import { decodeCursor, type Page, pageOf } from '../kernel/cursor.js'
import { decodeWith } from '../kernel/decode.js'
import {
  decodeMetricsRange,
  InvalidMetricsRange,
  type MetricsRange,
  type MetricsRangeInput,
} from './metrics-range.js'

/**
 * What calls cost over a range of days (`{ from, to, timeZone }`): totals, by day, outcome, agent and
 * queue, each with cost per conversion, and each call's cost. Rejects `InvalidMetricsRange`.
 */
export const costReport = (input: MetricsRangeInput) =>
  Effect.gen(function* () {
    const range = yield* decodeMetricsRange(input)
    const breakdown = yield* Effect.flatMap(CostStore, (store) => store.costBreakdown(range))
    return { range, ...breakdown } satisfies CostReport
  })

const CostCallsPage = Schema.Struct({
  cursor: Schema.optional(Schema.String.pipe(Schema.maxLength(400))),
  limit: Schema.optionalWith(
    Schema.Number.pipe(
      Schema.int({ message: () => 'must be a whole number from 1 to 500' }),
      Schema.between(1, 500, { message: () => 'must be a whole number from 1 to 500' }),
    ),
    { default: () => 50 },
  ),
})
export type CostCallsQuery = MetricsRangeInput & { readonly cursor?: string; readonly limit?: number }

/**
 * The range's calls with what each cost, a page at a time, newest first: `cursor` is a page's
 * `nextCursor`, `limit` calls a page (default 50). Rejects `InvalidMetricsRange` naming the field, or
 * `InvalidCursor` for a cursor this SDK did not make.
 */
export const costCalls = (query: CostCallsQuery) =>
  Effect.gen(function* () {
    const range = yield* decodeMetricsRange(query)
    const page = yield* decodeWith(CostCallsPage, (issue) => new InvalidMetricsRange(issue))(query)
    const after = page.cursor === undefined ? null : yield* decodeCursor(page.cursor)
    const rows = yield* Effect.flatMap(CostStore, (store) =>
      store.costCalls({ range, after, limit: page.limit + 1 }),
    )
    return pageOf(rows, page.limit, (call) => ({ at: call.startedAt, id: call.sessionId })) as Page<CallCost>
  })

export interface CostReport extends CostBreakdown {
  readonly range: MetricsRange
}

/** The report as CSV: one line per call, then the breakdowns, amounts exact as stored. */
export const costReportCsv = (report: CostReport): string => {
  const row = (values: ReadonlyArray<string | number | null>) => csvRow(values).slice(0, -2)
  const lines = [
    row([
      'section',
      'key',
      'label',
      'currency',
      'calls',
      'messages',
      'cost',
      'conversions',
      'cost per conversion',
    ]),
  ]
  const sections = [
    ['total', report.totals],
    ['day', report.byDay],
    ['outcome', report.byOutcome],
    ['agent', report.byAgent],
    ['queue', report.byQueue],
    ['campaign', report.byCampaign],
  ] as const
  for (const [section, costLines] of sections) {
    for (const l of costLines) {
      lines.push(
        row([
          section,
          l.key,
          l.label,
          l.currency,
          l.calls,
          l.messages,
          l.cost,
          l.conversions,
          l.costPerConversion,
        ]),
      )
    }
  }
  lines.push('')
  lines.push(
    row(['call', 'started at', 'agent', 'number', 'queue', 'outcome', 'talk seconds', 'cost', 'currency']),
  )
  for (const c of report.calls) {
    lines.push(
      row([
        c.sessionId,
        c.startedAt.toISOString(),
        c.agentName,
        c.phone,
        c.queueId,
        c.outcome,
        c.talkSeconds,
        c.amount,
        c.currency,
      ]),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}
