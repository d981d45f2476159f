import { Effect, Option } from 'effect'
import type { WebhookRequest } from '../telephony/telephony.js'
import { writeAudit } from './audit.js'
import { Messaging } from './messaging.js'
import { MessagingStore, type SmsMessage } from './messaging-store.js'

/**
 * Handles a delivery-status webhook: verified, parsed, then applied idempotently and in any order
 * (a late `sent` never overwrites `delivered`). `null` when the message is not one of ours.
 */
export const recordDeliveryStatus = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const provider = yield* Messaging
    const refuse = (reason: string) =>
      writeAudit({ actor: 'public', action: 'sms.status_refused', subject: 'webhook:sms-status', reason })
    const params = yield* Effect.tapError(provider.verifyWebhook(request), (e) => refuse(e.reason))
    const event = yield* Effect.tapError(provider.parseDeliveryStatus(params), (e) =>
      refuse(`invalid:${e.field}`),
    )
    const store = yield* MessagingStore
    const message = yield* store.applyDeliveryStatus({
      messageId: event.messageId,
      providerMessageId: event.providerMessageId,
      status: event.status,
      errorCode: event.errorCode,
      at: event.occurredAt,
    })
    return Option.getOrNull(message) satisfies SmsMessage | null
  })
