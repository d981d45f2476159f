import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RoutingStrategy } from './queue.js'
import { type RankedAgent, rankAgents } from './strategies.js'

// Expected values come from the strategies' definitions (Asterisk app_queue's queues.conf,
// FreeSWITCH mod_callcenter), written here as properties over any set of agents.

const agents = fc
  .uniqueArray(
    fc.record({
      agentId: fc.uuid(),
      lastCallEndedAt: fc.option(
        fc.integer({ min: 0, max: 1000 }).map((s) => new Date(s * 1000)),
        { nil: null },
      ),
      availableSince: fc.integer({ min: 0, max: 1000 }).map((s) => new Date(s * 1000)),
      callsAnswered: fc.nat(20),
      talkTimeMs: fc.nat(3_600_000),
      skillScore: fc.nat(30),
    }),
    { minLength: 1, maxLength: 8, selector: (agent) => agent.agentId },
  )
  .map((list) =>
    list.map((agent, position): RankedAgent => ({ ...agent, name: `Agent ${position}`, position })),
  )

const lastEnd = (agent: RankedAgent) =>
  agent.lastCallEndedAt === null ? Number.NEGATIVE_INFINITY : +agent.lastCallEndedAt
const context = (list: ReadonlyArray<RankedAgent>) => ({ lastAnsweredPosition: null, positions: list.length })

describe('routing strategies', () => {
  it('offers every eligible agent exactly once, whatever the strategy', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RoutingStrategy.literals), agents, (strategy, list) => {
        const ranked = rankAgents(strategy, list, context(list))
        expect([...ranked].map((a) => a.agentId).sort()).toEqual(list.map((a) => a.agentId).sort())
      }),
    )
  })

  it('longest idle: the agent whose last call ended longest ago first; one with no call yet before all (leastrecent, longest-idle-agent)', () => {
    fc.assert(
      fc.property(agents, (list) => {
        const [first] = rankAgents('longest-idle', list, context(list))
        for (const other of list) expect(lastEnd(first as RankedAgent)).toBeLessThanOrEqual(lastEnd(other))
      }),
    )
  })

  it('least calls: the agent with the fewest calls answered in the queue first (fewestcalls, agent-with-fewest-calls)', () => {
    fc.assert(
      fc.property(agents, (list) => {
        const ranked = rankAgents('least-calls', list, context(list))
        for (let i = 1; i < ranked.length; i++)
          expect((ranked[i - 1] as RankedAgent).callsAnswered).toBeLessThanOrEqual(
            (ranked[i] as RankedAgent).callsAnswered,
          )
      }),
    )
  })

  it('fewest talk time: the agent with the least talk time first (agent-with-least-talk-time)', () => {
    fc.assert(
      fc.property(agents, (list) => {
        const ranked = rankAgents('fewest-talk-time', list, context(list))
        for (let i = 1; i < ranked.length; i++)
          expect((ranked[i - 1] as RankedAgent).talkTimeMs).toBeLessThanOrEqual(
            (ranked[i] as RankedAgent).talkTimeMs,
          )
      }),
    )
  })

  it('skills-based: the best skill match first', () => {
    fc.assert(
      fc.property(agents, (list) => {
        const [first] = rankAgents('skills-based', list, context(list))
        expect(first?.skillScore).toBe(Math.max(...list.map((a) => a.skillScore)))
      }),
    )
  })

  it('ties fall to longest idle, so equal agents are offered in a stable order', () => {
    fc.assert(
      fc.property(agents, (list) => {
        const equal = list.map((agent) => ({ ...agent, callsAnswered: 3 }))
        expect(rankAgents('least-calls', equal, context(equal))).toEqual(
          rankAgents('longest-idle', equal, context(equal)),
        )
      }),
    )
  })

  it('round robin: resumes after the agent who took the last call and goes round everyone before repeating (rrmemory)', () => {
    fc.assert(
      fc.property(agents, fc.nat(7), (list, start) => {
        let last: number | null = start % list.length
        const served: number[] = []
        for (let turn = 0; turn < list.length * 2; turn++) {
          const [next] = rankAgents('round-robin', list, {
            lastAnsweredPosition: last,
            positions: list.length,
          })
          served.push((next as RankedAgent).position)
          last = (next as RankedAgent).position
        }
        const expected = Array.from(
          { length: list.length * 2 },
          (_, i) => ((start % list.length) + 1 + i) % list.length,
        )
        expect(served).toEqual(expected)
      }),
    )
  })

  it('round robin skips an agent who is not free and keeps the circle', () => {
    // Agents 0..3; agent 2 busy (not eligible); the last call went to agent 1: agent 3 is next, then 0.
    const list: RankedAgent[] = [0, 1, 3].map((position) => ({
      agentId: `a${position}`,
      name: `A${position}`,
      position,
      lastCallEndedAt: null,
      availableSince: new Date(0),
      callsAnswered: 0,
      talkTimeMs: 0,
      skillScore: 0,
    }))
    const ranked = rankAgents('round-robin', list, { lastAnsweredPosition: 1, positions: 4 })
    expect(ranked.map((a) => a.agentId)).toEqual(['a3', 'a0', 'a1'])
  })
})
