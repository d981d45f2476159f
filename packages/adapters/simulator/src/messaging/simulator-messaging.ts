import { randomBytes } from 'node:crypto'
import { type E164, Messaging, Telephony } from '@ringlane/core'
import { Effect, Layer, ParseResult, Redacted, Schema } from 'effect'
import { signedWebhook, verifySignedWebhook } from '../telephony/signature.js'

/** A text the simulator was asked to send. */
export interface SimulatedSms {
  readonly providerMessageId: string
  readonly to: E164
  readonly body: string
  readonly statusCallbackUrl: string | null
  readonly sentAt: Date
}

export interface SimulatorMessagingOptions {
  /** Signs the simulator's webhooks, as a provider's auth token does; keep it secret. */
  readonly secret: Redacted.Redacted<string>
  /** The app's public origin, as a provider would call it. */
  readonly publicBaseUrl: string
  /** Where inbound texts are delivered, on the public origin (default `/webhooks/sms/inbound`). */
  readonly inboundPath?: string
  /** The number people text (default the drama-range landline +441632960001). */
  readonly number?: string
  /**
   * Scripted provider refusals: return a provider error code to fail the send (as a real provider
   * refuses an unreachable number), or null to accept it. Default: every send is accepted.
   */
  readonly refuse?: (to: E164) => string | null
}

/** The simulator's messaging adapter, plus what tests and the demo use to drive it. */
export interface SimulatorMessaging extends Messaging.MessagingService {
  /** Every text sent so far, oldest first. */
  readonly outbox: () => ReadonlyArray<SimulatedSms>
  /** A signed inbound-SMS webhook, as a provider would deliver it when a person texts in. */
  readonly inboundWebhook: (sms: {
    readonly from: string
    readonly body: string
    readonly providerMessageId?: string
  }) => Telephony.WebhookRequest
  /** A signed delivery report for a sent text, to its status callback URL. */
  readonly statusWebhook: (report: {
    readonly callbackUrl: string
    readonly providerMessageId: string
    readonly status: 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed'
    readonly errorCode?: string | null
  }) => Telephony.WebhookRequest
}

const MessageStatus = Schema.Literal('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed')

const invalid = (error: ParseResult.ParseError, fallbackField: string) => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const field = String(issue?.path[0] ?? fallbackField)
  return new Telephony.InvalidWebhook({
    field,
    message: `${field}: ${issue?.message ?? 'is not valid'} in the webhook`,
  })
}

/**
 * SMS with no provider account: sends are recorded in an outbox, and inbound texts and delivery
 * reports are webhooks signed like a provider's (Twilio's parameter names), so the app's real
 * verification and handling run.
 */
export const createSimulatorMessaging = (options: SimulatorMessagingOptions): SimulatorMessaging => {
  const secret = Redacted.value(options.secret)
  const outbox: SimulatedSms[] = []
  const number = options.number ?? '+441632960001'
  // Random like a provider's: ids must stay unique across restarts of the app that keeps them.
  const sid = () => `SM${randomBytes(16).toString('hex')}`
  const signed = (url: string, params: Record<string, string>) => signedWebhook(secret, url, params)

  return {
    provider: 'simulator',
    sendSms: (sms) =>
      Effect.suspend(() => {
        const refusal = options.refuse?.(sms.to) ?? null
        if (refusal !== null) {
          return Effect.fail(
            new Messaging.MessagingError({
              operation: 'send an SMS',
              message: `The simulated provider refused the text to ${sms.to} (code ${refusal})`,
              providerCode: refusal,
            }),
          )
        }
        const sent: SimulatedSms = {
          providerMessageId: sid(),
          to: sms.to,
          body: sms.body,
          statusCallbackUrl: sms.statusCallbackUrl,
          sentAt: new Date(),
        }
        outbox.push(sent)
        return Effect.succeed({ providerMessageId: sent.providerMessageId, status: 'queued' as const })
      }),

    verifyWebhook: (request) =>
      verifySignedWebhook(secret, options.publicBaseUrl, request).pipe(
        Effect.map(({ params, url }) => ({ ...Object.fromEntries(url.searchParams), ...params })),
      ),

    ...Messaging.smsWebhookParsers({ status: MessageStatus, invalid }),

    outbox: () => [...outbox],

    inboundWebhook: (sms) =>
      signed(new URL(options.inboundPath ?? '/webhooks/sms/inbound', options.publicBaseUrl).toString(), {
        MessageSid: sms.providerMessageId ?? sid(),
        From: sms.from,
        To: number,
        Body: sms.body,
      }),

    statusWebhook: (report) =>
      signed(report.callbackUrl, {
        MessageSid: report.providerMessageId,
        MessageStatus: report.status,
        ...(report.errorCode ? { ErrorCode: report.errorCode } : {}),
      }),
  }
}

/** Effect API: provides `Messaging.Messaging` with a simulator. */
export const messagingLayer = (options: SimulatorMessagingOptions) =>
  Layer.sync(Messaging.Messaging, () => createSimulatorMessaging(options))
