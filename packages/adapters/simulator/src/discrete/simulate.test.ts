import { Campaigns } from '@ringlane/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seededRandom } from './random.js'
import { CONNECT_WITHIN_MS, type DiscreteRunOptions, simulateDialling, worstWindow } from './simulate.js'
import { type SimulatedTraffic, standardTraffic } from './traffic.js'

const MINUTE = 60_000

/** A pacer that asks for a seeded random number of lines, greedy or not: the rules must hold anyway. */
const randomPacer = (seed: number, most: number): Campaigns.Pacer => {
  const random = seededRandom(seed)
  return { observe: () => {}, linesToPlace: () => Math.floor(random() * (most + 1)) }
}

const trafficArb: fc.Arbitrary<SimulatedTraffic> = fc.record({
  answerRate: fc.double({ min: 0, max: 1, noNaN: true }),
  machineShare: fc.double({ min: 0, max: 1, noNaN: true }),
  ringToAnswerMs: fc
    .tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 40_000 }))
    .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
  talkMs: fc.record({
    mean: fc.integer({ min: 1_000, max: 600_000 }),
    sigma: fc.double({ min: 0, max: 1.5, noNaN: true }),
  }),
  wrapUpMs: fc.integer({ min: 0, max: 120_000 }),
  detection: fc.record({
    delayMs: fc.integer({ min: 0, max: 5_000 }),
    personAsMachine: fc.double({ min: 0, max: 0.5, noNaN: true }),
    machineAsPerson: fc.double({ min: 0, max: 0.5, noNaN: true }),
  }),
  machineTalkMs: fc.integer({ min: 0, max: 30_000 }),
})

const runArb = fc.record({
  seed: fc.integer(),
  pacerSeed: fc.integer(),
  most: fc.integer({ min: 0, max: 6 }),
  agents: fc.integer({ min: 0, max: 6 }),
  minutes: fc.integer({ min: 0, max: 30 }),
  ringTimeoutMs: fc.integer({ min: 15_000, max: 60_000 }),
  traffic: trafficArb,
})

type Run = typeof runArb extends fc.Arbitrary<infer R> ? R : never

const options = (run: Run): DiscreteRunOptions => ({
  pacer: randomPacer(run.pacerSeed, run.most),
  seed: run.seed,
  agents: run.agents,
  durationMs: run.minutes * MINUTE,
  ringTimeoutMs: run.ringTimeoutMs,
  traffic: run.traffic,
  keepCalls: true,
})

describe('simulateDialling', () => {
  it('gives the same run for the same seed and pacer', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        expect(simulateDialling(options(run))).toEqual(simulateDialling(options(run)))
      }),
      { numRuns: 50 },
    )
  })

  it('gives other traffic for another seed', () => {
    const run = (seed: number) =>
      simulateDialling({ pacer: Campaigns.progressivePacer(), seed, agents: 5, durationMs: 60 * MINUTE })
    expect(run(1)).not.toEqual(run(2))
  })

  it('ends every placed call in exactly one outcome', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const result = simulateDialling(options(run))
        const calls = result.calls ?? []
        expect(calls).toHaveLength(result.placed)
        expect(Object.values(result.outcomes).reduce((a, b) => a + b, 0)).toBe(result.placed)
        expect(calls.filter((call) => call.outcome === null || call.endedAt < call.placedAt)).toEqual([])
        // Live-answered in the abandon-rate sense: those that got an agent or the message.
        expect(result.answeredLive).toBe(result.outcomes.connected + result.outcomes.abandoned)
        expect(result.abandoned).toBe(result.outcomes.abandoned)
        expect(calls.filter((call) => call.waitedMs !== null)).toHaveLength(result.answeredLive)
      }),
      { numRuns: 100 },
    )
  })

  it('never lets an answered person wait more than 2 s: past that the call is abandoned', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const result = simulateDialling(options(run))
        expect(result.longestWaitMs).toBeLessThanOrEqual(CONNECT_WITHIN_MS)
        for (const call of result.calls ?? []) {
          if (call.outcome === 'abandoned') expect(call.waitedMs).toBe(CONNECT_WITHIN_MS)
          if (call.outcome === 'connected') expect(call.waitedMs).toBeLessThanOrEqual(CONNECT_WITHIN_MS)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('ends an unanswered call at the ring timeout', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        for (const call of simulateDialling(options(run)).calls ?? []) {
          if (call.outcome === 'no-answer') expect(call.endedAt - call.placedAt).toBe(run.ringTimeoutMs)
          else expect(call.answeredAt ?? call.endedAt).toBeLessThan(call.placedAt + run.ringTimeoutMs + 5_000)
        }
      }),
      { numRuns: 50 },
    )
  })

  it('asks the pacer every second of virtual time', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const asked: number[] = []
        const pacer: Campaigns.Pacer = {
          observe: () => {},
          linesToPlace: (snapshot) => {
            asked.push(snapshot.now)
            return 1
          },
        }
        simulateDialling({ ...options(run), pacer })
        const seconds = Math.max(1, Math.ceil((run.minutes * MINUTE) / 1_000))
        expect(asked).toHaveLength(seconds)
        expect(asked).toEqual(asked.map((_, i) => i * 1_000))
      }),
      { numRuns: 30 },
    )
  })

  it('with one line per free agent no answered person is ever left without an agent', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const result = simulateDialling({ ...options(run), pacer: Campaigns.progressivePacer() })
        expect(result.abandoned).toBe(0)
        expect(result.mostLinesInFlight).toBeLessThanOrEqual(run.agents)
      }),
      { numRuns: 50 },
    )
  })

  it('keeps occupancy and talk time within the signed-in time', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const result = simulateDialling(options(run))
        expect(result.occupancy).toBeLessThanOrEqual(1 + 1e-9)
        expect(result.talkMinutesPerAgentHour).toBeLessThanOrEqual(60 + 1e-9)
        expect(result.talkMs + result.wrapUpMs).toBeLessThanOrEqual(result.signedInMs + 1e-6)
      }),
      { numRuns: 50 },
    )
  })

  it('sorts answers by what the detection says', () => {
    const base = { pacer: Campaigns.progressivePacer(), seed: 7, agents: 3, durationMs: 30 * MINUTE }
    const nobody = simulateDialling({ ...base, traffic: { ...standardTraffic, answerRate: 0 } })
    expect(nobody.placed).toBeGreaterThan(0)
    expect(nobody.outcomes['no-answer']).toBe(nobody.placed)
    const machines = simulateDialling({
      ...base,
      traffic: { ...standardTraffic, answerRate: 1, machineShare: 1 },
    })
    expect(machines.outcomes['machine-hung-up']).toBe(machines.placed)
    const misjudged = simulateDialling({
      ...base,
      traffic: {
        ...standardTraffic,
        answerRate: 1,
        machineShare: 0,
        detection: { delayMs: 0, personAsMachine: 1, machineAsPerson: 0 },
      },
    })
    expect(misjudged.outcomes['person-hung-up-as-machine']).toBe(misjudged.placed)
    expect(misjudged.answeredLive).toBe(0)
  })

  it('tells the pacer the live-answered and abandoned calls of the window', () => {
    const seen: Campaigns.AbandonWindow[] = []
    const greedy: Campaigns.Pacer = {
      observe: () => {},
      linesToPlace: (snapshot) => {
        seen.push(snapshot.abandons)
        return 3
      },
    }
    const result = simulateDialling({
      pacer: greedy,
      seed: 3,
      agents: 2,
      durationMs: 2 * 3_600_000,
      abandonWindowMs: 3_600_000,
      abandonTargetRate: 0.03,
    })
    expect(result.abandoned).toBeGreaterThan(0)
    for (const window of seen) {
      expect(window.targetRate).toBe(0.03)
      expect(window.abandoned).toBeLessThanOrEqual(window.answeredLive)
    }
    // A one-hour window over a two-hour run forgets the first hour.
    const last = seen[seen.length - 1] as Campaigns.AbandonWindow
    expect(last.answeredLive).toBeLessThan(result.answeredLive)
  })
})

describe('worstWindow', () => {
  it('is the whole run when it is shorter than a window', () => {
    expect(worstWindow([0, 10, 20, 30], [false, true, false, false], 100)).toBe(0.25)
    expect(worstWindow([], [], 100)).toBe(0)
  })

  it('is the highest rate over any full window', () => {
    // Full windows of 10 ms end at 10, 12 and 25: (0, 10] and (2, 12] hold one abandoned of two.
    const at = [0, 1, 10, 12, 25]
    const abandoned = [true, false, true, false, false]
    expect(worstWindow(at, abandoned, 10)).toBe(0.5)
  })
})
