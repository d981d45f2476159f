import { Effect } from 'effect'
import { AgentStore } from '../agents/agent-store.js'
import { DAY } from '../kernel/time.js'
import type { AgentFacts, QueueHistory } from './decide.js'
import { RoutingStore } from './routing-store.js'

/** How far back strategies count calls answered and talk time (a rolling day, like a shift report). */
export const STATISTICS_WINDOW_MS = DAY

/** Every agent with their state, skills and reservation, and the recent answered calls, read once. */
export const routingFacts = (now: Date) =>
  Effect.gen(function* () {
    const store = yield* RoutingStore
    const agentStore = yield* AgentStore
    const accounts = (yield* agentStore.listAgents()).filter((agent) => agent.active)
    const skills = new Map((yield* store.agentSkills()).map((entry) => [entry.agentId, entry]))
    const reserved = new Set(yield* store.reservedAgents())
    const agents: AgentFacts[] = yield* Effect.forEach(
      accounts,
      (agent) =>
        Effect.map(agentStore.agentState(agent.id), (state) => ({
          agentId: agent.id,
          name: agent.displayName,
          role: agent.role,
          active: agent.active,
          state: state.state,
          stateSince: state.since,
          reserved: reserved.has(agent.id),
          skills: skills.get(agent.id) ?? null,
        })),
      { concurrency: 8 },
    )
    const history: QueueHistory = {
      answered: yield* store.agentContactsSince(new Date(+now - STATISTICS_WINDOW_MS)),
    }
    return { agents, history }
  })
