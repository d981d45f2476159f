import { Effect, Layer, Schema, TestClock, TestContext } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AbandonLedger, type AnsweredCall } from './abandon-ledger.js'
import { inMemoryAbandonLedger } from './abandon-ledger-memory.js'
import { abandonBudget, abandonRates, tallyAbandons } from './abandon-rates.js'
import { ComplianceConfig, ContactRules } from './contact-rules.js'

const HOUR = 3_600_000
const outcome = fc.constantFrom<AnsweredCall['outcome']>('connected', 'abandoned', 'machine')

describe('abandon accounting on the live-answered denominator', () => {
  it('rates abandoned over live-answered calls, the estimated people among machines counted in both', () => {
    fc.assert(
      fc.property(
        fc.array(outcome, { maxLength: 300 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 100 }),
        (outcomes, countsFp, percent) => {
          // The rule's words, call by call: a live call is one a person answered; an abandoned one is a
          // live call the person got no agent on. A machine answer is a person `percent` % of the time.
          let live = 0
          let dropped = 0
          for (const o of outcomes) {
            if (o === 'connected') live += 1
            if (o === 'abandoned') {
              live += 1
              dropped += 1
            }
            if (o === 'machine' && countsFp) {
              live += percent / 100
              dropped += percent / 100
            }
          }
          const counts = {
            connected: outcomes.filter((o) => o === 'connected').length,
            abandoned: outcomes.filter((o) => o === 'abandoned').length,
            machine: outcomes.filter((o) => o === 'machine').length,
          }
          const tally = tallyAbandons(counts, countsFp, percent / 100)
          expect(tally.liveAnswered).toBeCloseTo(live, 9)
          expect(tally.abandoned).toBeCloseTo(dropped, 9)
          expect(tally.ratePercent).toBeCloseTo(live === 0 ? 0 : (100 * dropped) / live, 9)
        },
      ),
    )
  })

  it('budgets exactly the abandons that keep the window at or under the target, one more crossing it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 50 }),
        fc.constantFrom(0, 1, 2.5, 3, 10),
        (connected, abandoned, machine, target) => {
          const tally = tallyAbandons({ connected, abandoned, machine }, true, 0.05)
          // Spend abandons one at a time (each is a live answer too) while the rate stays within target.
          let spent = 0
          const within = (k: number) =>
            tally.abandoned + k <= (target / 100) * (tally.liveAnswered + k) + 1e-9
          while (spent < 100_000 && within(spent + 1)) spent++
          expect(abandonBudget(tally, target)).toBe(within(0) ? spent : 0)
        },
      ),
    )
  })

  const rules = (settings: object) =>
    Layer.succeed(ComplianceConfig, Schema.decodeUnknownSync(ContactRules)(settings))

  it('gives the rolling 24 h and 30 day rates, and each rule its budget over its own window', async () => {
    const ledger = inMemoryAbandonLedger()
    const now = Date.parse('2026-11-20T12:00:00Z')
    const calls: AnsweredCall[] = []
    // In the last 24 h: 97 connected, 2 abandoned, 20 machines. Before (within 30 days): 100 connected, 10 abandoned.
    for (let i = 0; i < 97; i++)
      calls.push({
        campaignId: 'spring',
        callId: `a${i}`,
        answeredAt: new Date(now - HOUR),
        outcome: 'connected',
      })
    for (let i = 0; i < 2; i++)
      calls.push({
        campaignId: 'spring',
        callId: `b${i}`,
        answeredAt: new Date(now - 2 * HOUR),
        outcome: 'abandoned',
      })
    for (let i = 0; i < 20; i++)
      calls.push({
        campaignId: 'spring',
        callId: `m${i}`,
        answeredAt: new Date(now - 3 * HOUR),
        outcome: 'machine',
      })
    for (let i = 0; i < 100; i++)
      calls.push({
        campaignId: 'spring',
        callId: `c${i}`,
        answeredAt: new Date(now - 48 * HOUR),
        outcome: 'connected',
      })
    for (let i = 0; i < 10; i++)
      calls.push({
        campaignId: 'spring',
        callId: `d${i}`,
        answeredAt: new Date(now - 24 * HOUR - 1),
        outcome: 'abandoned',
      })
    calls.push({ campaignId: 'autumn', callId: 'x', answeredAt: new Date(now - HOUR), outcome: 'abandoned' })
    for (const call of calls) await Effect.runPromise(ledger.record(call))

    const run = (settings: object, query: Parameters<typeof abandonRates>[0]) =>
      Effect.runPromise(
        Effect.gen(function* () {
          yield* TestClock.setTime(now)
          return yield* abandonRates(query)
        }).pipe(
          Effect.provide(Layer.mergeAll(rules(settings), Layer.succeed(AbandonLedger, ledger))),
          Effect.provide(TestContext.TestContext),
        ),
      )

    // Ofcom: 24 h, machines at 5 % counted: 1 estimated person. live = 97 + 2 + 1 = 100, abandoned 3 → 3 %.
    const uk = await run(
      { complianceProfile: 'uk-ofcom', amdFalsePositivePercent: 5 },
      { campaignId: 'spring' },
    )
    expect(uk.windows.map((w) => [w.hours, w.liveAnswered, w.abandoned, w.ratePercent])).toEqual([
      [24, 100, 3, 3],
      [720, 210, 13, (100 * 13) / 210],
    ])
    expect(uk.rules).toEqual([
      expect.objectContaining({
        ruleId: 'uk-ofcom.abandon-rate',
        ratePercent: 3,
        budget: 0,
        withinLimit: true,
      }),
    ])
    expect(uk.pacing).toEqual({ answeredLive: 100, abandoned: 3, targetRate: 0.03 })

    // The FCC: 30 days, 13 of 210 is over 3 %: nothing to spend, over the limit.
    const us = await run(
      { complianceProfile: 'us-tcpa', amdFalsePositivePercent: 5 },
      { campaignId: 'spring' },
    )
    expect(us.rules).toEqual([
      expect.objectContaining({
        ruleId: 'us-tcpa.abandon-rate',
        periodHours: 720,
        budget: 0,
        withinLimit: false,
      }),
    ])
    // No machines counted as people at 0 %: 2 of 99 in 24 h; the target of 3 % leaves 1 more ((3)/(100) = 3 %).
    const none = await run(
      { complianceProfile: 'uk-ofcom', amdFalsePositivePercent: 0 },
      { campaignId: 'spring' },
    )
    expect(none.budget).toBe(1)
    // A campaign target under the cap binds the budget: 2.5 % of 99 live → no room for another.
    const lower = await run(
      { complianceProfile: 'uk-ofcom', amdFalsePositivePercent: 0 },
      { campaignId: 'spring', targetPercent: 2.5 },
    )
    expect(lower.budget).toBe(0)
    await expect(run({}, { campaignId: 'spring', profiles: ['nowhere'] })).rejects.toThrow(
      'profiles: no profile "nowhere"',
    )
  })
})
