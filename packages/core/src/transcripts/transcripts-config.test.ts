import { Schema } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { retryAt, TranscriptSettings } from './transcripts-config.js'

const settings = (input: typeof TranscriptSettings.Encoded) =>
  Schema.decodeUnknownSync(TranscriptSettings)(input)
const now = new Date(Date.UTC(2026, 10, 20, 10, 0))

describe('when the transcription job tries again', () => {
  it('waits the first delay, then doubles it each time, up to the cap, and gives up at maxAttempts', () => {
    const s = settings({ maxAttempts: 5, retryDelayMs: 60_000, maxRetryDelayMs: 300_000 })
    const waits = [1, 2, 3, 4].map((attempts) => (retryAt(s, attempts, now)?.getTime() ?? 0) - now.getTime())
    // 1, 2, 4 minutes, then the 5-minute cap.
    expect(waits).toEqual([60_000, 120_000, 240_000, 300_000])
    expect(retryAt(s, 5, now)).toBeNull()
    expect(retryAt(s, 6, now)).toBeNull()
  })

  it('never waits less than the first delay nor more than the cap, and stops exactly at maxAttempts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1000, max: 3_600_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.integer({ min: 0, max: 60 }),
        (maxAttempts, retryDelayMs, extra, attempts) => {
          const s = settings({ maxAttempts, retryDelayMs, maxRetryDelayMs: retryDelayMs + extra })
          const next = retryAt(s, attempts, now)
          if (attempts >= maxAttempts) {
            expect(next).toBeNull()
            return
          }
          const wait = (next?.getTime() ?? 0) - now.getTime()
          expect(wait).toBeGreaterThanOrEqual(retryDelayMs)
          expect(wait).toBeLessThanOrEqual(retryDelayMs + extra)
        },
      ),
    )
  })

  it('refuses a cap below the first delay, naming the field', () => {
    expect(() => settings({ retryDelayMs: 60_000, maxRetryDelayMs: 1000 })).toThrow(/maxRetryDelayMs/)
  })
})
