import { Context, type Effect, Schema } from 'effect'
import { AgentStateName } from '../agents/agent-state.js'
import type { PageKey } from '../kernel/cursor.js'
import { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { NumberMatch } from '../kernel/number-search.js'
import { RecordingStatus } from '../recordings/recording.js'
import { CallStatus } from '../telephony/call-event.js'
import type { MetricsRange } from './metrics-range.js'

/** The analytics store failed (connection, query). Carries the driver's error as `cause`. */
export class AnalyticsStoreError extends Schema.TaggedError<AnalyticsStoreError>()('AnalyticsStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** The calls that started in a range, in one line. Rates are 0 to 1; times are seconds. */
export const MetricsSummary = Schema.Struct({
  calls: Schema.Number,
  /** Calls answered. */
  connected: Schema.Number,
  /** Connected out of calls (0 when there were none). */
  connectRate: Schema.Number,
  talkSeconds: Schema.Number,
  /** Over connected calls. */
  averageTalkSeconds: Schema.Number,
  /** Talk plus wrap-up (call end to outcome saved, never negative), over calls with an outcome. */
  averageHandleSeconds: Schema.Number,
  /** Calls with an outcome recorded. */
  outcomes: Schema.Number,
})
export type MetricsSummary = typeof MetricsSummary.Type

export const OutcomeCount = Schema.Struct({ disposition: Schema.String, count: Schema.Number })
export type OutcomeCount = typeof OutcomeCount.Type

/** Calls by the hour of the day they started, in the range's zone: all 24 hours, quiet ones at 0. */
export const HourlyCalls = Schema.Struct({
  hour: Schema.Number,
  calls: Schema.Number,
  connected: Schema.Number,
})
export type HourlyCalls = typeof HourlyCalls.Type

/** Calls by the day they started, in the range's zone: every day of the range, quiet ones at 0. */
export const DailyCalls = Schema.Struct({
  day: Schema.String,
  calls: Schema.Number,
  connected: Schema.Number,
})
export type DailyCalls = typeof DailyCalls.Type

export const AgentPerformance = Schema.Struct({
  agentId: AgentId,
  displayName: Schema.String,
  calls: Schema.Number,
  connected: Schema.Number,
  connectRate: Schema.Number,
  talkSeconds: Schema.Number,
  averageHandleSeconds: Schema.Number,
  /** Outcomes that booked a callback. */
  callbacks: Schema.Number,
})
export type AgentPerformance = typeof AgentPerformance.Type

/**
 * Every figure of the metrics page over the calls that started in a range. Outcomes are most
 * frequent first (then by name); agents with the most calls first (then by name), only those who called.
 */
export const CallMetrics = Schema.Struct({
  summary: MetricsSummary,
  outcomes: Schema.Array(OutcomeCount),
  hourly: Schema.Array(HourlyCalls),
  daily: Schema.Array(DailyCalls),
  agents: Schema.Array(AgentPerformance),
})
export type CallMetrics = typeof CallMetrics.Type

/** An active agent (role `agent`) and where they are now; never seen is `offline`. */
export const AgentOnFloor = Schema.Struct({
  agentId: AgentId,
  displayName: Schema.String,
  state: AgentStateName,
  reason: Schema.NullOr(Schema.String),
  since: Schema.NullOr(Schema.DateFromSelf),
})
export type AgentOnFloor = typeof AgentOnFloor.Type

/** A call not ended whose outcome is not recorded yet. */
export const OpenCall = Schema.Struct({
  sessionId: Schema.String,
  agentId: AgentId,
  agentName: Schema.String,
  leadId: LeadId,
  queueId: QueueId,
  status: CallStatus,
  startedAt: Schema.DateFromSelf,
  answeredAt: Schema.NullOr(Schema.DateFromSelf),
})
export type OpenCall = typeof OpenCall.Type

/** The instants a range covers in its zone: from its first day's midnight up to, not including, the next day's after its last. */
export const RangeBounds = Schema.Struct({ since: Schema.DateFromSelf, until: Schema.DateFromSelf })
export type RangeBounds = typeof RangeBounds.Type

export type { NumberMatch }

/** The search as the store runs it: dates in the zone, the number read. */
export interface RecordingQuery {
  readonly from: string | undefined
  readonly to: string | undefined
  readonly timeZone: string
  readonly agentId: AgentId | undefined
  readonly disposition: string | undefined
  readonly number: NumberMatch | undefined
  /** Only recordings after this key, newest first by (recorded at, id): the previous page's last. */
  readonly after?: PageKey | null
  readonly limit: number
}

/** A recording found, with its call's number and lead, the agent's name and the outcome's code. */
export const RecordingFound = Schema.Struct({
  recordingId: Schema.String,
  status: RecordingStatus,
  recordedAt: Schema.DateFromSelf,
  durationSeconds: Schema.NullOr(Schema.Number),
  failureReason: Schema.NullOr(Schema.String),
  phone: Schema.NullOr(Schema.String),
  leadId: Schema.NullOr(Schema.String),
  agentName: Schema.NullOr(Schema.String),
  disposition: Schema.NullOr(Schema.String),
})
export type RecordingFound = typeof RecordingFound.Type

/**
 * One line of the intelligence page (a queue, campaign, agent or hour): its calls, those answered,
 * those that led to an action (a callback booked, or a link sent on the call opened or completed), the
 * leads called and those converted after one of the line's calls (in the range).
 */
export const IntelligenceLine = Schema.Struct({
  key: Schema.String,
  label: Schema.String,
  calls: Schema.Number,
  connected: Schema.Number,
  actions: Schema.Number,
  leads: Schema.Number,
  conversions: Schema.Number,
})
export type IntelligenceLine = typeof IntelligenceLine.Type

/** What the calls that started in a range led to. */
export const IntelligenceSummary = Schema.Struct({
  calls: Schema.Number,
  connected: Schema.Number,
  /** Calls that led to a callback, a link opened or a link completed (signature, upload). */
  actions: Schema.Number,
  callbacks: Schema.Number,
  linksOpened: Schema.Number,
  /** Links sent on a call and completed (a signature given, a document uploaded). */
  linksCompleted: Schema.Number,
  leads: Schema.Number,
  conversions: Schema.Number,
})
export type IntelligenceSummary = typeof IntelligenceSummary.Type

/** An outcome and how the calls that had it ended (the provider's status, or why the dialler ended it). */
export const OutcomeReason = Schema.Struct({
  outcome: Schema.NullOr(Schema.String),
  reason: Schema.String,
  count: Schema.Number,
})
export type OutcomeReason = typeof OutcomeReason.Type

/**
 * The intelligence page's figures over the calls that started in a range. Outcome lines most first;
 * queue, campaign and agent lines by label; hours 0 to 23, quiet ones at 0.
 */
export const Intelligence = Schema.Struct({
  summary: IntelligenceSummary,
  outcomes: Schema.Array(OutcomeReason),
  byQueue: Schema.Array(IntelligenceLine),
  byCampaign: Schema.Array(IntelligenceLine),
  byAgent: Schema.Array(IntelligenceLine),
  byHour: Schema.Array(IntelligenceLine),
})
export type Intelligence = typeof Intelligence.Type

type Op<A> = Effect.Effect<A, AnalyticsStoreError>

/**
 * The supervisor's views, read where the data is: aggregates computed by the database (no rows come
 * back to be looped over), over the dialler's own tables.
 */
export interface AnalyticsStoreService {
  /** The metrics page's figures over the calls that started in the range (its days, in its zone). */
  readonly callMetrics: (range: MetricsRange) => Op<CallMetrics>
  /** The intelligence page's figures over the calls that started in the range (its days, in its zone). */
  readonly intelligence: (range: MetricsRange) => Op<Intelligence>
  /** The range's first and last instants, `[since, until)`, as the store reckons days in the zone. */
  readonly rangeBounds: (range: MetricsRange) => Op<RangeBounds>
  /** Active agents (role `agent`) with their state, by name. */
  readonly agentsOnFloor: () => Op<ReadonlyArray<AgentOnFloor>>
  /**
   * Calls not ended (initiated, queued, ringing, in progress) that started after `startedAfter` and
   * have no outcome recorded, oldest first: a call whose outcome is recorded is over for its agent.
   */
  readonly openCalls: (startedAfter: Date) => Op<ReadonlyArray<OpenCall>>
  /**
   * Recordings not deleted, newest first (by recorded time, then id descending), after `after` when
   * given, at most `limit`: recorded on the query's days in its zone
   * (each bound optional), of calls by the agent, with the outcome, to the number (the whole E.164
   * number, or any number containing the digits).
   */
  readonly searchRecordings: (query: RecordingQuery) => Op<ReadonlyArray<RecordingFound>>
}

export class AnalyticsStore extends Context.Tag('@ringlane/core/AnalyticsStore')<
  AnalyticsStore,
  AnalyticsStoreService
>() {}
