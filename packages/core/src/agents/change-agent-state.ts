import { Effect, Either } from 'effect'
import { currentDate } from '../kernel/time.js'
import { activeAgent } from './active-agent.js'
import { configuredPauseReason } from './agent-settings.js'
import { type AgentStateName, checkAgentTransition } from './agent-state.js'
import { AgentStore } from './agent-store.js'
import { moveAgent } from './move-agent.js'

/**
 * Moves an agent to a new state when the move is allowed from where they are. Returns where they were
 * and where they are now (another tab may have moved them first).
 */
export const changeAgentState = (agentId: string, to: AgentStateName, reason: string | null = null) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const current = yield* Effect.flatMap(AgentStore, (store) => store.agentState(agent.id))
    const problem = checkAgentTransition(current.state, to, reason)
    if (problem) return yield* Either.left(problem)
    // A pause is for one of the configured reasons, kept as configured.
    const pauseReason = to === 'paused' && reason ? yield* configuredPauseReason(reason) : null
    const now = yield* currentDate
    const after = yield* moveAgent(agent.id, current.state, { state: to, reason: pauseReason }, now)
    return { agent, before: current, after }
  })
