import { describe, expect, it } from '@effect/vitest'
import { Effect, Layer, Option, Schema } from 'effect'
import type { AgentState } from '../../agents/agent-state.js'
import { AgentStore, type AgentStoreService } from '../../agents/agent-store.js'
import { agentStatesOver } from '../../agents/agent-store.test.support.js'
import { CallStore, type CallStoreService } from '../../calls/call-store.js'
import { AbandonLedger } from '../../compliance/abandon-ledger.js'
import type { AgentId } from '../../kernel/ids.js'
import { waitingContact } from '../../routing/contact.js'
import { RoutingQueue } from '../../routing/queue.js'
import { RoutingStore } from '../../routing/routing-store.js'
import { inMemoryRoutingStore } from '../../routing/routing-store-memory.js'
import { takeFreeAgent } from '../../routing/take-agent.js'
import { testCampaign } from './engine.test.support.js'
import { pacingSnapshot } from './pacing-round.js'

// Blending: what the pacer sees of agents routing holds for live calls.

const bob = 'b0000000-0000-4000-8000-00000000000b' as AgentId
const cat = 'c0000000-0000-4000-8000-00000000000c' as AgentId

const campaign = (inboundFirst: boolean) => testCampaign({ inboundFirst })

const layer = () => {
  const states = new Map<string, AgentState>([
    [bob, { state: 'available', reason: null, since: new Date(0) }],
    [cat, { state: 'available', reason: null, since: new Date(1000) }],
  ])
  const over = agentStatesOver(states)
  const reads = { one: 0, many: 0 }
  const agents = {
    listAgents: () =>
      Effect.succeed(
        [bob, cat].map((id, n) => ({
          id,
          email: `${n}@example.com`,
          displayName: n === 0 ? 'Bob' : 'Cat',
          role: 'agent' as const,
          active: true,
          queueIds: [],
          createdAt: new Date(0),
        })),
      ),
    // Counted: the floor is read in one query a round, never one per agent (decision 0039).
    agentState: (id: AgentId) =>
      Effect.suspend(() => {
        reads.one++
        return over.agentState(id)
      }),
    agentStates: (ids: ReadonlyArray<AgentId>) =>
      Effect.suspend(() => {
        reads.many++
        return over.agentStates(ids)
      }),
    setAgentState: over.setAgentState,
  } as Pick<
    AgentStoreService,
    'listAgents' | 'agentState' | 'agentStates' | 'setAgentState'
  > as AgentStoreService
  const routing = inMemoryRoutingStore()
  return {
    routing,
    reads,
    layer: Layer.mergeAll(
      Layer.succeed(AgentStore, agents),
      Layer.succeed(CallStore, { openCampaignCalls: () => Effect.succeed([]) } as Pick<
        CallStoreService,
        'openCampaignCalls'
      > as CallStoreService),
      Layer.succeed(AbandonLedger, {
        record: () => Effect.void,
        counts: () => Effect.succeed({ connected: 0, abandoned: 0, machine: 0 }),
      }),
      Layer.succeed(RoutingStore, routing),
    ),
  }
}

const waitingCall = (routing: ReturnType<typeof inMemoryRoutingStore>) =>
  Effect.gen(function* () {
    yield* routing.saveQueue(
      Schema.decodeUnknownSync(RoutingQueue)({
        id: 'welsh',
        name: 'Welsh',
        maxSize: null,
        maxWaitSeconds: null,
        overflow: null,
        requiredSkills: [],
        requiredLanguages: [],
        agentIds: [],
        strategy: 'longest-idle',
        reservationTimeoutSeconds: 15,
        steps: [],
        version: 1,
      }),
    )
    yield* routing.addContact(
      waitingContact(
        {
          callId: 'call-1',
          providerCallId: 'CA1',
          queueId: 'welsh' as never,
          direction: 'inbound',
          attributes: {},
        },
        'd0000000-0000-4000-8000-000000000001',
        new Date(0),
      ),
      null,
    )
  })

const ready = (agents: ReadonlyArray<{ state: string }>) => agents.filter((a) => a.state === 'ready').length

describe('the pacer and routing', () => {
  it.effect(
    'does not count a free agent as free for dialling while a waiting inbound call would take them (inbound first)',
    () => {
      const world = layer()
      return Effect.gen(function* () {
        yield* waitingCall(world.routing)
        const snapshot = yield* pacingSnapshot({ campaign: campaign(true), agents: [bob, cat] })
        // One waiting call holds one agent (Bob, idle longest); Cat is still free for the engine.
        expect(ready(snapshot.agents)).toBe(1)
      }).pipe(Effect.provide(world.layer))
    },
  )

  it.effect('without the setting, only an agent reserved by routing is busy', () => {
    const world = layer()
    return Effect.gen(function* () {
      yield* waitingCall(world.routing)
      expect(ready((yield* pacingSnapshot({ campaign: campaign(false), agents: [bob, cat] })).agents)).toBe(2)
      const [contact] = yield* world.routing.openContacts()
      if (!contact) throw new Error('no contact')
      yield* world.routing.moveContact(contact, {
        ...contact,
        state: 'reserved',
        reservedAgentId: cat,
        reservedUntil: new Date(15_000),
      })
      const snapshot = yield* pacingSnapshot({ campaign: campaign(false), agents: [bob, cat] })
      expect(snapshot.agents.map((a) => a.state).sort()).toEqual(['on-call', 'ready'])
    }).pipe(Effect.provide(world.layer))
  })
})

describe("reading the floor's states", () => {
  it.effect('the pacing snapshot and the choice of a free agent each read every agent in one go', () => {
    const world = layer()
    return Effect.gen(function* () {
      const snapshot = yield* pacingSnapshot({ campaign: campaign(false), agents: [bob, cat] })
      expect(ready(snapshot.agents)).toBe(2)
      expect(world.reads).toEqual({ one: 0, many: 1 })
      // The agent idle longest (Bob, since 0) takes the call.
      expect(Option.getOrNull(yield* takeFreeAgent([bob, cat]))).toBe(bob)
      expect(world.reads).toEqual({ one: 0, many: 2 })
    }).pipe(Effect.provide(world.layer))
  })
})
