import { Schema } from 'effect'

/** A send or conversation request whose input is not what it should be; names the field. */
export class InvalidSmsRequest extends Schema.TaggedError<InvalidSmsRequest>()('InvalidSmsRequest', {
  field: Schema.String,
  message: Schema.String,
}) {}

/** The number has opted out of texts: nothing is sent until the person texts START. */
export class RecipientOptedOut extends Schema.TaggedError<RecipientOptedOut>()('RecipientOptedOut', {
  field: Schema.String,
  phone: Schema.String,
  message: Schema.String,
}) {}

export class UnknownTemplate extends Schema.TaggedError<UnknownTemplate>()('UnknownTemplate', {
  field: Schema.Literal('templateId'),
  templateId: Schema.String,
  known: Schema.Array(Schema.String),
  message: Schema.String,
}) {}

export class ConversationNotFound extends Schema.TaggedError<ConversationNotFound>()('ConversationNotFound', {
  conversationId: Schema.String,
  message: Schema.String,
}) {}
