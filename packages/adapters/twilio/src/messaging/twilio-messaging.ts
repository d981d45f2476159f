import { Messaging, Telephony } from '@ringlane/core'
import { Effect, Layer, ParseResult, Schema } from 'effect'
import { type TwilioWebhookConfig, verifyTwilioWebhook } from '../webhooks.js'

/**
 * The slice of the `twilio` client this adapter uses: `twilio(accountSid, authToken)` satisfies it.
 * You create and own the client; the adapter never reads credentials of its own.
 */
export interface TwilioMessagesClient {
  readonly messages: {
    create(params: {
      to: string
      body: string
      from?: string
      messagingServiceSid?: string
      statusCallback?: string
    }): Promise<{ readonly sid: string; readonly status: string }>
  }
}

/** Who texts come from: a Messaging Service (sender pools, opt-out handling) or one number. */
export const TwilioSender = Schema.Union(
  Schema.Struct({
    messagingServiceSid: Schema.String.pipe(
      Schema.pattern(/^MG[0-9a-f]{32}$/, {
        message: () => 'messagingServiceSid must look like MG + 32 hex digits',
      }),
    ),
  }),
  Schema.Struct({
    from: Schema.String.pipe(
      Schema.pattern(/^\+[1-9]\d{6,14}$|^[A-Za-z0-9 ]{1,11}$/, {
        message: () => 'from must be an E.164 number or an alphanumeric sender id of at most 11 characters',
      }),
    ),
  }),
)
export type TwilioSender = typeof TwilioSender.Type

export interface TwilioMessagingOptions {
  readonly client: TwilioMessagesClient
  readonly sender: TwilioSender
  /** The auth token and public base URL inbound and status webhooks are verified against. */
  readonly webhooks: TwilioWebhookConfig
}

const statuses: Record<string, Messaging.DeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  partially_delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
  receiving: 'received',
  received: 'received',
  read: 'read',
}
const TwilioStatus = Schema.String.pipe(
  Schema.filter((s) => s in statuses || `not a Twilio message status: ${s}`),
  Schema.transform(Messaging.DeliveryStatus, {
    strict: true,
    decode: (s) => statuses[s] ?? 'failed',
    encode: (s) => s,
  }),
)

const invalid = (error: ParseResult.ParseError, fallbackField: string) => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const field = String(issue?.path[0] ?? fallbackField)
  return new Telephony.InvalidWebhook({ field, message: `${field}: ${issue?.message ?? 'is not valid'}` })
}

const providerError = (cause: unknown) => {
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined
  const text = cause instanceof Error ? cause.message : String(cause)
  return new Messaging.MessagingError({
    operation: 'send an SMS',
    message: `Twilio did not accept the text${code === undefined ? '' : ` (code ${String(code)})`}: ${text}`,
    ...(code !== undefined && { providerCode: String(code) }),
    cause,
  })
}

/** Messaging on Twilio: Programmable Messaging to send, signed webhooks for inbound texts and reports. */
export const twilioMessaging = (options: TwilioMessagingOptions): Messaging.MessagingService => {
  const sender = Schema.decodeUnknownSync(TwilioSender)(options.sender)
  return {
    provider: 'twilio',
    sendSms: (sms) =>
      Effect.tryPromise({
        try: () =>
          options.client.messages.create({
            to: sms.to,
            body: sms.body,
            ...sender,
            ...(sms.statusCallbackUrl !== null && { statusCallback: sms.statusCallbackUrl }),
          }),
        catch: providerError,
      }).pipe(
        Effect.map((message) => ({
          providerMessageId: message.sid,
          status: statuses[message.status] ?? 'queued',
        })),
      ),
    verifyWebhook: (request) => verifyTwilioWebhook(options.webhooks, request),
    ...Messaging.smsWebhookParsers({ status: TwilioStatus, invalid }),
  }
}

/** Effect API: provides `Messaging.Messaging` on Twilio. A bad sender fails the layer, naming the field. */
export const messagingLayer = (options: TwilioMessagingOptions) =>
  Layer.effect(
    Messaging.Messaging,
    Effect.try({
      try: () => twilioMessaging(options),
      catch: (cause) =>
        new Messaging.MessagingError({
          operation: 'configure Twilio messaging',
          message: `sender: ${cause instanceof Error ? cause.message : String(cause)}`,
          cause,
        }),
    }),
  )
