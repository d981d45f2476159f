import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import type { NewSystemError, SystemErrorStoreService } from '../analytics/system-errors.js'
import { withFixture } from './suite.js'

export interface SystemErrorStoreFixture {
  readonly store: SystemErrorStoreService
  /** Empties the store between tests. */
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

const error = (overrides: Partial<NewSystemError>): NewSystemError => ({
  kind: 'rejected-webhook',
  cause: 'bad-signature',
  message: 'The signature does not match',
  source: 'calls.handleStatus',
  sessionId: null,
  leadId: null,
  occurredAt: new Date('2026-11-20T10:00:00Z'),
  ...overrides,
})

/**
 * The contract of a system error store: what it keeps, and the quality page's counts over a range of
 * days in a zone. Call it once from the adapter's test file with a fresh store on a real engine.
 */
export const describeSystemErrorStoreConformance = (
  name: string,
  setup: () => Promise<SystemErrorStoreFixture>,
) =>
  describe(`SystemErrorStore conformance: ${name}`, () => {
    let fixture: SystemErrorStoreFixture
    withFixture(setup, (opened) => {
      fixture = opened
    })

    it('keeps an error as given and finds it by id; an unknown id finds nothing', async () => {
      const given = error({ kind: 'failed-call', cause: 'busy circuit', sessionId: 's1', leadId: 'L-1' })
      const kept = await run(fixture.store.record(given))
      expect(kept).toEqual({ id: kept.id, ...given })
      expect(await run(fixture.store.find(kept.id))).toEqual(kept)
      expect(await run(fixture.store.find('00000000-0000-4000-8000-000000000000'))).toBeNull()
    })

    it('counts the days of a range in its zone, by kind, cause and day, with the latest first', async () => {
      // New York is UTC-5 in November: 04:30Z on the 21st is still the 20th there, 05:30Z is the 21st.
      const zone = 'America/New_York'
      await run(fixture.store.record(error({ occurredAt: new Date('2026-11-20T15:00:00Z') })))
      await run(fixture.store.record(error({ occurredAt: new Date('2026-11-21T04:30:00Z') })))
      await run(
        fixture.store.record(
          error({
            kind: 'validation-refused',
            cause: 'InvalidOutcome: disposition',
            occurredAt: new Date('2026-11-21T05:30:00Z'),
          }),
        ),
      )
      // Outside the range, on either side.
      await run(fixture.store.record(error({ occurredAt: new Date('2026-11-20T04:59:00Z') })))
      await run(fixture.store.record(error({ occurredAt: new Date('2026-11-22T05:00:00Z') })))

      const summary = await run(
        fixture.store.summary({ from: '2026-11-20', to: '2026-11-21', timeZone: zone }, 2),
      )
      expect(summary.byKind).toEqual([
        { kind: 'failed-call', count: 0 },
        { kind: 'rejected-webhook', count: 2 },
        { kind: 'recording-fetch-failed', count: 0 },
        { kind: 'provider-error', count: 0 },
        { kind: 'validation-refused', count: 1 },
      ])
      expect(summary.byCause).toEqual([
        {
          kind: 'rejected-webhook',
          cause: 'bad-signature',
          count: 2,
          lastAt: new Date('2026-11-21T04:30:00Z'),
        },
        {
          kind: 'validation-refused',
          cause: 'InvalidOutcome: disposition',
          count: 1,
          lastAt: new Date('2026-11-21T05:30:00Z'),
        },
      ])
      expect(summary.daily).toHaveLength(10)
      expect(summary.daily.filter((d) => d.count > 0)).toEqual([
        { day: '2026-11-20', kind: 'rejected-webhook', count: 2 },
        { day: '2026-11-21', kind: 'validation-refused', count: 1 },
      ])
      expect(summary.latest.map((e) => e.occurredAt)).toEqual([
        new Date('2026-11-21T05:30:00Z'),
        new Date('2026-11-21T04:30:00Z'),
      ])
    })

    it('answers every kind at zero and every day at zero when nothing happened', async () => {
      const summary = await run(
        fixture.store.summary({ from: '2026-11-01', to: '2026-11-03', timeZone: 'UTC' }, 50),
      )
      expect(summary.byKind.every((k) => k.count === 0)).toBe(true)
      expect(summary.byCause).toEqual([])
      expect(summary.daily.map((d) => d.day)).toEqual([
        ...Array(5).fill('2026-11-01'),
        ...Array(5).fill('2026-11-02'),
        ...Array(5).fill('2026-11-03'),
      ])
      expect(summary.latest).toEqual([])
    })
  })
