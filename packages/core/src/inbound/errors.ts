import { Schema } from 'effect'

/**
 * A flow, voicemail box or request that cannot be saved or run as given. `step` names the flow step at
 * fault when there is one; `field` the field. Nothing was written.
 */
export class InvalidFlow extends Schema.TaggedError<InvalidFlow>()('InvalidFlow', {
  field: Schema.String,
  step: Schema.NullOr(Schema.String),
  message: Schema.String,
}) {}

export class UnknownFlow extends Schema.TaggedError<UnknownFlow>()('UnknownFlow', {
  field: Schema.String,
  flowId: Schema.String,
  message: Schema.String,
}) {}

/** A voicemail box or message request that is not valid; names the field. Nothing was written. */
export class InvalidVoicemailRequest extends Schema.TaggedError<InvalidVoicemailRequest>()(
  'InvalidVoicemailRequest',
  { field: Schema.String, message: Schema.String },
) {}

export class UnknownVoicemail extends Schema.TaggedError<UnknownVoicemail>()('UnknownVoicemail', {
  field: Schema.String,
  id: Schema.String,
  message: Schema.String,
}) {}

/** The inbound store failed (connection, query). Carries the driver's error as `cause`. */
export class InboundStoreError extends Schema.TaggedError<InboundStoreError>()('InboundStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}
