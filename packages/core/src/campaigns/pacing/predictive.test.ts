import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PacedAgent, Pacer, PacingObservation, PacingSnapshot } from '../pacer.js'
import { recentRate, recentValues, survivalTable } from './estimators.js'
import { predictivePacer } from './predictive.js'

const NOW = 10_000_000

const agentArb: fc.Arbitrary<PacedAgent> = fc.record({
  state: fc.constantFrom('ready' as const, 'on-call' as const, 'wrap-up' as const),
  since: fc.integer({ min: NOW - 3_600_000, max: NOW }),
})

const observationArb: fc.Arbitrary<PacingObservation> = fc.oneof(
  fc.record({ kind: fc.constant('answered' as const), ringMs: fc.integer({ min: 0, max: 60_000 }) }),
  fc.record({
    kind: fc.constant('not-answered' as const),
    ringMs: fc.integer({ min: 0, max: 60_000 }),
    reason: fc.constantFrom('no-answer' as const, 'busy' as const, 'failed' as const, 'machine' as const),
  }),
  fc.record({ kind: fc.constant('talk-ended' as const), talkMs: fc.integer({ min: 0, max: 3_600_000 }) }),
  fc.record({ kind: fc.constant('wrap-up-ended' as const), wrapUpMs: fc.integer({ min: 0, max: 600_000 }) }),
  fc.record({ kind: fc.constant('abandoned' as const), waitedMs: fc.integer({ min: 0, max: 2_000 }) }),
)

const snapshotArb: fc.Arbitrary<PacingSnapshot> = fc.record({
  now: fc.constant(NOW),
  agents: fc.array(agentArb, { maxLength: 40 }),
  ringing: fc.array(fc.record({ placedAt: fc.integer({ min: NOW - 120_000, max: NOW }) }), { maxLength: 60 }),
  waiting: fc.integer({ min: 0, max: 10 }),
  maxLinesPerAgent: fc.double({ min: 1, max: 5, noNaN: true }),
  minAgentsForPredictive: fc.integer({ min: 1, max: 30 }),
  abandons: fc.record({
    answeredLive: fc.integer({ min: 0, max: 10_000 }),
    abandoned: fc.integer({ min: 0, max: 500 }),
    targetRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
  }),
})

const count = (snapshot: PacingSnapshot, state: PacedAgent['state']) =>
  snapshot.agents.filter((agent) => agent.state === state).length

/** Lines out now: ringing, answered and waiting, or with an agent. */
const inFlight = (snapshot: PacingSnapshot) =>
  snapshot.ringing.length + snapshot.waiting + count(snapshot, 'on-call')

/** What one line per free agent gives, within the lines allowed. */
const oneLinePerFreeAgent = (snapshot: PacingSnapshot) =>
  Math.min(
    Math.max(0, Math.floor(snapshot.maxLinesPerAgent * snapshot.agents.length) - inFlight(snapshot)),
    Math.max(0, count(snapshot, 'ready') - snapshot.ringing.length - snapshot.waiting),
  )

const warmedUp = (observations: ReadonlyArray<PacingObservation>) => {
  const pacer = predictivePacer()
  for (const observation of observations) pacer.observe(observation)
  return pacer
}

/** Traffic a pacer learns from: 30 % answered after 5 to 25 s, talk 60 to 300 s, wrap-up 30 s. */
const typicalTraffic = (pacer: Pacer) => {
  for (let i = 0; i < 300; i++) {
    if (i % 10 < 3) pacer.observe({ kind: 'answered', ringMs: 5_000 + ((i * 7_919) % 20_000) })
    else pacer.observe({ kind: 'not-answered', ringMs: 25_000, reason: 'no-answer' })
    pacer.observe({ kind: 'talk-ended', talkMs: 60_000 + ((i * 104_729) % 240_000) })
    pacer.observe({ kind: 'wrap-up-ended', wrapUpMs: 30_000 })
  }
  return pacer
}

describe('predictivePacer', () => {
  it('never has more than maxLinesPerAgent × agents lines out, and asks for a whole number', () => {
    fc.assert(
      fc.property(fc.array(observationArb, { maxLength: 400 }), snapshotArb, (observations, snapshot) => {
        const lines = warmedUp(observations).linesToPlace(snapshot)
        expect(Number.isInteger(lines)).toBe(true)
        expect(lines).toBeGreaterThanOrEqual(0)
        const allowed = Math.floor(snapshot.maxLinesPerAgent * snapshot.agents.length)
        expect(lines).toBeLessThanOrEqual(Math.max(0, allowed - inFlight(snapshot)))
      }),
      { numRuns: 300 },
    )
  })

  it('places nothing with no agent signed in', () => {
    fc.assert(
      fc.property(fc.array(observationArb, { maxLength: 200 }), snapshotArb, (observations, snapshot) => {
        expect(warmedUp(observations).linesToPlace({ ...snapshot, agents: [] })).toBe(0)
      }),
    )
  })

  it('below the minimum of agents it is progressive: one line per free agent', () => {
    fc.assert(
      fc.property(fc.array(observationArb, { maxLength: 400 }), snapshotArb, (observations, snapshot) => {
        const few = { ...snapshot, minAgentsForPredictive: snapshot.agents.length + 1 }
        expect(warmedUp(observations).linesToPlace(few)).toBe(oneLinePerFreeAgent(few))
      }),
    )
  })

  it('with the abandon budget spent it is progressive, so it places nothing while every agent is busy', () => {
    fc.assert(
      fc.property(snapshotArb, fc.integer({ min: 0, max: 50 }), (snapshot, over) => {
        const pacer = typicalTraffic(predictivePacer())
        // target × live-answered − abandoned ≤ 0: nothing left to spend.
        const answeredLive = snapshot.abandons.answeredLive
        const spent = {
          ...snapshot,
          abandons: {
            ...snapshot.abandons,
            abandoned: Math.ceil(snapshot.abandons.targetRate * answeredLive) + over,
          },
        }
        expect(pacer.linesToPlace(spent)).toBe(oneLinePerFreeAgent(spent))
        const busy = {
          ...spent,
          agents: spent.agents.map((agent) => ({
            ...agent,
            state: agent.state === 'ready' ? ('wrap-up' as const) : agent.state,
          })),
        }
        expect(pacer.linesToPlace(busy)).toBe(0)
      }),
    )
  })

  it('before it has seen any calls it is progressive', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        expect(predictivePacer().linesToPlace(snapshot)).toBe(oneLinePerFreeAgent(snapshot))
      }),
    )
  })

  it('dials ahead for agents about to finish wrap-up when the budget allows', () => {
    const pacer = typicalTraffic(predictivePacer())
    // 20 agents, every one 1 s from the end of a 30 s wrap-up, nothing ringing: progressive places 0.
    const snapshot: PacingSnapshot = {
      now: NOW,
      agents: Array.from({ length: 20 }, () => ({ state: 'wrap-up' as const, since: NOW - 29_000 })),
      ringing: [],
      waiting: 0,
      maxLinesPerAgent: 3,
      minAgentsForPredictive: 5,
      abandons: { answeredLive: 2_000, abandoned: 10, targetRate: 0.025 },
    }
    const lines = pacer.linesToPlace(snapshot)
    expect(lines).toBeGreaterThan(0)
    // At most 3 lines per agent, and about one answer per freeing agent at a 30 % hit rate.
    expect(lines).toBeLessThanOrEqual(60)
  })

  it('does not dial ahead for agents in the middle of long calls', () => {
    const pacer = typicalTraffic(predictivePacer())
    // Every agent 10 s into a call that lasts 60 to 300 s: none frees within the 25 s look-ahead.
    const snapshot: PacingSnapshot = {
      now: NOW,
      agents: Array.from({ length: 20 }, () => ({ state: 'on-call' as const, since: NOW - 10_000 })),
      ringing: [],
      waiting: 0,
      maxLinesPerAgent: 3,
      minAgentsForPredictive: 5,
      abandons: { answeredLive: 2_000, abandoned: 10, targetRate: 0.025 },
    }
    expect(pacer.linesToPlace(snapshot)).toBe(0)
  })

  it('dials less ahead as the budget runs down', () => {
    const pacer = typicalTraffic(predictivePacer())
    const base: PacingSnapshot = {
      now: NOW,
      agents: Array.from({ length: 25 }, (_, i) => ({
        state: 'wrap-up' as const,
        since: NOW - 20_000 - i * 400,
      })),
      ringing: [],
      waiting: 0,
      maxLinesPerAgent: 3,
      minAgentsForPredictive: 5,
      abandons: { answeredLive: 2_000, abandoned: 0, targetRate: 0.025 },
    }
    // 50 abandons allowed so far; spending them one by one never makes it bolder.
    let previous = Number.POSITIVE_INFINITY
    for (let abandoned = 0; abandoned <= 50; abandoned += 5) {
      const lines = pacer.linesToPlace({ ...base, abandons: { ...base.abandons, abandoned } })
      expect(lines).toBeLessThanOrEqual(previous)
      previous = lines
    }
    expect(previous).toBe(0)
  })
})

describe('recentValues', () => {
  it('is the empirical distribution of the last `size` values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 100 }),
        fc.integer({ min: -5, max: 105 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (size, values, x, q) => {
          const recent = recentValues(size)
          for (const value of values) recent.add(value)
          const kept = values.slice(-size)
          expect(recent.count()).toBe(kept.length)
          if (kept.length === 0) return
          expect(recent.survival(x)).toBeCloseTo(kept.filter((v) => v > x).length / kept.length, 12)
          expect(recent.mean()).toBeCloseTo(kept.reduce((a, b) => a + b, 0) / kept.length, 9)
          // Nearest rank: the smallest kept value with at least q of them at or below it.
          const sorted = [...kept].sort((a, b) => a - b)
          const expected = sorted.find((v) => sorted.filter((w) => w <= v).length >= q * kept.length)
          expect(recent.quantile(q)).toBe(expected)
        },
      ),
    )
  })
})

describe('recentRate', () => {
  it('is the share of hits among the last `size` outcomes, pulled towards the prior', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.boolean(), { maxLength: 200 }),
        (size, hits) => {
          const rate = recentRate(size, { rate: 0.2, weight: 5 })
          for (const hit of hits) rate.add(hit)
          const kept = hits.slice(-size)
          expect(rate.rate()).toBeCloseTo((kept.filter(Boolean).length + 1) / (kept.length + 5), 12)
        },
      ),
    )
  })
})

describe('survivalTable', () => {
  it('follows the empirical survival: never rising, 0 past the largest value, between its neighbours', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 2, maxLength: 20 }),
        (values, xs) => {
          const recent = recentValues(50)
          for (const value of values) recent.add(value)
          const left = survivalTable(recent, 64)
          const largest = Math.max(...values.slice(-50))
          const sorted = [...xs].sort((a, b) => a - b)
          let previous = 1
          for (const x of sorted) {
            const chance = left(x)
            expect(chance).toBeLessThanOrEqual(previous + 1e-12)
            expect(chance).toBeGreaterThanOrEqual(0)
            if (x >= largest) expect(chance).toBe(0)
            previous = chance
          }
          // Exact at the table's points: a step is largest / 64.
          const step = largest / 64
          for (let i = 0; i < 64; i += 7) expect(left(i * step)).toBeCloseTo(recent.survival(i * step), 12)
        },
      ),
    )
  })

  it('is rebuilt when a value is added', () => {
    const recent = recentValues(10)
    const left = survivalTable(recent)
    expect(left(5)).toBe(0)
    recent.add(10)
    expect(left(5)).toBe(1)
  })
})
