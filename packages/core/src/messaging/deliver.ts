import { Clock, Effect, Option } from 'effect'
import { INTERNAL_LIST, SuppressionListStore } from '../compliance/suppression-lists.js'
import { SuppressionStore } from '../compliance/suppression-store.js'
import { publish } from '../kernel/events.js'
import type { AgentId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import { RecipientOptedOut } from './errors.js'
import { Messaging } from './messaging.js'
import { MessagingConfig } from './messaging-config.js'
import { type Conversation, MessagingStore, type SmsMessage } from './messaging-store.js'
import type { RenderedSms } from './templates.js'

export interface Delivery {
  readonly conversation: Conversation
  readonly sms: RenderedSms
  readonly sentBy: AgentId | null
  readonly autoReply: boolean
  readonly templateId: string | null
  /**
   * The one text allowed to a number that has just opted out: the confirmation that it worked. Only
   * the inbound STOP handling sets it, right after recording the opt-out.
   */
  readonly confirmingOptOut?: boolean
}

/** Fails with `RecipientOptedOut` when the number has opted out of texts or is on the internal do-not-call list. Writes nothing. */
export const ensureNotOptedOut = (phone: E164) =>
  Effect.gen(function* () {
    const optedOut = yield* Effect.flatMap(SuppressionStore, (store) => store.optedOut([phone]))
    if (optedOut.has(phone)) {
      return yield* new RecipientOptedOut({
        field: 'to',
        phone,
        message: `to: ${phone} has opted out of texts; nothing is sent until they text START`,
      })
    }
    // The internal do-not-call list stops texts too, where the dialler keeps lists (an SMS-only
    // integration may not). Registers (TPS, the US registry) are for calls, not texts.
    const lists = yield* Effect.serviceOption(SuppressionListStore)
    if (Option.isSome(lists)) {
      const entries = yield* lists.value.listedOn([phone])
      const internal = entries.find((entry) => entry.listId === INTERNAL_LIST)
      if (internal)
        return yield* new RecipientOptedOut({
          field: 'to',
          phone,
          message: `to: ${phone} is on the internal do-not-call list (${internal.reason}); nothing is sent`,
        })
    }
  })

const withMessageId = (url: string, messageId: string) => {
  const target = new URL(url)
  target.searchParams.set('message', messageId)
  return target.toString()
}

/**
 * Sends one text of a conversation. Every outbound text goes through here, so the opt-out check
 * cannot be skipped: record as pending, send, then record the provider's id and status. A provider
 * failure marks the message failed and fails with `MessagingError`.
 */
export const deliver = (delivery: Delivery) =>
  Effect.gen(function* () {
    const { conversation, sms } = delivery
    const phone: E164 = conversation.phone
    if (!delivery.confirmingOptOut) yield* ensureNotOptedOut(phone)
    const store = yield* MessagingStore
    const provider = yield* Messaging
    const { statusCallbackUrl } = yield* MessagingConfig
    const now = new Date(yield* Clock.currentTimeMillis)
    const pending = yield* store.recordOutbound({
      conversationId: conversation.id,
      body: sms.body,
      sentBy: delivery.sentBy,
      autoReply: delivery.autoReply,
      templateId: delivery.templateId,
      segments: sms.segments,
      encoding: sms.encoding,
      createdAt: now,
    })
    const sent = yield* Effect.tapError(
      provider.sendSms({
        to: phone,
        body: sms.body,
        statusCallbackUrl: statusCallbackUrl === null ? null : withMessageId(statusCallbackUrl, pending.id),
      }),
      (error) =>
        store.applyDeliveryStatus({
          messageId: pending.id,
          providerMessageId: null,
          status: 'failed',
          errorCode: error.providerCode ?? 'provider_error',
          at: now,
        }),
    )
    const at = new Date(yield* Clock.currentTimeMillis)
    const updated = yield* store.applyDeliveryStatus({
      messageId: pending.id,
      providerMessageId: sent.providerMessageId,
      status: sent.status,
      errorCode: null,
      at,
    })
    yield* publish({ _tag: 'SmsSent', at, conversationId: conversation.id, messageId: pending.id })
    return Option.getOrElse(
      updated,
      (): SmsMessage => ({
        ...pending,
        providerMessageId: sent.providerMessageId,
        status: sent.status,
      }),
    )
  })
