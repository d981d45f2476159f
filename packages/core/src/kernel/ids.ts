import { Schema } from 'effect'

/** An agent, supervisor or admin of the dialler. */
export const AgentId = Schema.UUID.pipe(
  Schema.annotations({ message: () => 'agentId must be a UUID' }),
  Schema.brand('@ringlane/core/AgentId'),
)
export type AgentId = typeof AgentId.Type

/** A lead is a person in the source with something still to do. Its id is the source's, as text. */
export const LeadId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{1,64}$/, {
    message: () => 'leadId must be 1 to 64 letters, digits, _ or -',
  }),
  Schema.brand('@ringlane/core/LeadId'),
)
export type LeadId = typeof LeadId.Type

export const QueueId = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
    message: () => 'id must be 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
  }),
  Schema.brand('@ringlane/core/QueueId'),
)
export type QueueId = typeof QueueId.Type
