import { Effect } from 'effect'
import { publish } from '../kernel/events.js'
import type { AgentId } from '../kernel/ids.js'
import type { AgentStateName } from './agent-state.js'
import { AgentStore } from './agent-store.js'

/**
 * Moves an agent from `from` to `to` if they are still in `from`, and tells subscribers when they
 * moved. Every state change goes through here, so the live views see each one once.
 */
export const moveAgent = (
  agentId: AgentId,
  from: AgentStateName,
  to: { readonly state: AgentStateName; readonly reason: string | null },
  now: Date,
) =>
  Effect.gen(function* () {
    const after = yield* Effect.flatMap(AgentStore, (store) => store.setAgentState(agentId, from, to, now))
    if (after.moved) {
      yield* publish({ _tag: 'AgentStateChanged', at: now, agentId, from, to: to.state, reason: to.reason })
    }
    return after
  })
