import { Effect, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { NewAgent } from './agent.js'
import { AgentStore } from './agent-store.js'

export class InvalidAgent extends Schema.TaggedError<InvalidAgent>()('InvalidAgent', {
  field: Schema.String,
  message: Schema.String,
}) {}

const decodeNewAgent = decodeWith(NewAgent, (issue) => new InvalidAgent(issue))

/**
 * Adds an agent, supervisor or admin. The password hash, if any, is made by the caller (the app owns
 * authentication); Ringlane only stores it.
 */
export const createAgent = (input: NewAgent, passwordHash: string | null = null) =>
  Effect.gen(function* () {
    const agent = yield* decodeNewAgent(input)
    return yield* Effect.flatMap(AgentStore, (store) =>
      store.createAgent({ ...agent, email: agent.email.toLowerCase(), passwordHash }),
    )
  })
