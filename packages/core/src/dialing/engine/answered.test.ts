import { describe, expect, it } from '@effect/vitest'
import { Effect, Fiber, Layer, TestClock } from 'effect'
import type { AgentStateName } from '../../agents/agent-state.js'
import { AgentStore, type AgentStoreService } from '../../agents/agent-store.js'
import { agentStatesOver } from '../../agents/agent-store.test.support.js'
import type { CallSession } from '../../calls/call-session.js'
import { CallStore } from '../../calls/call-store.js'
import type { AnsweredCall } from '../../compliance/abandon-ledger.js'
import type { AgentId } from '../../kernel/ids.js'
import { QueueStore, type QueueStoreService } from '../../queues/queue-store.js'
import { Telephony, type TelephonyService } from '../../telephony/telephony.js'
import { connectAnswered } from './answered.js'
import {
  agentStatesFrom,
  answeredSession,
  ledgerInto,
  sessionsCallStore,
  testCampaign,
} from './engine.test.support.js'
import { enginePacersLayer } from './pacers.js'

// The 2-second rule on a virtual clock: the ports are small in-memory fakes that keep what the
// engine relies on (the agent store's compare-and-set, a session's agent given once).

const campaign = testCampaign()

const ann = 'a0000000-0000-4000-8000-000000000001' as AgentId

const world = (agents: Record<string, AgentStateName>) => {
  const states = agentStatesFrom(agents)
  const sessions = new Map<string, CallSession>()
  const connected: Array<{ callId: string; agent: string }> = []
  const played: string[] = []
  const ledger: AnsweredCall[] = []
  const agentStore = agentStatesOver(states) as AgentStoreService
  const callStore = sessionsCallStore(sessions)
  const queueStore = {
    handEntryTo: () => Effect.succeed(true),
    finishEngineEntry: () => Effect.succeed(true),
  } as Pick<QueueStoreService, 'handEntryTo' | 'finishEngineEntry'> as QueueStoreService
  const telephony = {
    connectToAgent: (callId, agent) => Effect.sync(() => void connected.push({ callId, agent })),
    playMessageAndHangUp: (callId) => Effect.sync(() => void played.push(callId)),
  } as Pick<TelephonyService, 'connectToAgent' | 'playMessageAndHangUp'> as TelephonyService
  const layer = Layer.mergeAll(
    Layer.succeed(AgentStore, agentStore),
    Layer.succeed(CallStore, callStore),
    Layer.succeed(QueueStore, queueStore),
    Layer.succeed(Telephony, telephony),
    ledgerInto(ledger),
    enginePacersLayer(),
  )
  const answered = (id: string) => {
    const session = answeredSession(id)
    sessions.set(id, session)
    return connectAnswered({ campaign, agents: Object.keys(agents) as AgentId[] }, session, `CA-${id}`)
  }
  return { states, sessions, connected, played, ledger, layer, answered }
}

describe('connecting an answered call', () => {
  it.effect('gives it to the free agent at once', () => {
    const w = world({ [ann]: 'available' })
    return Effect.gen(function* () {
      expect(yield* w.answered('1')).toBe('connected')
      expect(w.connected).toEqual([{ callId: 'CA-1', agent: ann }])
      expect(w.states.get(ann)?.state).toBe('on_call')
      expect(w.ledger.map((r) => r.outcome)).toEqual(['connected'])
    }).pipe(Effect.provide(w.layer))
  })

  it.effect('waits for an agent who frees up within 2 s', () => {
    const w = world({ [ann]: 'wrap_up' })
    return Effect.gen(function* () {
      const fiber = yield* Effect.fork(w.answered('1'))
      yield* TestClock.adjust('1500 millis')
      expect(w.connected).toEqual([])
      w.states.set(ann, { state: 'available', reason: null, since: new Date(1500) })
      yield* TestClock.adjust('100 millis')
      expect(yield* Fiber.join(fiber)).toBe('connected')
      expect(w.played).toEqual([])
    }).pipe(Effect.provide(w.layer))
  })

  it.effect('abandons at 2 s with the message when nobody is free, and counts it', () => {
    const w = world({ [ann]: 'paused' })
    return Effect.gen(function* () {
      const fiber = yield* Effect.fork(w.answered('1'))
      yield* TestClock.adjust('1999 millis')
      expect(w.played).toEqual([])
      expect(w.ledger).toEqual([])
      yield* TestClock.adjust('1 millis')
      expect(yield* Fiber.join(fiber)).toBe('abandoned')
      expect(w.played).toEqual(['CA-1'])
      expect(w.ledger.map((r) => r.outcome)).toEqual(['abandoned'])
      expect(w.sessions.get('1')?.endReason).toMatch(/abandoned/)
      // An agent freeing up after the 2 s gets nothing of this call.
      expect(w.connected).toEqual([])
    }).pipe(Effect.provide(w.layer))
  })

  it.effect('never gives two answered calls the same agent', () => {
    const w = world({ [ann]: 'available' })
    return Effect.gen(function* () {
      const both = yield* Effect.fork(Effect.all([w.answered('1'), w.answered('2')], { concurrency: 2 }))
      yield* TestClock.adjust('2 seconds')
      const outcomes = yield* Fiber.join(both)
      expect([...outcomes].sort()).toEqual(['abandoned', 'connected'])
      expect(w.connected).toHaveLength(1)
      expect([...w.sessions.values()].filter((s) => s.agentId === ann)).toHaveLength(1)
    }).pipe(Effect.provide(w.layer))
  })
})
