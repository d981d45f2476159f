import { Context, type Effect, Schema } from 'effect'
import type { E164 } from '../kernel/phone-numbers.js'

/** The suppression store failed (connection, query). Carries the driver's error as `cause`. */
export class SuppressionStoreError extends Schema.TaggedError<SuppressionStoreError>()(
  'SuppressionStoreError',
  {
    operation: Schema.String,
    message: Schema.String,
    cause: Schema.optional(Schema.Defect),
  },
) {}

/** A number that opted out: how (`sms:STOP`, `call:do_not_call`) and when. */
export interface OptOut {
  readonly phone: E164
  readonly source: string
  readonly optedOutAt: Date
}

type Op<A> = Effect.Effect<A, SuppressionStoreError>

/**
 * Numbers that must not be contacted, on any channel: opt-outs (an SMS STOP, a "do not call"
 * outcome). Calls and texts both check it, so an SMS-only integration implements this port alone.
 */
export interface SuppressionStoreService {
  /** Which of these numbers opted out. */
  readonly optedOut: (phones: ReadonlyArray<E164>) => Op<ReadonlySet<E164>>
  /** The opt-outs of these numbers, with how and when each was recorded: once each, in the order asked. */
  readonly findOptOuts: (phones: ReadonlyArray<E164>) => Op<ReadonlyArray<OptOut>>
  /** Records an opt-out (once: a second is ignored). `source` says how: `sms:STOP`, `call:do_not_call`. */
  readonly recordOptOut: (phone: E164, source: string, now: Date) => Op<void>
  readonly removeOptOut: (phone: E164) => Op<void>
}

export class SuppressionStore extends Context.Tag('@ringlane/core/SuppressionStore')<
  SuppressionStore,
  SuppressionStoreService
>() {}
