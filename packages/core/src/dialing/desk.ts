import { Effect } from 'effect'
import { activeAgent } from '../agents/active-agent.js'
import type { AgentStateName } from '../agents/agent-state.js'
import { changeAgentState } from '../agents/change-agent-state.js'
import { leadContext } from '../leads/lead-context.js'
import { releaseHeldLead } from '../queues/claim.js'

/**
 * The desk's state change: the agent moves (if the move is allowed from where they are), and going
 * offline or pausing gives back a lead they hold but have not dialled, for another agent.
 */
export const setDeskState = (agentId: string, to: AgentStateName, reason: string | null = null) =>
  Effect.gen(function* () {
    const { agent, after } = yield* changeAgentState(agentId, to, reason)
    if (to === 'offline' || to === 'paused') yield* releaseHeldLead(agent.id)
    return after
  })

/** What an agent sees of a lead: only an active agent may look (each look is theirs to account for). */
export const leadForAgent = (agentId: string, leadId: string) =>
  Effect.flatMap(activeAgent(agentId), () => leadContext(leadId))
