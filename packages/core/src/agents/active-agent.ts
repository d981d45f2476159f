import { Effect, Option, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { AgentId } from '../kernel/ids.js'
import type { Agent } from './agent.js'
import { AgentStore } from './agent-store.js'

export class InvalidAgentId extends Schema.TaggedError<InvalidAgentId>()('InvalidAgentId', {
  field: Schema.Literal('agentId'),
  message: Schema.String,
}) {}

export class UnknownAgent extends Schema.TaggedError<UnknownAgent>()('UnknownAgent', {
  agentId: Schema.String,
  message: Schema.String,
}) {}

export const decodeAgentId = decodeWith(
  AgentId,
  () => new InvalidAgentId({ field: 'agentId', message: 'agentId: must be a UUID' }),
)

/** The agent as found, if there is one and they are active. */
export const onlyActive = (agentId: string, found: Option.Option<Agent>) =>
  Option.isSome(found) && found.value.active
    ? Effect.succeed(found.value)
    : Effect.fail(new UnknownAgent({ agentId, message: `No active agent has id ${agentId}` }))

/**
 * For areas that run without the agent store too (SMS, links): an agent id they were given (a UUID,
 * already decoded) must name an active agent when the store is there to ask. Checked before anything
 * is written, so an unknown agent is refused as one rather than failing a write half way.
 */
export const activeAgentIfStored = (agentId: AgentId | null | undefined) =>
  Effect.flatMap(Effect.serviceOption(AgentStore), (store) =>
    agentId == null || Option.isNone(store)
      ? Effect.void
      : Effect.flatMap(store.value.findAgent(agentId), (found) => Effect.asVoid(onlyActive(agentId, found))),
  )

/** Checks an agent id from outside (a form, an SDK call) and that such an active agent exists. */
export const activeAgent = (agentId: string) =>
  Effect.gen(function* () {
    const id = yield* decodeAgentId(agentId)
    return yield* onlyActive(agentId, yield* Effect.flatMap(AgentStore, (store) => store.findAgent(id)))
  })
