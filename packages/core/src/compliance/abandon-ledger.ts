import { Context, type Effect, Schema } from 'effect'

/** The abandon ledger failed (connection, query). Carries the driver's error as `cause`. */
export class AbandonLedgerError extends Schema.TaggedError<AbandonLedgerError>()('AbandonLedgerError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/**
 * How an engine-placed call that was answered ended up, recorded once per call when it is known:
 * `connected` (a person got an agent), `abandoned` (a person got the message instead of an agent),
 * `machine` (the machine detection said an answering machine; some of those were people, and a
 * profile may count an estimate of them as abandoned).
 */
export interface AnsweredCall {
  readonly campaignId: string
  readonly callId: string
  readonly answeredAt: Date
  readonly outcome: 'connected' | 'abandoned' | 'machine'
}

/** A campaign's answered calls in a period, by outcome. Live-answered = connected + abandoned. */
export interface AnsweredCounts {
  readonly connected: number
  readonly abandoned: number
  readonly machine: number
}

type Op<A> = Effect.Effect<A, AbandonLedgerError>

/**
 * Answered calls per campaign, the facts abandon rates are computed from (the live-answered
 * denominator over the regulator's rolling window). The call engine writes it; the pacer's budget
 * and the supervisor's abandon rate read it.
 */
export interface AbandonLedgerService {
  /** Records a call's answered outcome; recording the same call again changes nothing. */
  readonly record: (call: AnsweredCall) => Op<void>
  /** Counts the campaign's calls answered in `[since, until)`. */
  readonly counts: (query: {
    readonly campaignId: string
    readonly since: Date
    readonly until: Date
  }) => Op<AnsweredCounts>
}

export class AbandonLedger extends Context.Tag('@ringlane/core/AbandonLedger')<
  AbandonLedger,
  AbandonLedgerService
>() {}
