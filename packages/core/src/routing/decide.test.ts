import { Schema } from 'effect'
import { describe, expect, it } from 'vitest'
import { type QueueContact, waitingContact } from './contact.js'
import { type AgentFacts, decide } from './decide.js'
import { RoutingQueue, type RoutingStrategy } from './queue.js'

// The strategies as a queue applies them to its own history: who took this queue's calls, for how
// long, and when; the expected agent follows from each strategy's definition.

const at = (second: number) => new Date(Date.UTC(2026, 10, 26, 9, 0, second))
const now = at(600)

const agent = (name: string, n: number): AgentFacts => ({
  agentId: `a0000000-0000-4000-8000-00000000000${n}`,
  name,
  role: 'agent',
  active: true,
  state: 'available',
  stateSince: at(0),
  reserved: false,
  skills: null,
})
const ann = agent('Ann', 1)
const bob = agent('Bobby', 2)
const cat = agent('Catherine', 3)

const queue = (strategy: RoutingStrategy, fields: Partial<typeof RoutingQueue.Encoded> = {}) =>
  Schema.decodeUnknownSync(RoutingQueue)({
    id: 'general',
    name: 'General',
    maxSize: null,
    maxWaitSeconds: null,
    overflow: null,
    requiredSkills: [],
    requiredLanguages: [],
    agentIds: [ann.agentId, bob.agentId, cat.agentId],
    strategy,
    reservationTimeoutSeconds: 15,
    steps: [],
    version: 1,
    ...fields,
  })

let serial = 0
/** A call of `queueId` that `who` answered at `from` and finished at `to` (seconds). */
const answered = (who: AgentFacts, from: number, to: number | null, queueId = 'general'): QueueContact => ({
  ...waitingContact(
    {
      callId: `c${++serial}`,
      providerCallId: `CA${serial}`,
      queueId: queueId as never,
      direction: 'inbound',
      attributes: {},
    },
    `id-${serial}`,
    at(from - 5),
  ),
  agentId: who.agentId,
  answeredAt: at(from),
  endedAt: to === null ? null : at(to),
  state: to === null ? 'connected' : 'ended',
})

const call = (attributes: Record<string, string> = {}) => ({
  attributes,
  preferredAgentId: null,
  waitedSeconds: 0,
  lapsedAgentIds: [],
})
const who = (strategy: RoutingStrategy, history: QueueContact[], attributes = {}, fields = {}) =>
  decide(queue(strategy, fields), call(attributes), [ann, bob, cat], { answered: history }, now).agentName

describe('deciding by the queue’s strategy and history', () => {
  it('longest idle: the agent whose last call ended longest ago; one never called first', () => {
    expect(who('longest-idle', [answered(ann, 10, 100), answered(bob, 20, 50), answered(cat, 30, 300)])).toBe(
      'Bobby',
    )
    expect(who('longest-idle', [answered(ann, 10, 100), answered(bob, 20, 50)])).toBe('Catherine')
  })

  it('least calls: fewest calls of this queue answered; calls of other queues do not count', () => {
    const history = [
      answered(ann, 10, 20),
      answered(ann, 30, 40),
      answered(bob, 50, 60),
      answered(cat, 70, 80),
      answered(cat, 90, 100),
      answered(bob, 110, 120, 'other'),
      answered(bob, 130, 140, 'other'),
    ]
    expect(who('least-calls', history)).toBe('Bobby')
  })

  it('fewest talk time: least time on this queue’s calls, a call still going counted to now', () => {
    // Ann 300 s, Bob 200 s + a live call since 500 (100 s so far) = 300 s, Cat 250 s.
    const history = [
      answered(ann, 0, 300),
      answered(bob, 0, 200),
      answered(bob, 500, null),
      answered(cat, 0, 250),
    ]
    expect(who('fewest-talk-time', history)).toBe('Catherine')
  })

  it('round robin: the next agent in the queue’s list after the one who took its last call', () => {
    expect(who('round-robin', [answered(ann, 10, 20), answered(bob, 30, 40)])).toBe('Catherine')
    expect(who('round-robin', [answered(bob, 10, 20), answered(cat, 30, 40)])).toBe('Ann')
    // Bob is busy: after Ann comes Bob, so Cat.
    const busyBob = decide(
      queue('round-robin'),
      call(),
      [ann, { ...bob, state: 'on_call' }, cat],
      { answered: [answered(ann, 10, 20)] },
      now,
    )
    expect(busyBob.agentName).toBe('Catherine')
  })

  it('skills-based: the best match on the skills the call wants', () => {
    const skilled = [
      { ...ann, skills: { agentId: ann.agentId, skills: { motor: 3, welsh: 2 }, languages: [] } },
      { ...bob, skills: { agentId: bob.agentId, skills: { motor: 9 }, languages: [] } },
      { ...cat, skills: { agentId: cat.agentId, skills: { motor: 4, welsh: 6 }, languages: [] } },
    ]
    const pick = (skills: string) =>
      decide(queue('skills-based'), call({ skills }), skilled, { answered: [] }, now).agentName
    expect(pick('motor, welsh')).toBe('Catherine') // 10 against Bob's 9 and Ann's 5
    expect(pick('motor')).toBe('Bobby')
  })

  it('offers no one who lacks the queue’s required skills or languages, whatever the strategy', () => {
    const withSkills = [
      { ...ann, skills: { agentId: ann.agentId, skills: { claims: 1 }, languages: ['en'] } },
      { ...bob, skills: { agentId: bob.agentId, skills: { claims: 1 }, languages: ['cy'] } },
      cat,
    ]
    const decision = decide(
      queue('longest-idle', { requiredSkills: ['claims'], requiredLanguages: ['cy'] }),
      call(),
      withSkills,
      { answered: [] },
      now,
    )
    expect(decision.agentName).toBe('Bobby')
    expect(decision.agents.map((a) => [a.name, a.qualified])).toEqual([
      ['Ann', false],
      ['Bobby', true],
      ['Catherine', false],
    ])
  })
})
