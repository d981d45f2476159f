import { Clock, Effect, Either } from 'effect'
import { activeAgent } from '../queues/claim.js'
import { DiallerStore } from '../store/dialler-store.js'
import { type AgentStateName, checkAgentTransition } from './agent-state.js'

/**
 * Moves an agent to a new state when the move is allowed from where they are. Going offline or
 * pausing gives back a lead they hold but have not dialled.
 */
export const changeAgentState = (agentId: string, to: AgentStateName, reason: string | null = null) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const store = yield* DiallerStore
    const current = yield* store.agentState(agent.id)
    const problem = checkAgentTransition(current.state, to, reason)
    if (problem) return yield* Either.left(problem)
    const now = new Date(yield* Clock.currentTimeMillis)
    const next = yield* store.setAgentState(
      agent.id,
      current.state,
      { state: to, reason: to === 'paused' ? reason : null },
      now,
    )
    if (to === 'offline' || to === 'paused') {
      const held = yield* store.heldEntry(agent.id)
      if (held._tag === 'Some') yield* store.releaseEntry(held.value.id, agent.id)
    }
    return next
  })
