import { Effect, Option } from 'effect'
import { AgentStore } from '../agents/agent-store.js'
import { moveAgent } from '../agents/move-agent.js'
import type { AgentId } from '../kernel/ids.js'
import { currentDate } from '../kernel/time.js'
import { RoutingStore } from './routing-store.js'

/**
 * Takes one free agent of the list for an answered call, atomically: the agent's state moves from
 * available to on a call by compare-and-set, so of two answers racing for one agent only one wins.
 * The agent waiting longest is tried first (longest idle); an agent routing holds for a live-call
 * queue is not free. None when nobody is free right now. The call engine's choice for outbound.
 */
export const takeFreeAgent = (agents: ReadonlyArray<AgentId>) =>
  Effect.gen(function* () {
    const store = yield* AgentStore
    const routing = yield* Effect.serviceOption(RoutingStore)
    const reserved = new Set(Option.isSome(routing) ? yield* routing.value.reservedAgents() : [])
    // One read for the whole list: an answer waits on it, and a floor has hundreds of agents.
    const states = [...(yield* store.agentStates(agents))].map(([id, state]) => ({ id, state }))
    const free = states
      .filter(({ id, state }) => state.state === 'available' && !reserved.has(id))
      .sort((a, b) => +a.state.since - +b.state.since)
    for (const { id } of free) {
      const now = yield* currentDate
      const after = yield* moveAgent(id, 'available', { state: 'on_call', reason: null }, now)
      if (after.moved) return Option.some(id)
    }
    return Option.none<AgentId>()
  })
