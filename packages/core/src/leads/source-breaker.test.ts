import { describe, expect, it } from '@effect/vitest'
import { Effect, TestClock } from 'effect'
import { makeCircuitBreaker } from './source-breaker.js'

describe('circuit breaker', () => {
  it.effect('opens after repeated failures, fails fast, then recovers by itself', () =>
    Effect.gen(function* () {
      const breaker = yield* makeCircuitBreaker({ failureThreshold: 3, resetMs: 30_000, name: 'The source' })
      let calls = 0
      const failing = Effect.suspend(() => {
        calls++
        return Effect.fail('down' as const)
      })
      for (let i = 0; i < 3; i++) expect(yield* Effect.flip(breaker.guard(failing))).toBe('down')
      expect(yield* breaker.state).toBe('open')

      const open = yield* Effect.flip(breaker.guard(failing))
      expect(open).toMatchObject({ _tag: 'CircuitOpen', retryAfterMs: 30_000 })
      expect(calls).toBe(3)

      yield* TestClock.adjust('30 seconds')
      expect(yield* breaker.guard(Effect.succeed('back'))).toBe('back')
      expect(yield* breaker.state).toBe('closed')
    }),
  )

  it.effect('a failed trial opens it again; a success in between resets the count', () =>
    Effect.gen(function* () {
      const breaker = yield* makeCircuitBreaker({ failureThreshold: 2, resetMs: 1000, name: 'The source' })
      yield* Effect.flip(breaker.guard(Effect.fail(1)))
      yield* breaker.guard(Effect.succeed(1))
      yield* Effect.flip(breaker.guard(Effect.fail(1)))
      expect(yield* breaker.state).toBe('closed')
      yield* Effect.flip(breaker.guard(Effect.fail(1)))
      expect(yield* breaker.state).toBe('open')
      yield* TestClock.adjust('1 second')
      yield* Effect.flip(breaker.guard(Effect.fail(1)))
      expect(yield* breaker.state).toBe('open')
    }),
  )
})
