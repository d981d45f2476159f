import { Effect, Schema } from 'effect'
import { activeAgent } from './active-agent.js'

export class NotASupervisor extends Schema.TaggedError<NotASupervisor>()('NotASupervisor', {
  agentId: Schema.String,
  message: Schema.String,
}) {}

/** An active supervisor or admin: only they may act on another agent's state or call. */
export const activeSupervisor = (agentId: string) =>
  Effect.flatMap(activeAgent(agentId), (agent) =>
    agent.role === 'supervisor' || agent.role === 'admin'
      ? Effect.succeed(agent)
      : Effect.fail(
          new NotASupervisor({
            agentId,
            message: 'Only a supervisor or an admin may do this; ask one to',
          }),
        ),
  )
