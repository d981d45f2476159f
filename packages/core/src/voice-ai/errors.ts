import { Schema } from 'effect'

/** A request from outside (an SDK call, a form) that is not valid; names the field. */
export class InvalidVoiceAiRequest extends Schema.TaggedError<InvalidVoiceAiRequest>()(
  'InvalidVoiceAiRequest',
  {
    field: Schema.String,
    message: Schema.String,
  },
) {}

/** No AI agent has this id. */
export class VoiceAgentNotFound extends Schema.TaggedError<VoiceAgentNotFound>()('VoiceAgentNotFound', {
  agentId: Schema.String,
  message: Schema.String,
}) {}

/** An AI agent's chain names a provider this dialler was not given. */
export class UnknownVoiceProvider extends Schema.TaggedError<UnknownVoiceProvider>()('UnknownVoiceProvider', {
  provider: Schema.String,
  message: Schema.String,
}) {}
