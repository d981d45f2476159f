import { Effect, type ParseResult, Schema } from 'effect'
import type { InvalidWebhook } from '../telephony/telephony.js'
import type { DeliveryStatus, MessagingService } from './messaging.js'

const InboundParams = Schema.Struct({
  MessageSid: Schema.NonEmptyTrimmedString,
  From: Schema.NonEmptyTrimmedString,
  To: Schema.optionalWith(Schema.String, { default: () => '' }),
  Body: Schema.optionalWith(Schema.String, { default: () => '' }),
})

export interface SmsWebhookOptions<A extends DeliveryStatus, I> {
  /** The provider's status words, decoded to ours. */
  readonly status: Schema.Schema<A, I>
  /** Words the error for a parameter that does not decode (`fallbackField` when none is named). */
  readonly invalid: (error: ParseResult.ParseError, fallbackField: string) => InvalidWebhook
}

/**
 * The two SMS webhook parsers for a provider that posts Twilio's parameter names (`MessageSid`,
 * `From`, `To`, `Body`; `MessageStatus`, `ErrorCode`), as Twilio and the simulator do. Neither webhook
 * carries a timestamp: it is sent as the text arrives or its status changes.
 */
export const smsWebhookParsers = <A extends DeliveryStatus, I>(
  options: SmsWebhookOptions<A, I>,
): Pick<MessagingService, 'parseInboundSms' | 'parseDeliveryStatus'> => {
  const StatusParams = Schema.Struct({
    MessageSid: Schema.NonEmptyTrimmedString,
    MessageStatus: options.status,
    ErrorCode: Schema.optional(Schema.String),
    /** Ours: core adds the message id to the status callback URL's query. */
    message: Schema.optional(Schema.String),
  })
  return {
    parseInboundSms: (params) =>
      Schema.decodeUnknown(InboundParams)(params).pipe(
        Effect.mapError((error) => options.invalid(error, 'MessageSid')),
        Effect.map((p) => ({
          providerMessageId: p.MessageSid,
          from: p.From,
          to: p.To,
          body: p.Body,
          receivedAt: new Date(),
        })),
      ),
    parseDeliveryStatus: (params) =>
      Schema.decodeUnknown(StatusParams)(params).pipe(
        Effect.mapError((error) => options.invalid(error, 'MessageStatus')),
        Effect.map((p) => ({
          providerMessageId: p.MessageSid,
          messageId: p.message ?? null,
          status: p.MessageStatus,
          errorCode: p.ErrorCode || null,
          occurredAt: new Date(),
        })),
      ),
  }
}
