import { Effect, Schema } from 'effect'
import { QueueId } from '../kernel/ids.js'
import { currentDate, HOUR } from '../kernel/time.js'
import { QueueStore } from '../queues/queue-store.js'
import { currentQueues } from '../queues/queue-tuning.js'
import { AgentOnFloor, AnalyticsStore, CallMetrics, OpenCall } from './analytics-store.js'
import { decodeMetricsRange, MetricsRange, type MetricsRangeInput } from './metrics-range.js'

/** The metrics page: the range asked for, decoded, and every figure over the calls that started in it. */
export const DashboardMetrics = Schema.Struct({ range: MetricsRange, ...CallMetrics.fields })
export type DashboardMetrics = typeof DashboardMetrics.Type

/**
 * Every figure of the metrics page (summary, outcomes, by hour, by day, by agent) over the calls that
 * started in the range's days, read in its zone. Refuses a range that is not one with
 * `InvalidMetricsRange`, naming the field.
 */
export const callMetrics = (input: MetricsRangeInput) =>
  Effect.gen(function* () {
    const range = yield* decodeMetricsRange(input)
    const metrics = yield* Effect.flatMap(AnalyticsStore, (store) => store.callMetrics(range))
    return { range, ...metrics } satisfies DashboardMetrics
  })

/** The instants `[since, until)` a range of days covers in its zone, e.g. to ask another area for the same period. */
export const rangeBounds = (input: MetricsRangeInput) =>
  Effect.flatMap(decodeMetricsRange(input), (range) =>
    Effect.flatMap(AnalyticsStore, (store) => store.rangeBounds(range)),
  )

/** A queue's level beside its label and threshold. */
export const QueueLevelView = Schema.Struct({
  queueId: QueueId,
  label: Schema.String,
  threshold: Schema.Number,
  waiting: Schema.Number,
  claimed: Schema.Number,
})
export type QueueLevelView = typeof QueueLevelView.Type

/** What the live dashboard shows first, before its event stream takes over. */
export const LiveSnapshot = Schema.Struct({
  agents: Schema.Array(AgentOnFloor),
  calls: Schema.Array(OpenCall),
  levels: Schema.Array(QueueLevelView),
})
export type LiveSnapshot = typeof LiveSnapshot.Type

/** Calls open longer than this are stale: the reconciliation job's business, not the floor's. */
export const OPEN_CALL_WINDOW_MS = 4 * HOUR

/**
 * The live floor now: active agents with their states, calls in progress (started in the last four
 * hours, no outcome recorded yet) and each queue's level with its label and threshold.
 */
export const liveSnapshot = Effect.gen(function* () {
  const store = yield* AnalyticsStore
  const queues = yield* QueueStore
  const { queues: configured } = yield* currentQueues
  const now = yield* currentDate
  const [agents, calls, levels] = yield* Effect.all(
    [store.agentsOnFloor(), store.openCalls(new Date(+now - OPEN_CALL_WINDOW_MS)), queues.queueLevels()],
    { concurrency: 'unbounded' },
  )
  return {
    agents,
    calls,
    levels: levels.map((level) => {
      const queue = configured.find((q) => q.id === level.queueId)
      return {
        queueId: level.queueId,
        label: queue?.label ?? level.queueId,
        threshold: queue?.threshold ?? 0,
        waiting: level.waiting,
        claimed: level.claimed,
      }
    }),
  } satisfies LiveSnapshot
})
