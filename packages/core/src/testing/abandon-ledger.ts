import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import type { AbandonLedgerService, AnsweredCall } from '../compliance/abandon-ledger.js'
import { withFixture } from './suite.js'

export interface AbandonLedgerFixture {
  readonly ledger: AbandonLedgerService
  /** Empties the ledger between tests. */
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/**
 * The contract of an abandon ledger: answered calls per campaign, recorded once, counted by outcome
 * over `[since, until)`. Call it once from the adapter's test file with a fresh ledger.
 */
export const describeAbandonLedgerConformance = (name: string, setup: () => Promise<AbandonLedgerFixture>) =>
  describe(`AbandonLedger conformance: ${name}`, () => {
    let fixture: AbandonLedgerFixture
    const t0 = new Date('2026-11-20T10:00:00Z')
    const at = (minutes: number) => new Date(+t0 + minutes * 60_000)
    const call = (
      id: string,
      outcome: AnsweredCall['outcome'],
      minutes: number,
      campaignId = 'spring',
    ): AnsweredCall => ({
      campaignId,
      callId: id,
      answeredAt: at(minutes),
      outcome,
    })

    withFixture(setup, (opened) => {
      fixture = opened
    })

    it('counts a campaign’s answered calls by outcome over [since, until)', async () => {
      for (const c of [
        call('c1', 'connected', 0),
        call('c2', 'connected', 10),
        call('c3', 'abandoned', 20),
        call('c4', 'machine', 30),
        call('c5', 'connected', 40),
        call('o1', 'abandoned', 20, 'autumn'),
      ])
        await run(fixture.ledger.record(c))
      expect(await run(fixture.ledger.counts({ campaignId: 'spring', since: at(0), until: at(40) }))).toEqual(
        {
          connected: 2,
          abandoned: 1,
          machine: 1,
        },
      )
      expect(
        await run(fixture.ledger.counts({ campaignId: 'spring', since: at(10), until: at(41) })),
      ).toEqual({
        connected: 2,
        abandoned: 1,
        machine: 1,
      })
      expect(await run(fixture.ledger.counts({ campaignId: 'autumn', since: at(0), until: at(60) }))).toEqual(
        {
          connected: 0,
          abandoned: 1,
          machine: 0,
        },
      )
      expect(await run(fixture.ledger.counts({ campaignId: 'none', since: at(0), until: at(60) }))).toEqual({
        connected: 0,
        abandoned: 0,
        machine: 0,
      })
    })

    it('records a call once: a second report of it (a retried webhook) changes nothing', async () => {
      await run(fixture.ledger.record(call('c1', 'abandoned', 0)))
      await run(fixture.ledger.record(call('c1', 'connected', 5)))
      expect(
        await run(fixture.ledger.counts({ campaignId: 'spring', since: at(-1), until: at(10) })),
      ).toEqual({
        connected: 0,
        abandoned: 1,
        machine: 0,
      })
    })
  })
