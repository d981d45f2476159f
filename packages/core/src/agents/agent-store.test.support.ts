import { Effect } from 'effect'
import type { AgentState } from './agent-state.js'
import type { AgentStoreService } from './agent-store.js'

const offline: AgentState = { state: 'offline', reason: null, since: new Date(0) }

/**
 * For programs' tests: the agent store's states over a map, keeping what programs rely on (a move
 * happens only from the state the agent is still in, compare-and-set). Tests add what else they read.
 */
export const agentStatesOver = (
  states: Map<string, AgentState>,
): Pick<AgentStoreService, 'agentState' | 'agentStates' | 'setAgentState'> => ({
  agentState: (id) => Effect.sync(() => states.get(id) ?? offline),
  agentStates: (ids) => Effect.sync(() => new Map(ids.map((id) => [id, states.get(id) ?? offline]))),
  setAgentState: (id, from, to, now) =>
    Effect.sync(() => {
      const current = states.get(id)
      if (current?.state !== from) return { ...(current ?? offline), moved: false }
      const next = { state: to.state, reason: to.reason, since: now }
      states.set(id, next)
      return { ...next, moved: true }
    }),
})
