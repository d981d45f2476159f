import { Context, type Effect, Schema } from 'effect'
import type { E164 } from '../kernel/phone-numbers.js'
import type {
  InvalidWebhook,
  WebhookParams,
  WebhookRejected,
  WebhookRequest,
} from '../telephony/telephony.js'

/** The SMS provider failed or could not be reached. Carries the provider's error as `cause`. */
export class MessagingError extends Schema.TaggedError<MessagingError>()('MessagingError', {
  operation: Schema.String,
  message: Schema.String,
  /** The provider's own error code when it gave one (Twilio: 21610 for a number that replied STOP). */
  providerCode: Schema.optional(Schema.String),
  cause: Schema.optional(Schema.Defect),
}) {}

/**
 * Where a message is, in provider-neutral words (Twilio's names; other adapters map to these).
 * `pending` is ours: recorded, not yet accepted by the provider.
 */
export const DeliveryStatus = Schema.Literal(
  'pending',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'received',
  'read',
)
export type DeliveryStatus = typeof DeliveryStatus.Type

const statusRank: Record<DeliveryStatus, number> = {
  pending: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  received: 4,
  read: 5,
}
/**
 * How far along a status is. Callbacks arrive late, twice or out of order; a status only replaces one
 * of a lower rank, so `sent` never overwrites `delivered` and the first final status stays.
 */
export const deliveryStatusRank = (status: DeliveryStatus) => statusRank[status]

/** A text a person sent us, once its webhook is verified. */
export const InboundSms = Schema.Struct({
  providerMessageId: Schema.NonEmptyTrimmedString,
  /** As the provider wrote it; normalized to E.164 before it is stored. */
  from: Schema.NonEmptyTrimmedString,
  to: Schema.String,
  body: Schema.String,
  receivedAt: Schema.DateFromSelf,
})
export type InboundSms = typeof InboundSms.Type

/** A provider's word on one of our messages. */
export const DeliveryStatusEvent = Schema.Struct({
  providerMessageId: Schema.NonEmptyTrimmedString,
  /** Our message id, when the provider echoes it back on the status callback URL. */
  messageId: Schema.NullOr(Schema.String),
  status: DeliveryStatus,
  errorCode: Schema.NullOr(Schema.String),
  occurredAt: Schema.DateFromSelf,
})
export type DeliveryStatusEvent = typeof DeliveryStatusEvent.Type

export interface OutboundSms {
  readonly to: E164
  readonly body: string
  /** Where the provider reports delivery; null for none. Carries our message id in its query. */
  readonly statusCallbackUrl: string | null
}

/**
 * An SMS provider. Server side only. Opt-outs, templates and conversations are core's: an adapter
 * only sends, verifies and parses.
 */
export interface MessagingService {
  /** Which provider this is, for logs and health (`twilio`, `simulator`). */
  readonly provider: string
  readonly sendSms: (
    sms: OutboundSms,
  ) => Effect.Effect<{ readonly providerMessageId: string; readonly status: DeliveryStatus }, MessagingError>
  /** Checks the webhook came from the provider. Params include the signed URL's query parameters. */
  readonly verifyWebhook: (request: WebhookRequest) => Effect.Effect<WebhookParams, WebhookRejected>
  readonly parseInboundSms: (params: WebhookParams) => Effect.Effect<InboundSms, InvalidWebhook>
  readonly parseDeliveryStatus: (params: WebhookParams) => Effect.Effect<DeliveryStatusEvent, InvalidWebhook>
}

export class Messaging extends Context.Tag('@ringlane/core/Messaging')<Messaging, MessagingService>() {}
