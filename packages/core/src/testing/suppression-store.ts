import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import type { SuppressionStoreService } from '../compliance/suppression-store.js'
import type { E164 } from '../kernel/phone-numbers.js'
import { withFixture } from './suite.js'

export interface SuppressionStoreFixture {
  readonly store: SuppressionStoreService
  /** Reads the suppressed numbers as stored, bypassing the adapter under test. */
  readonly storedNumbers: () => Promise<ReadonlyArray<string>>
  /** Empties the store between tests. */
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/**
 * The contract of a suppression store: what an SMS-only integration implements (calls and texts both
 * read it). Call it once from the adapter's test file with a fresh store on a real engine.
 */
export const describeSuppressionStoreConformance = (
  name: string,
  setup: () => Promise<SuppressionStoreFixture>,
) =>
  describe(`SuppressionStore conformance: ${name}`, () => {
    let fixture: SuppressionStoreFixture
    const now = new Date('2026-11-20T10:00:00Z')
    const phone = '+447700900555' as E164
    const other = '+447700900556' as E164

    withFixture(setup, (opened) => {
      fixture = opened
    })

    it('records an opt-out once, however often it arrives, and answers only for suppressed numbers', async () => {
      await run(fixture.store.recordOptOut(phone, 'sms:STOP', now))
      await run(fixture.store.recordOptOut(phone, 'call:do_not_call', now))
      expect([...(await run(fixture.store.optedOut([phone, other])))]).toEqual([phone])
      expect(await fixture.storedNumbers()).toEqual([phone])
      expect((await run(fixture.store.optedOut([]))).size).toBe(0)
    })

    it('removes an opt-out (the person texted START), and removing an unknown number is harmless', async () => {
      await run(fixture.store.recordOptOut(phone, 'sms:STOP', now))
      await run(fixture.store.removeOptOut(phone))
      await run(fixture.store.removeOptOut(other))
      expect((await run(fixture.store.optedOut([phone]))).size).toBe(0)
      expect(await fixture.storedNumbers()).toEqual([])
    })

    it('tells how and when each number opted out, once each, in the order asked, keeping the first record', async () => {
      await run(fixture.store.recordOptOut(phone, 'sms:STOP', now))
      await run(fixture.store.recordOptOut(phone, 'call:do_not_call', new Date(+now + 60_000)))
      await run(fixture.store.recordOptOut(other, 'call:do_not_call', new Date(+now + 120_000)))
      expect(await run(fixture.store.findOptOuts([other, '+447700900557' as E164, phone, phone]))).toEqual([
        { phone: other, source: 'call:do_not_call', optedOutAt: new Date(+now + 120_000) },
        { phone, source: 'sms:STOP', optedOutAt: now },
      ])
      expect(await run(fixture.store.findOptOuts([]))).toEqual([])
    })
  })
