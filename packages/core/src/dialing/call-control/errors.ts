import { Schema } from 'effect'

/** The agent has no answered call to act on (nothing live, or still ringing). */
export class NoLiveCall extends Schema.TaggedError<NoLiveCall>()('NoLiveCall', {
  agentId: Schema.String,
  message: Schema.String,
}) {}

/**
 * The call is not in the agent's conference: a preview call the browser dialled straight to the lead.
 * Hold, transfer, adding people and supervisor listening need a call the engine connected.
 */
export class NotAConferenceCall extends Schema.TaggedError<NotAConferenceCall>()('NotAConferenceCall', {
  sessionId: Schema.String,
  message: Schema.String,
}) {}

/** The agent a call should go to cannot take it now (not signed in with a softphone, not free, oneself). */
export class AgentNotFree extends Schema.TaggedError<AgentNotFree>()('AgentNotFree', {
  agentId: Schema.String,
  message: Schema.String,
}) {}

/** Complete or cancel, with no warm transfer (no other agent on the call) to complete or cancel. */
export class NoTransferInProgress extends Schema.TaggedError<NoTransferInProgress>()('NoTransferInProgress', {
  sessionId: Schema.String,
  message: Schema.String,
}) {}

/** A call-control request with a wrong value, naming the field. */
export class InvalidCallControl extends Schema.TaggedError<InvalidCallControl>()('InvalidCallControl', {
  field: Schema.String,
  message: Schema.String,
}) {}
