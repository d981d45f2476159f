import { Effect, Option, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { decodeAgentId, UnknownAgent } from './active-agent.js'
import { AgentRole } from './agent.js'
import { AgentStore } from './agent-store.js'
import { InvalidAgent } from './create-agent.js'

/** What an admin may change on an account: its role, and whether it may sign in. */
export const AgentChanges = Schema.Struct({
  role: Schema.optionalWith(AgentRole, { exact: true }),
  active: Schema.optionalWith(Schema.Boolean, { exact: true }),
}).pipe(
  Schema.filter(
    (changes) =>
      changes.role !== undefined || changes.active !== undefined || 'say what changes: role or active',
  ),
)
export type AgentChanges = typeof AgentChanges.Encoded

const decodeChanges = decodeWith(AgentChanges, (issue) => new InvalidAgent(issue))

/** Changes an account (active or not); the account as it is afterwards. */
export const updateAgent = (agentId: string, changes: AgentChanges) =>
  Effect.gen(function* () {
    const id = yield* decodeAgentId(agentId)
    const valid = yield* decodeChanges(changes)
    const updated = yield* Effect.flatMap(AgentStore, (store) => store.updateAgent(id, valid))
    if (Option.isNone(updated)) {
      return yield* new UnknownAgent({ agentId, message: `No account has id ${agentId}` })
    }
    return updated.value
  })

/**
 * Sets the account's password hash (the app hashes; Ringlane only keeps it): a password change, a reset,
 * an accepted invitation. Rejects `UnknownAgent`.
 */
export const setPasswordHash = (agentId: string, passwordHash: string) =>
  Effect.gen(function* () {
    const id = yield* decodeAgentId(agentId)
    const hash = yield* decodeHash(passwordHash)
    const found = yield* Effect.flatMap(AgentStore, (store) => store.setPasswordHash(id, hash))
    if (!found) return yield* new UnknownAgent({ agentId, message: `No account has id ${agentId}` })
  })

const decodeHash = decodeWith(
  Schema.String.pipe(
    Schema.minLength(1, { message: () => 'passwordHash: give the hash the app made of the new password' }),
    Schema.maxLength(1000, { message: () => 'passwordHash: at most 1000 characters' }),
  ),
  (issue) => new InvalidAgent(issue),
)

/**
 * The account with this email and its stored password hash, for the app's own sign-in check, or null.
 * The hash is the app's: Ringlane only keeps it.
 */
export const agentCredentials = (email: string) =>
  Effect.map(
    Effect.flatMap(AgentStore, (store) => store.findCredentials(email)),
    Option.getOrNull,
  )
