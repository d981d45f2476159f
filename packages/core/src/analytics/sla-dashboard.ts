import { Effect, Schema } from 'effect'
import { AgentStore } from '../agents/agent-store.js'
import { csvOf } from '../kernel/csv.js'
import { decodeWith } from '../kernel/decode.js'
import { currentDate } from '../kernel/time.js'
import { RoutingStore } from '../routing/routing-store.js'
import { AnalyticsStore } from './analytics-store.js'
import {
  decodeMetricsRange,
  InvalidMetricsRange,
  type MetricsRange,
  type MetricsRangeInput,
} from './metrics-range.js'
import { type SlaFigures, type SlaReport, slaReport } from './sla.js'

/**
 * How the SLA dashboard cuts the days: 15, 30 or 60-minute intervals (30 by default), service level X
 * (answered within `serviceLevelSeconds`, 20 by default), one queue or all.
 */
export const SlaView = Schema.Struct({
  intervalMinutes: Schema.optionalWith(Schema.Literal(15, 30, 60), { default: () => 30 as const }),
  serviceLevelSeconds: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 3600)), { default: () => 20 }),
  queueId: Schema.optional(Schema.String.pipe(Schema.maxLength(100))),
})
export type SlaRequestInput = MetricsRangeInput & typeof SlaView.Encoded

const decodeSlaView = decodeWith(SlaView, (issue) => new InvalidMetricsRange(issue))

export interface SlaDashboard extends SlaReport {
  readonly range: MetricsRange
  /** Each queue's name, by id, for the queues in the report. */
  readonly queueNames: Readonly<Record<string, string>>
}

/**
 * SLA per queue and interval over the days asked (up to now for today), from routing's stored queue
 * contacts and the agents' state history (occupancy). Rejects `InvalidMetricsRange` naming the field.
 */
export const slaDashboard = (input: SlaRequestInput) =>
  Effect.gen(function* () {
    const range = yield* decodeMetricsRange({ from: input.from, to: input.to, timeZone: input.timeZone })
    const request = yield* decodeSlaView({
      intervalMinutes: input.intervalMinutes,
      serviceLevelSeconds: input.serviceLevelSeconds,
      queueId: input.queueId,
    })
    const { since, until } = yield* Effect.flatMap(AnalyticsStore, (store) => store.rangeBounds(range))
    const now = yield* currentDate
    const end = +until > +now ? new Date(Math.max(+since + 1, +now)) : until
    const routing = yield* RoutingStore
    const [contacts, spans, queues] = yield* Effect.all([
      routing.contacts({ queueId: request.queueId, since, until: end }),
      Effect.flatMap(AgentStore, (agents) => agents.stateHistory({ agentId: null, since, until: end })),
      routing.listQueues(),
    ])
    const report = slaReport(contacts, spans, {
      since,
      until: end,
      serviceLevelSeconds: request.serviceLevelSeconds,
      intervalMinutes: request.intervalMinutes,
    })
    return {
      ...report,
      range,
      queueNames: Object.fromEntries(queues.map((q) => [q.id, q.name])),
    } satisfies SlaDashboard
  })

/** The dashboard as CSV: one line per queue and interval with contacts, then each queue's total. */
export const slaDashboardCsv = (report: SlaDashboard): string => {
  const figures = (f: SlaFigures) => [
    f.queued,
    f.answered,
    f.answeredWithin,
    f.abandoned,
    f.overflowed,
    f.waiting,
    f.serviceLevel,
    f.averageSpeedOfAnswerSeconds,
    f.abandonmentRate,
    f.averageHandleSeconds,
  ]
  return csvOf([
    [
      'queue',
      'interval start',
      'queued',
      'answered',
      `answered within ${report.serviceLevelSeconds} s`,
      'abandoned',
      'overflowed',
      'waiting',
      'service level',
      'average speed of answer (s)',
      'abandonment rate',
      'average handle time (s)',
    ],
    ...report.queues.flatMap((queue) => [
      ...queue.intervals
        .filter((i) => i.queued > 0)
        .map((i) => [
          report.queueNames[queue.queueId] ?? queue.queueId,
          i.start.toISOString(),
          ...figures(i),
        ]),
      [report.queueNames[queue.queueId] ?? queue.queueId, 'total', ...figures(queue.total)],
    ]),
    [],
    ['interval start', 'occupancy'],
    ...report.occupancy.intervals.map((i) => [i.start.toISOString(), i.occupancy]),
  ])
}
