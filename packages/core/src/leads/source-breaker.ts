import { Clock, Context, Duration, Effect, Layer, Ref, Schema } from 'effect'
import { LeadSourceError } from './lead-source.js'

export class CircuitOpen extends Schema.TaggedError<CircuitOpen>()('CircuitOpen', {
  retryAfterMs: Schema.Number,
  message: Schema.String,
}) {}

type State =
  | { readonly _tag: 'Closed'; readonly failures: number }
  | { readonly _tag: 'Open'; readonly until: number }
  | { readonly _tag: 'HalfOpen' }

export interface CircuitBreakerService {
  /** Runs the effect unless the circuit is open; failures count towards opening it. */
  readonly guard: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | CircuitOpen, R>
  readonly state: Effect.Effect<'closed' | 'open' | 'half-open'>
}

/**
 * Stops hammering a failing lead source: after `failureThreshold` failures in a row the circuit opens
 * and calls fail at once; after `resetMs` one trial call goes through, and its success closes it.
 */
export const makeCircuitBreaker = (options: {
  readonly failureThreshold: number
  readonly resetMs: number
  readonly name: string
}) =>
  Effect.map(Ref.make<State>({ _tag: 'Closed', failures: 0 }), (ref): CircuitBreakerService => {
    const onFailure = (now: number) =>
      Ref.update(ref, (state): State => {
        if (state._tag === 'HalfOpen') return { _tag: 'Open', until: now + options.resetMs }
        const failures = state._tag === 'Closed' ? state.failures + 1 : options.failureThreshold
        return failures >= options.failureThreshold
          ? { _tag: 'Open', until: now + options.resetMs }
          : { _tag: 'Closed', failures }
      })
    return {
      guard: (effect) =>
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const admitted = yield* Ref.modify(ref, (state): [number | null, State] => {
            if (state._tag === 'Closed') return [null, state]
            // One trial call at a time while half-open; the rest fail fast until it answers.
            if (state._tag === 'HalfOpen') return [1000, state]
            if (now >= state.until) return [null, { _tag: 'HalfOpen' }]
            return [state.until - now, state]
          })
          if (admitted !== null) {
            return yield* new CircuitOpen({
              retryAfterMs: admitted,
              message: `${options.name} failed repeatedly; not asking it again for ${Math.ceil(admitted / 1000)} s`,
            })
          }
          // An interrupted call counts as a failure, so a half-open trial can never get stuck.
          return yield* effect.pipe(
            Effect.onExit((exit) =>
              exit._tag === 'Success'
                ? Ref.set(ref, { _tag: 'Closed', failures: 0 })
                : Effect.flatMap(Clock.currentTimeMillis, onFailure),
            ),
          )
        }),
      state: Effect.map(Ref.get(ref), (s) =>
        s._tag === 'Closed' ? 'closed' : s._tag === 'Open' ? 'open' : 'half-open',
      ),
    }
  })

/** How long the dialler waits for the lead source, and when it stops asking a failing one. */
export const SourceSettings = Schema.Struct({
  /** How long pre-call validation waits for the source before refusing to dial. */
  sourceTimeoutMs: Schema.optionalWith(Schema.Int.pipe(Schema.between(50, 60_000)), { default: () => 2000 }),
  /** Consecutive source failures that open the circuit, and how long it stays open. */
  breakerFailureThreshold: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1000)), {
    default: () => 5,
  }),
  breakerResetMs: Schema.optionalWith(Schema.Int.pipe(Schema.between(100, 3_600_000)), {
    default: () => 30_000,
  }),
})
export type SourceSettings = typeof SourceSettings.Type

export interface SourceGuardService extends CircuitBreakerService {
  /** The breaker's guard with the source timeout: a slow answer counts as a failure. */
  readonly ask: <A, R>(
    operation: string,
    effect: Effect.Effect<A, LeadSourceError, R>,
  ) => Effect.Effect<A, LeadSourceError | CircuitOpen, R>
}

/** The timeout and circuit breaker in front of the lead source, for live checks before a dial. */
export class SourceBreaker extends Context.Tag('@ringlane/core/SourceBreaker')<
  SourceBreaker,
  SourceGuardService
>() {
  static readonly layer = (settings: SourceSettings) =>
    Layer.effect(
      SourceBreaker,
      Effect.map(
        makeCircuitBreaker({
          failureThreshold: settings.breakerFailureThreshold,
          resetMs: settings.breakerResetMs,
          name: 'The lead source',
        }),
        (breaker): SourceGuardService => ({
          ...breaker,
          ask: (operation, effect) =>
            breaker.guard(
              effect.pipe(
                Effect.timeoutFail({
                  duration: Duration.millis(settings.sourceTimeoutMs),
                  onTimeout: () =>
                    new LeadSourceError({
                      operation,
                      message: `no answer within ${settings.sourceTimeoutMs} ms`,
                    }),
                }),
              ),
            ),
        }),
      ),
    )
}
