import { Schema } from 'effect'
import { RoutingQueueId } from '../routing/queue.js'

/** An AI voice agent as supervisors configure it: what it is told and which providers speak for it. */
export const VoiceAgentId = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
    message: () => 'an AI agent id is 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
  }),
  Schema.brand('@ringlane/core/VoiceAgentId'),
)
export type VoiceAgentId = typeof VoiceAgentId.Type

/** A provider's name as its adapter reports it (`openai-realtime`, `simulator`). */
export const ProviderName = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
    message: () => 'a provider name is 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
  }),
)

export const VoiceAgent = Schema.Struct({
  id: VoiceAgentId,
  name: Schema.Trim.pipe(
    Schema.nonEmptyString({ message: () => 'an AI agent needs a name' }),
    Schema.maxLength(80, { message: () => 'an AI agent name is at most 80 characters' }),
  ),
  /** What the agent is for and how it speaks; the call's own context (lead, campaign goal) is added per call. */
  instructions: Schema.Trim.pipe(
    Schema.nonEmptyString({ message: () => 'an AI agent needs instructions' }),
    Schema.maxLength(8000, { message: () => 'instructions are at most 8000 characters' }),
  ),
  /** The providers to try, in order: the next takes over when one fails. */
  providers: Schema.Array(ProviderName).pipe(
    Schema.filter((names) => names.length > 0 || 'name at least one provider in the chain'),
    Schema.filter((names) => names.length <= 5 || 'a chain has at most 5 providers'),
    Schema.filter((names) => new Set(names).size === names.length || 'a provider appears once in the chain'),
  ),
  /** The human queue a call is handed to when every provider fails or the caller asks for a person. */
  handoffQueueId: RoutingQueueId,
})
export type VoiceAgent = typeof VoiceAgent.Type
export type VoiceAgentInput = typeof VoiceAgent.Encoded
