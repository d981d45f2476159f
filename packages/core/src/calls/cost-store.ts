import { Context, type Effect, Schema } from 'effect'
import type { PageKey } from '../kernel/cursor.js'
import type { Price } from './pricing.js'

/** The costs tables failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class CostStoreError extends Schema.TaggedError<CostStoreError>()('CostStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** A cost request (job options, an SDK call) that is not valid; names the field. */
export class InvalidCostRequest extends Schema.TaggedError<InvalidCostRequest>()('InvalidCostRequest', {
  field: Schema.String,
  message: Schema.String,
}) {}

/** An ended call with no price yet. */
export interface UnpricedCall {
  readonly sessionId: string
  readonly providerCallId: string
  readonly talkSeconds: number | null
  readonly endedAt: Date
}

/** A text sent with no price yet. */
export interface UnpricedMessage {
  readonly messageId: string
  readonly providerMessageId: string
  readonly segments: number
  readonly sentAt: Date
}

export type NewCost = Price & {
  readonly provider: string
  readonly occurredAt: Date
} & (
    | { readonly kind: 'call'; readonly providerId: string; readonly sessionId: string }
    | { readonly kind: 'message'; readonly providerId: string; readonly messageId: string }
  )

/** One line of a cost breakdown: what its calls (and texts) cost, and per conversion. */
export const CostLine = Schema.Struct({
  /** The day (`YYYY-MM-DD`), outcome code, agent id or queue id. */
  key: Schema.String,
  label: Schema.String,
  /** Null for calls not priced yet. */
  currency: Schema.NullOr(Schema.String),
  calls: Schema.Number,
  messages: Schema.Number,
  /** Exact decimal string. */
  cost: Schema.String,
  /** Leads converted in the range after a call in this line. */
  conversions: Schema.Number,
  costPerConversion: Schema.NullOr(Schema.String),
})
export type CostLine = typeof CostLine.Type

/** One call's cost. */
export const CallCost = Schema.Struct({
  sessionId: Schema.String,
  startedAt: Schema.DateFromSelf,
  agentName: Schema.String,
  phone: Schema.String,
  queueId: Schema.String,
  outcome: Schema.NullOr(Schema.String),
  talkSeconds: Schema.NullOr(Schema.Number),
  amount: Schema.NullOr(Schema.String),
  currency: Schema.NullOr(Schema.String),
})
export type CallCost = typeof CallCost.Type

export interface CostBreakdown {
  /** Per currency (null: not priced yet). */
  readonly totals: ReadonlyArray<CostLine>
  readonly byDay: ReadonlyArray<CostLine>
  readonly byOutcome: ReadonlyArray<CostLine>
  readonly byAgent: ReadonlyArray<CostLine>
  readonly byQueue: ReadonlyArray<CostLine>
  /** By campaign; calls outside any campaign (an agent's own) form the line keyed ''. */
  readonly byCampaign: ReadonlyArray<CostLine>
  /** The range's calls, newest first (at most 500). */
  readonly calls: ReadonlyArray<CallCost>
}

type Op<A> = Effect.Effect<A, CostStoreError>

/** Calendar days `from` to `to` (both included, `YYYY-MM-DD`) in an IANA zone, already checked (Analytics.MetricsRange). */
export interface CostRange {
  readonly from: string
  readonly to: string
  readonly timeZone: string
}

/** What calls and texts cost, as the providers priced them, beside the calls they belong to. */
export interface CostStoreService {
  /** Ended calls of `provider` between the two instants without a price, oldest first. */
  readonly unpricedCalls: (filter: {
    readonly provider: string
    readonly endedAfter: Date
    readonly endedBefore: Date
    readonly limit: number
  }) => Op<ReadonlyArray<UnpricedCall>>
  /** Outbound texts sent between the two instants without a price, oldest first. */
  readonly unpricedMessages: (filter: {
    readonly sentAfter: Date
    readonly sentBefore: Date
    readonly limit: number
  }) => Op<ReadonlyArray<UnpricedMessage>>
  /** Keeps a price; a second price for the same call or text is ignored (`false`). */
  readonly recordCost: (cost: NewCost, now: Date) => Op<boolean>
  /** The calls that started in the range (and texts sent in it), their costs by day, outcome, agent, queue. */
  readonly costBreakdown: (range: CostRange) => Op<CostBreakdown>
  /**
   * A page of the range's calls with their cost, newest first in (started at, id) order, strictly
   * before `after` (the previous page's last call) when given.
   */
  readonly costCalls: (query: {
    readonly range: CostRange
    readonly after: PageKey | null
    readonly limit: number
  }) => Op<ReadonlyArray<CallCost>>
}

export class CostStore extends Context.Tag('@ringlane/core/CostStore')<CostStore, CostStoreService>() {}
