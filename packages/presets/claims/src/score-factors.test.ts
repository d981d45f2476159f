import { Queues } from '@ringlane/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ClaimsFacts } from './details.js'
import { claimsScoreFactors } from './score-factors.js'

const now = new Date('2026-11-20T12:00:00Z')
const reasons = (
  given: { pendingRequirements: number; claimValue: number },
  factors = claimsScoreFactors(),
) => {
  const facts: ClaimsFacts = { lenders: [], preferredCallHours: null, ...given }
  return Queues.scoreLead(
    { now, leadCreatedAt: now, lastContactAt: now, attempts: 0, lastOutcome: null, callbackDue: false },
    Queues.defaultScoringWeights,
    factors,
    facts,
  ).reasons.filter((r) => r.factor === 'pending_requirements' || r.factor === 'claim_value')
}

describe('the claims score factors', () => {
  it("adds the seed's 15 points per pending requirement (up to 10) and 5 points per £2,500 of claims", () => {
    // Seed 000: -15 a requirement (its scores ran lower-first), -10 over £5,000, -20 over £10,000.
    expect(reasons({ pendingRequirements: 3, claimValue: 12_000 })).toEqual([
      { factor: 'pending_requirements', points: 45, detail: '3 pending requirements' },
      { factor: 'claim_value', points: 20, detail: 'claims worth over £10,000' },
    ])
    expect(reasons({ pendingRequirements: 50, claimValue: 6_000 })).toEqual([
      { factor: 'pending_requirements', points: 150, detail: '50 pending requirements' },
      { factor: 'claim_value', points: 10, detail: 'claims worth over £5,000' },
    ])
    expect(reasons({ pendingRequirements: 0, claimValue: 31_000 })[1]?.points).toBe(60)
    expect(reasons({ pendingRequirements: 1, claimValue: 2_000 })[1]).toEqual({
      factor: 'claim_value',
      points: 0,
      detail: 'claims worth £2,000',
    })
  })

  it('takes its own weights', () => {
    const factors = claimsScoreFactors({
      perPendingRequirement: 1,
      claimValueTiers: [{ over: 0, points: 7 }],
    })
    expect(reasons({ pendingRequirements: 2, claimValue: 1 }, factors).map((r) => r.points)).toEqual([2, 7])
  })

  it('never ranks a claimant lower for owing more requirements or having more at stake', () => {
    const facts = fc.record({
      pendingRequirements: fc.integer({ min: 0, max: 40 }),
      claimValue: fc.double({ min: 0, max: 100_000, noNaN: true }),
    })
    const total = (f: { pendingRequirements: number; claimValue: number }) =>
      reasons(f).reduce((sum, r) => sum + r.points, 0)
    fc.assert(
      fc.property(
        facts,
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 50_000, noNaN: true }),
        (f, more, extra) => {
          expect(total({ ...f, pendingRequirements: f.pendingRequirements + more })).toBeGreaterThanOrEqual(
            total(f),
          )
          expect(total({ ...f, claimValue: f.claimValue + extra })).toBeGreaterThanOrEqual(total(f))
        },
      ),
    )
  })
})
