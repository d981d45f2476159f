import { Context, type Effect, type Option, Schema } from 'effect'
import type { AgentId, LeadId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { ConversationPriority, SmsIntent } from './intent.js'
import type { DeliveryStatus } from './messaging.js'
import type { SmsEncoding } from './segments.js'

/** The messaging store failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class MessagingStoreError extends Schema.TaggedError<MessagingStoreError>()('MessagingStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

export const ConversationStatus = Schema.Literal('active', 'closed', 'opted_out')
export type ConversationStatus = typeof ConversationStatus.Type

/** Every text to and from one number, as one thread: one conversation per normalized number. */
export interface Conversation {
  readonly id: string
  readonly phone: E164
  /** The lead the number belongs to in the source, when one was found. */
  readonly leadId: LeadId | null
  readonly status: ConversationStatus
  readonly priority: ConversationPriority
  readonly assignedTo: AgentId | null
  /** Inbound texts no agent has read yet. */
  readonly unreadCount: number
  readonly lastMessageAt: Date | null
  readonly lastInboundAt: Date | null
  readonly lastAgentReplyAt: Date | null
  readonly createdAt: Date
}

export interface SmsMessage {
  readonly id: string
  readonly conversationId: string
  readonly direction: 'inbound' | 'outbound'
  readonly body: string
  readonly providerMessageId: string | null
  readonly status: DeliveryStatus
  readonly errorCode: string | null
  /** Inbound only: what the classifier made of it. */
  readonly intent: SmsIntent | null
  /** Outbound only: sent by the dialler itself in answer to a keyword. */
  readonly autoReply: boolean
  readonly sentBy: AgentId | null
  readonly templateId: string | null
  readonly segments: number
  readonly encoding: SmsEncoding
  readonly createdAt: Date
  readonly statusUpdatedAt: Date
}

export interface NewInboundMessage {
  readonly conversationId: string
  readonly providerMessageId: string
  readonly body: string
  readonly intent: SmsIntent
  readonly priority: ConversationPriority
  readonly receivedAt: Date
  readonly segments: number
  readonly encoding: SmsEncoding
}

export interface NewOutboundMessage {
  readonly conversationId: string
  readonly body: string
  readonly sentBy: AgentId | null
  readonly autoReply: boolean
  readonly templateId: string | null
  readonly segments: number
  readonly encoding: SmsEncoding
  readonly createdAt: Date
}

export interface DeliveryUpdate {
  /** Ours, when known (echoed on the callback URL); else the provider's id finds the message. */
  readonly messageId: string | null
  /** The provider's id; null only when the provider refused the message and gave none. */
  readonly providerMessageId: string | null
  readonly status: DeliveryStatus
  readonly errorCode: string | null
  readonly at: Date
}

export interface ConversationFilter {
  readonly status?: ConversationStatus | undefined
  readonly assignedTo?: AgentId | undefined
  /** Only conversations with unread inbound texts. */
  readonly unreadOnly?: boolean | undefined
  /** Only those after this one in the inbox's order (the last of the page before). */
  readonly after?: InboxPosition | null | undefined
  readonly limit: number
}

/** Where a conversation stands in the inbox's order: its priority, then its latest message (none last), then its id. */
export interface InboxPosition {
  readonly priority: ConversationPriority
  readonly lastMessageAt: Date | null
  readonly id: string
}

type Op<A> = Effect.Effect<A, MessagingStoreError>

/**
 * SMS conversations and their messages, in the dialler store's database. Opt-outs are not here: they
 * are the dialler store's (`optedOut`, `recordOptOut`), shared with calling.
 */
export interface MessagingStoreService {
  /** The conversation for a number, opened if there is none; links the lead if it was not linked. */
  readonly openConversation: (phone: E164, leadId: LeadId | null, now: Date) => Op<Conversation>
  readonly findConversation: (conversationId: string) => Op<Option.Option<Conversation>>
  readonly conversationByPhone: (phone: E164) => Op<Option.Option<Conversation>>
  /**
   * Stores an inbound text and updates its conversation (unread, priority, a closed thread reopens).
   * The same provider message twice (a retried webhook) is stored once: `duplicate` is then true.
   */
  readonly recordInbound: (
    message: NewInboundMessage,
  ) => Op<{ readonly message: SmsMessage; readonly conversation: Conversation; readonly duplicate: boolean }>
  /** Stores an outbound text as `pending`, before it goes to the provider. */
  readonly recordOutbound: (message: NewOutboundMessage) => Op<SmsMessage>
  /**
   * Applies a provider status, idempotently and in any order: it lands only if it ranks above the
   * message's current status. Also sets the provider id if the message had none. None if unknown.
   */
  readonly applyDeliveryStatus: (update: DeliveryUpdate) => Op<Option.Option<SmsMessage>>
  readonly setConversationStatus: (
    conversationId: string,
    status: ConversationStatus,
  ) => Op<Option.Option<Conversation>>
  readonly assignConversation: (
    conversationId: string,
    agentId: AgentId | null,
  ) => Op<Option.Option<Conversation>>
  readonly markConversationRead: (conversationId: string) => Op<Option.Option<Conversation>>
  /**
   * Most urgent first: priority (high, normal, low), then the latest message (a conversation with none
   * last), then id; `after` starts past a position, so pages never repeat or skip a conversation.
   */
  readonly listConversations: (filter: ConversationFilter) => Op<ReadonlyArray<Conversation>>
  /** A conversation's messages, oldest first (the last `limit`). */
  readonly conversationMessages: (conversationId: string, limit: number) => Op<ReadonlyArray<SmsMessage>>
  /**
   * The conversations of these leads, each with its last `limit` messages oldest first: the texts an
   * agent sees beside a lead. Conversations are ordered by their latest message (oldest first).
   */
  readonly leadConversations: (
    leadIds: ReadonlyArray<LeadId>,
    limit: number,
  ) => Op<
    ReadonlyArray<{ readonly conversation: Conversation; readonly messages: ReadonlyArray<SmsMessage> }>
  >
}

export class MessagingStore extends Context.Tag('@ringlane/core/MessagingStore')<
  MessagingStore,
  MessagingStoreService
>() {}
