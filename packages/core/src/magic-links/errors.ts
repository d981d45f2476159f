import { Schema } from 'effect'

/** A request whose input is not what it should be; names the field. */
export class InvalidMagicLinkRequest extends Schema.TaggedError<InvalidMagicLinkRequest>()(
  'InvalidMagicLinkRequest',
  { field: Schema.String, message: Schema.String },
) {}

export class UnknownLinkType extends Schema.TaggedError<UnknownLinkType>()('UnknownLinkType', {
  field: Schema.Literal('linkType'),
  linkType: Schema.String,
  known: Schema.Array(Schema.String),
  message: Schema.String,
}) {}

/**
 * A link that does not open. The person should ask for a new one; `reason` says why for the page
 * shown to them and for the audit log.
 */
export class MagicLinkRejected extends Schema.TaggedError<MagicLinkRejected>()('MagicLinkRejected', {
  reason: Schema.Literal('malformed', 'unknown', 'expired', 'revoked', 'used'),
  message: Schema.String,
}) {}

export class MagicLinkNotFound extends Schema.TaggedError<MagicLinkNotFound>()('MagicLinkNotFound', {
  linkId: Schema.String,
  message: Schema.String,
}) {}
