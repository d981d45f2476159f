import { Context, Effect, Schema } from 'effect'

export class CallRateError extends Schema.TaggedError<CallRateError>()('CallRateError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/**
 * The carrier's calls-per-second limit, shared by every instance placing calls on one account: above
 * it the carrier queues calls, and a pacing decision then lands seconds late. Each instance asks for
 * the lines it wants to place and places only those granted.
 */
export interface CallRateLimiterService {
  /** Grants up to `wanted` calls in the second `now` falls in (0 when that second's budget is spent). */
  readonly take: (wanted: number, now: Date) => Effect.Effect<number, CallRateError>
}

export class CallRateLimiter extends Context.Tag('@ringlane/core/CallRateLimiter')<
  CallRateLimiter,
  CallRateLimiterService
>() {}

/** The limit inside one process (embedded use, one instance): a count per second. */
export const inMemoryCallRate = (callsPerSecond: number): CallRateLimiterService => {
  let second = -1
  let placed = 0
  return {
    take: (wanted, now) =>
      Effect.sync(() => {
        const current = Math.floor(+now / 1000)
        if (current !== second) {
          second = current
          placed = 0
        }
        const granted = Math.max(0, Math.min(wanted, callsPerSecond - placed))
        placed += granted
        return granted
      }),
  }
}
