import { Effect, Option } from 'effect'
import { currentDate } from '../kernel/time.js'
import { decide } from './decide.js'
import { routingFacts } from './facts.js'
import { RoutingStore } from './routing-store.js'

/**
 * The agents among `agentIds` the call engine must not count as free: those routing has reserved
 * for a live call and, for a campaign that takes inbound before outbound (`inboundFirst`), the free
 * ones a waiting live call would get now (one agent per waiting call, in the queues' own order).
 * Nobody when the routing store is not provided.
 */
export const agentsHeldByRouting = (agentIds: ReadonlyArray<string>, inboundFirst: boolean) =>
  Effect.gen(function* () {
    const routing = yield* Effect.serviceOption(RoutingStore)
    // Without routing (an outbound-only setup) nobody is held.
    if (Option.isNone(routing)) return new Set<string>()
    const store = routing.value
    const wanted = new Set(agentIds)
    const held = new Set((yield* store.reservedAgents()).filter((id) => wanted.has(id)))
    if (!inboundFirst) return held
    const waiting = (yield* store.openContacts()).filter((contact) => contact.state === 'waiting')
    if (waiting.length === 0) return held
    const now = yield* currentDate
    const queues = new Map((yield* store.listQueues()).map((queue) => [queue.id, queue]))
    const { agents, history } = yield* routingFacts(now)
    let facts = agents
    for (const contact of waiting) {
      const queue = queues.get(contact.queueId)
      if (!queue) continue
      const decision = decide(
        queue,
        {
          attributes: contact.attributes,
          preferredAgentId: contact.preferredAgentId,
          waitedSeconds: (+now - +contact.enqueuedAt) / 1000,
          lapsedAgentIds: contact.lapsedAgentIds,
        },
        facts,
        history,
        now,
      )
      const chosen = decision.agentId
      if (chosen === null) continue
      if (wanted.has(chosen)) held.add(chosen)
      facts = facts.map((agent) => (agent.agentId === chosen ? { ...agent, reserved: true } : agent))
    }
    return held
  })
