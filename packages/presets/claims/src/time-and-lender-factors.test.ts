import { Queues } from '@ringlane/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ClaimsFacts } from './details.js'
import { claimsScoreFactors, inPreferredHours } from './score-factors.js'

const base: ClaimsFacts = { pendingRequirements: 0, claimValue: 0, lenders: [], preferredCallHours: null }
const reason = (factor: string, facts: Partial<ClaimsFacts>, now: Date, factors = claimsScoreFactors()) =>
  Queues.scoreLead(
    { now, leadCreatedAt: now, lastContactAt: now, attempts: 0, lastOutcome: null, callbackDue: false },
    Queues.defaultScoringWeights,
    factors,
    { ...base, ...facts },
  ).reasons.find((r) => r.factor === factor)

/** A moment whose hour on the UK clock is `hour` (in winter London is on UTC; in summer one ahead). */
const ukHour = (hour: number, summer: boolean) =>
  summer ? new Date(Date.UTC(2026, 6, 15, (hour + 23) % 24, 30)) : new Date(Date.UTC(2026, 0, 15, hour, 30))

describe('preferred time of day (seed 000)', () => {
  it('adds 5 points when the hour is inside the window, both ends included, on the UK clock', () => {
    const hours = { from: 9, to: 12 }
    expect(reason('preferred_time_of_day', { preferredCallHours: hours }, ukHour(9, false))).toEqual({
      factor: 'preferred_time_of_day',
      points: 5,
      detail: 'prefers calls 09:00–12:00: now is inside',
    })
    expect(reason('preferred_time_of_day', { preferredCallHours: hours }, ukHour(12, true))?.points).toBe(5)
    expect(reason('preferred_time_of_day', { preferredCallHours: hours }, ukHour(13, false))).toEqual({
      factor: 'preferred_time_of_day',
      points: 0,
      detail: 'prefers calls 09:00–12:00',
    })
    // 08:30 in London in July is 07:30 UTC: outside a 9 to 12 window, whatever the server's zone.
    expect(reason('preferred_time_of_day', { preferredCallHours: hours }, ukHour(8, true))?.points).toBe(0)
    expect(reason('preferred_time_of_day', {}, ukHour(10, false))?.points).toBe(0)
  })

  it('matches the seed\'s rule "hour >= start && hour <= end" for every window and hour', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        fc.boolean(),
        (a, b, hour, summer) => {
          const [from, to] = a <= b ? [a, b] : [b, a]
          const expected = hour >= from && hour <= to ? 5 : 0
          expect(
            reason('preferred_time_of_day', { preferredCallHours: { from, to } }, ukHour(hour, summer))
              ?.points,
          ).toBe(expected)
        },
      ),
    )
  })

  it('reads a window whose start is after its end as running over midnight', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 0, max: 23 }), (from, hour) => {
        const to = from - 1
        // From `from` round to just before it: every hour but none is inside.
        expect(inPreferredHours(hour, { from, to })).toBe(hour !== to + 0.5)
        expect(inPreferredHours(hour, { from: 20, to: 7 })).toBe(hour >= 20 || hour <= 7)
      }),
    )
  })
})

describe('lender importance (seed 001)', () => {
  const factors = claimsScoreFactors({ lenderImportance: { 'Lender A': 20, 'Lender B': 8 } })
  const now = new Date('2026-01-15T10:00:00Z')

  it('counts the most important lender among the claims, and nothing for lenders not weighted', () => {
    expect(reason('lender_importance', { lenders: ['Lender B', 'Lender A'] }, now, factors)).toEqual({
      factor: 'lender_importance',
      points: 20,
      detail: 'a claim with Lender A',
    })
    expect(reason('lender_importance', { lenders: ['Lender C'] }, now, factors)?.points).toBe(0)
    // No lender weighted at all: the factor adds no reason worth 0 to every lead.
    expect(reason('lender_importance', { lenders: ['Lender A'] }, now)).toBeUndefined()
  })

  it('gives the highest weight of the lenders a person has, for any set of lenders', () => {
    const weights = { 'Lender A': 20, 'Lender B': 8, 'Lender D': -5 }
    const weighted = claimsScoreFactors({ lenderImportance: weights })
    fc.assert(
      fc.property(fc.subarray(['Lender A', 'Lender B', 'Lender C', 'Lender D']), (lenders) => {
        const points = lenders.map((l) => weights[l as keyof typeof weights] ?? 0)
        const expected = lenders.length === 0 ? 0 : Math.max(...points)
        expect(reason('lender_importance', { lenders }, now, weighted)?.points).toBe(expected)
      }),
    )
  })
})
