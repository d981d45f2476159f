import { Schema } from 'effect'
import { AgentId } from '../kernel/ids.js'

export { AgentId }

export const AgentRole = Schema.Literal('agent', 'supervisor', 'admin')
export type AgentRole = typeof AgentRole.Type

export const Agent = Schema.Struct({
  id: AgentId,
  email: Schema.String,
  displayName: Schema.String,
  role: AgentRole,
  active: Schema.Boolean,
  /** The queues this agent works, most important first; empty means every queue. */
  queueIds: Schema.Array(Schema.String),
})
export type Agent = typeof Agent.Type

/** An account as an admin lists it: the agent and when it was created. */
export const AgentAccount = Schema.Struct({ ...Agent.fields, createdAt: Schema.DateFromSelf })
export type AgentAccount = typeof AgentAccount.Type

export const NewAgent = Schema.Struct({
  email: Schema.String.pipe(
    Schema.trimmed(),
    Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => 'email must be an email address' }),
  ),
  displayName: Schema.String.pipe(
    Schema.trimmed(),
    Schema.minLength(1, { message: () => 'displayName must not be empty' }),
    Schema.maxLength(100),
  ),
  role: AgentRole,
  queueIds: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
})
export type NewAgent = typeof NewAgent.Encoded
