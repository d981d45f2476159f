import { Cause, Effect, Exit, Layer, ManagedRuntime } from 'effect'
import { AuditLog, type AuditLogService } from '../audit/audit-log.js'
import { LeadSource, type LeadSourceService } from '../leads/lead-source.js'
import { DiallerStore, type DiallerStoreService } from '../store/dialler-store.js'
import type { WebhookRequest } from '../telephony/telephony.js'
import {
  assignConversation,
  type ConversationQuery,
  conversationThread,
  listConversations,
  markConversationRead,
  type ReplyRequest,
  replyInConversation,
  setConversationStatus,
} from './conversations.js'
import { recordDeliveryStatus } from './delivery-status.js'
import { Messaging, type MessagingService } from './messaging.js'
import { MessagingConfig, type MessagingSettingsInput, messagingConfigLayer } from './messaging-config.js'
import { MessagingStore, type MessagingStoreService } from './messaging-store.js'
import { receiveInboundSms } from './receive-sms.js'
import { type SendSmsRequest, sendSms } from './send-sms.js'

export interface MessagingOptions {
  /** The SMS provider, e.g. `twilioMessaging(...)` from @ringlane/twilio. */
  readonly provider: MessagingService
  /** Conversations and messages, e.g. `postgresMessagingStore(...)` from @ringlane/postgres. */
  readonly store: MessagingStoreService
  /** Holds the opt-outs, shared with calling. */
  readonly diallerStore: DiallerStoreService
  readonly audit: AuditLogService
  /** Links inbound texts to leads when the source can look numbers up. */
  readonly source?: LeadSourceService
  readonly settings?: MessagingSettingsInput
}

/** The Effect API's services for messaging, from plain implementations. */
export const messagingLayer = (options: MessagingOptions) =>
  Layer.mergeAll(
    messagingConfigLayer(options.settings),
    Layer.succeed(Messaging, options.provider),
    Layer.succeed(MessagingStore, options.store),
    Layer.succeed(DiallerStore, options.diallerStore),
    Layer.succeed(AuditLog, options.audit),
    options.source ? Layer.succeed(LeadSource, options.source) : Layer.empty,
  )

/**
 * The Promise API for SMS. Methods reject with the same tagged errors as the Effect API
 * (`error._tag`), whose messages say what was wrong; settings are checked here, once.
 */
export const createMessaging = async (options: MessagingOptions) => {
  const runtime = ManagedRuntime.make(messagingLayer(options))
  type Services = MessagingConfig | Messaging | MessagingStore | DiallerStore | AuditLog
  const run = async <A, E>(effect: Effect.Effect<A, E, Services>): Promise<A> => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    throw Cause.squash(exit.cause)
  }
  await run(Effect.asVoid(MessagingConfig))
  return {
    sendSms: (request: SendSmsRequest) => run(sendSms(request)),
    /** For the inbound-SMS webhook route: answer 403 on `WebhookRejected`, 400 on `InvalidWebhook`. */
    receiveInboundSms: (request: WebhookRequest) => run(receiveInboundSms(request)),
    recordDeliveryStatus: (request: WebhookRequest) => run(recordDeliveryStatus(request)),
    replyInConversation: (request: ReplyRequest) => run(replyInConversation(request)),
    assignConversation: (conversationId: string, agentId: string | null) =>
      run(assignConversation(conversationId, agentId)),
    markConversationRead: (conversationId: string) => run(markConversationRead(conversationId)),
    setConversationStatus: (conversationId: string, status: 'active' | 'closed') =>
      run(setConversationStatus(conversationId, status)),
    listConversations: (query?: ConversationQuery) => run(listConversations(query)),
    conversationThread: (conversationId: string, limit?: number) =>
      run(conversationThread(conversationId, limit)),
    dispose: () => runtime.dispose(),
  }
}

export type MessagingClient = Awaited<ReturnType<typeof createMessaging>>
