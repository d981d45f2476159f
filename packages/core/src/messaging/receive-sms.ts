import { Clock, Effect, Option } from 'effect'
import { SuppressionStore } from '../compliance/suppression-store.js'
import { publish } from '../kernel/events.js'
import type { LeadId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import { LeadSource } from '../leads/lead-source.js'
import { InvalidWebhook, type WebhookRequest } from '../telephony/telephony.js'
import { writeAudit } from './audit.js'
import { deliver } from './deliver.js'
import { classifyIntent, type IntentClassification, type SmsIntent } from './intent.js'
import { Messaging } from './messaging.js'
import { MessagingConfig } from './messaging-config.js'
import { type Conversation, MessagingStore, type SmsMessage } from './messaging-store.js'
import { normalizeForSms } from './phone.js'
import { smsLength } from './segments.js'
import { renderTemplate } from './templates.js'

/** What the dialler did with an inbound text. */
export type InboundAction =
  /** Answered automatically (help, confirmation). */
  | 'auto_replied'
  /** Left for an agent, with the conversation's priority raised as the intent says. */
  | 'routed'
  | 'opted_out'
  | 'opted_in'
  /** The provider sent this message before (a retried webhook): nothing was done twice. */
  | 'duplicate'

export interface InboundOutcome {
  readonly conversation: Conversation
  readonly message: SmsMessage
  readonly classification: IntentClassification
  readonly action: InboundAction
  /** The automatic answer, when one was sent. */
  readonly reply: SmsMessage | null
}

/** Finds the lead a number belongs to, if the source can look numbers up. Never fails the inbound. */
const leadFor = (phone: E164, known: Option.Option<Conversation>) =>
  Effect.gen(function* () {
    if (Option.isSome(known) && known.value.leadId !== null) return known.value.leadId
    const source = yield* Effect.serviceOption(LeadSource)
    const find = Option.getOrUndefined(source)?.findLeadsByPhone
    if (!find) return null
    // The text matters more than the link: a source that cannot answer leaves it unlinked.
    return yield* find(phone).pipe(
      Effect.map((leads): LeadId | null => leads[0] ?? null),
      Effect.catchAll((error) =>
        Effect.as(
          Effect.logWarning('inbound SMS left unlinked: the lead source failed', error.message),
          null,
        ),
      ),
    )
  })

/**
 * Handles an inbound SMS webhook: verifies it, finds or opens the number's conversation, links the
 * lead, stores the text, classifies it and acts: opt-out and opt-in are applied, help and confirmation
 * are answered, anything else is routed to agents with a priority. An unsigned or malformed webhook is
 * refused with only an audit record written.
 */
export const receiveInboundSms = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const provider = yield* Messaging
    const config = yield* MessagingConfig
    const refuse = (reason: string) =>
      writeAudit({ actor: 'public', action: 'sms.inbound_refused', subject: 'webhook:sms', reason })
    const params = yield* Effect.tapError(provider.verifyWebhook(request), (e) => refuse(e.reason))
    const inbound = yield* Effect.tapError(provider.parseInboundSms(params), (e) =>
      refuse(`invalid:${e.field}`),
    )
    const { e164: phone } = yield* normalizeForSms(inbound.from, config, 'From').pipe(
      Effect.mapError((e) => new InvalidWebhook({ field: 'From', message: e.message })),
      Effect.tapError(() => refuse('invalid:From')),
    )
    const store = yield* MessagingStore
    const suppression = yield* SuppressionStore
    const optedOut = (yield* suppression.optedOut([phone])).has(phone)
    const classification = classifyIntent(inbound.body, {
      optedOut,
      longMessageChars: config.longMessageChars,
    })
    const known = yield* store.conversationByPhone(phone)
    const leadId = yield* leadFor(phone, known)
    const now = new Date(yield* Clock.currentTimeMillis)
    const opened = yield* store.openConversation(phone, leadId, now)
    const length = smsLength(inbound.body)
    const stored = yield* store.recordInbound({
      conversationId: opened.id,
      providerMessageId: inbound.providerMessageId,
      body: inbound.body,
      intent: classification.intent,
      priority: classification.priority,
      receivedAt: inbound.receivedAt,
      segments: length.segments,
      encoding: length.encoding,
    })
    const outcome = (action: InboundAction, conversation: Conversation, reply: SmsMessage | null) =>
      ({ conversation, message: stored.message, classification, action, reply }) satisfies InboundOutcome
    if (stored.duplicate) return outcome('duplicate', stored.conversation, null)
    yield* publish({
      _tag: 'SmsReceived',
      at: stored.message.createdAt,
      conversationId: stored.conversation.id,
      messageId: stored.message.id,
    })

    const autoReply = (
      intent: Exclude<SmsIntent, 'callback_request' | 'general'>,
      confirmingOptOut = false,
    ) =>
      Effect.gen(function* () {
        const template = config.autoReplies[intent]
        if (template === null) return null
        const sms = yield* renderTemplate(
          template,
          { companyPhone: config.companyPhone },
          { maxSegments: config.maxSegments, field: `autoReplies.${intent}` },
        )
        const conversation = yield* currentConversation(stored.conversation.id, stored.conversation)
        return yield* deliver({
          conversation,
          sms,
          sentBy: null,
          autoReply: true,
          templateId: `autoReplies.${intent}`,
          confirmingOptOut,
        })
      }).pipe(
        // An answer that could not go out never undoes what the text asked for; the inbox shows it.
        Effect.catchAll((error) =>
          Effect.as(Effect.logWarning(`automatic SMS answer (${intent}) not sent`, error._tag), null),
        ),
      )

    const audit = (action: string) =>
      writeAudit({
        actor: 'public',
        action,
        subject: `phone:${phone}`,
        reason: classification.matched ?? classification.intent,
      })

    switch (classification.intent) {
      case 'opt_out': {
        if (optedOut) return outcome('opted_out', stored.conversation, null)
        // Recorded first: if anything after this fails, the person is still opted out.
        yield* suppression.recordOptOut(phone, `sms:${classification.matched ?? 'stop'}`, now)
        yield* audit('sms.opted_out')
        const conversation = yield* store.setConversationStatus(stored.conversation.id, 'opted_out')
        const reply = yield* autoReply('opt_out', true)
        return outcome(
          'opted_out',
          Option.getOrElse(conversation, () => stored.conversation),
          reply,
        )
      }
      case 'opt_in': {
        if (optedOut) {
          yield* suppression.removeOptOut(phone)
          yield* audit('sms.opted_in')
        }
        const conversation = yield* store.setConversationStatus(stored.conversation.id, 'active')
        const reply = yield* autoReply('opt_in')
        return outcome(
          'opted_in',
          Option.getOrElse(conversation, () => stored.conversation),
          reply,
        )
      }
      case 'help':
      case 'confirmation': {
        // An opted-out number gets no answer; its text still waits in the inbox.
        const reply = optedOut ? null : yield* autoReply(classification.intent)
        return outcome(reply ? 'auto_replied' : 'routed', stored.conversation, reply)
      }
      default:
        return outcome('routed', stored.conversation, null)
    }
  })

const currentConversation = (conversationId: string, fallback: Conversation) =>
  Effect.map(
    Effect.flatMap(MessagingStore, (store) => store.findConversation(conversationId)),
    Option.getOrElse(() => fallback),
  )
