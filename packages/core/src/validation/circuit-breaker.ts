import { Clock, Context, Effect, Layer, Ref, Schema } from 'effect'

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

/** The breaker in front of the lead source for pre-call validation. */
export class SourceBreaker extends Context.Tag('@ringlane/core/SourceBreaker')<
  SourceBreaker,
  CircuitBreakerService
>() {
  static readonly layer = (options: { readonly failureThreshold: number; readonly resetMs: number }) =>
    Layer.effect(SourceBreaker, makeCircuitBreaker({ ...options, name: 'The lead source' }))
}
