import { Schema } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compareByScore,
  defaultScoringWeights,
  type ScoreFactor,
  type ScoringInputs,
  ScoringWeights,
  scoreLead,
} from './scoring.js'

const now = new Date('2026-11-20T12:00:00Z')
const base: ScoringInputs = {
  now,
  leadCreatedAt: new Date('2026-11-10T12:00:00Z'),
  lastContactAt: null,
  attempts: 0,
  lastOutcome: null,
  callbackDue: false,
}

// A use case's own factor, as a preset brings one: 10 points per open case, at most 3 counted.
const openCases: ScoreFactor<{ readonly openCases: number }> = {
  factor: 'open_cases',
  score: ({ openCases }) => ({ points: Math.min(openCases, 3) * 10, detail: `${openCases} open cases` }),
}

describe('scoreLead', () => {
  it('explains itself: every factor is reported with its points, and they add up to the score', () => {
    const result = scoreLead(
      {
        ...base,
        lastContactAt: new Date('2026-11-17T12:00:00Z'),
        attempts: 2,
        lastOutcome: 'no_answer',
      },
      defaultScoringWeights,
      [openCases],
      { openCases: 2 },
    )
    // Default weights: 2 per day since contact, -5 per attempt, +5 for no answer, -0.5 per day of age.
    expect(result.reasons).toEqual([
      { factor: 'days_since_last_contact', points: 6, detail: '3 days since last contact' },
      { factor: 'attempts', points: -10, detail: '2 attempts so far' },
      { factor: 'last_outcome', points: 5, detail: 'last outcome no answer' },
      { factor: 'callback_due', points: 0, detail: 'no callback due' },
      { factor: 'lead_age', points: -5, detail: 'lead 10 days old' },
      { factor: 'open_cases', points: 20, detail: '2 open cases' },
    ])
    expect(result.score).toBe(16)
  })

  it('puts a due callback far ahead', () => {
    expect(scoreLead({ ...base, callbackDue: true }).score - scoreLead(base).score).toBe(100)
  })

  it('takes configured weights, with defaults for the rest', () => {
    const weights = Schema.decodeUnknownSync(ScoringWeights)({ perAttempt: -1, lastOutcome: { busy: -3 } })
    expect(weights.perDayOfLeadAge).toBe(defaultScoringWeights.perDayOfLeadAge)
    const result = scoreLead({ ...base, attempts: 2, lastOutcome: 'busy' }, weights)
    expect(result.reasons.find((r) => r.factor === 'attempts')?.points).toBe(-2)
    expect(result.reasons.find((r) => r.factor === 'last_outcome')?.points).toBe(-3)
  })

  it('refuses weights out of range, naming the field', () => {
    const result = Schema.decodeUnknownEither(ScoringWeights)({ perAttempt: 5000 })
    expect(result._tag).toBe('Left')
    expect(String(result._tag === 'Left' ? result.left.message : '')).toContain('perAttempt')
  })

  const inputs = fc.record({
    leadAgeDays: fc.integer({ min: 0, max: 400 }),
    contactDaysAgo: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    attempts: fc.integer({ min: 0, max: 50 }),
    lastOutcome: fc.option(
      fc.constantFrom('no_answer', 'busy', 'not_interested', 'callback_requested', 'something_else'),
      { nil: null },
    ),
    openCases: fc.integer({ min: 0, max: 40 }),
    callbackDue: fc.boolean(),
  })
  const toInputs = (x: typeof inputs extends fc.Arbitrary<infer T> ? T : never): ScoringInputs => ({
    now,
    leadCreatedAt: new Date(+now - x.leadAgeDays * 86_400_000),
    lastContactAt: x.contactDaysAgo === null ? null : new Date(+now - x.contactDaysAgo * 86_400_000),
    attempts: x.attempts,
    lastOutcome: x.lastOutcome,
    callbackDue: x.callbackDue,
  })
  const score = (x: typeof inputs extends fc.Arbitrary<infer T> ? T : never) =>
    scoreLead(toInputs(x), defaultScoringWeights, [openCases], { openCases: x.openCases })

  it('gives the same score for the same input, always equal to the sum of its reasons', () => {
    fc.assert(
      fc.property(inputs, (x) => {
        const a = score(x)
        expect(score(x)).toEqual(a)
        expect(a.reasons).toHaveLength(6)
        expect(a.score).toBeCloseTo(
          a.reasons.reduce((s, r) => s + r.points, 0),
          6,
        )
        expect(Number.isFinite(a.score)).toBe(true)
      }),
    )
  })

  it('never ranks a lead lower for more attempts being fewer, or for a factor that gives more', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 5 }), (x, more) => {
        expect(score({ ...x, openCases: x.openCases + more }).score).toBeGreaterThanOrEqual(score(x).score)
        expect(score({ ...x, attempts: x.attempts + more }).score).toBeLessThan(score(x).score)
      }),
    )
  })
})

describe('compareByScore', () => {
  it('orders by score, then newest lead, then id, whatever order rows arrive in', () => {
    const row = fc.record({
      score: fc.integer({ min: -5, max: 5 }),
      leadCreatedAt: fc.integer({ min: 0, max: 5 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d))),
      leadId: fc.integer({ min: 1, max: 30 }).map(String),
    })
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.leadId, maxLength: 30 }), (rows) => {
        const sorted = [...rows].sort(compareByScore)
        expect([...rows].reverse().sort(compareByScore)).toEqual(sorted)
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1], sorted[i]] as const
          if (!a || !b) continue
          expect(a.score >= b.score).toBe(true)
          if (a.score === b.score) expect(+a.leadCreatedAt >= +b.leadCreatedAt).toBe(true)
        }
      }),
    )
  })
})
