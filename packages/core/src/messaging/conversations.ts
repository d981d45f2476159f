import { Effect, Option, Schema } from 'effect'
import { activeAgentIfStored } from '../agents/active-agent.js'
import { decodeRankedCursor, InvalidCursor, type Page, pageOf } from '../kernel/cursor.js'
import { decodeWith } from '../kernel/decode.js'
import { AgentId, LeadId } from '../kernel/ids.js'
import { deliver } from './deliver.js'
import { ConversationNotFound, InvalidSmsRequest } from './errors.js'
import { ConversationPriority } from './intent.js'
import { MessagingConfig } from './messaging-config.js'
import {
  type Conversation,
  type ConversationFilter,
  ConversationStatus,
  type InboxPosition,
  MessagingStore,
} from './messaging-store.js'
import { checkLength } from './templates.js'

const ConversationId = Schema.UUID.annotations({ message: () => 'conversationId must be a UUID' })

const decode = <A, I>(schema: Schema.Schema<A, I>) =>
  decodeWith(schema, (issue) => new InvalidSmsRequest(issue))

// Decoded as a field, so the error names it.
const conversationIdOf = (conversationId: string) =>
  Effect.map(
    decode(Schema.Struct({ conversationId: ConversationId }))({ conversationId }),
    (r) => r.conversationId,
  )

const existing = (conversationId: string) =>
  Effect.gen(function* () {
    const id = yield* conversationIdOf(conversationId)
    const found = yield* Effect.flatMap(MessagingStore, (store) => store.findConversation(id))
    if (Option.isNone(found)) {
      return yield* new ConversationNotFound({
        conversationId,
        message: `There is no SMS conversation ${conversationId}`,
      })
    }
    return found.value
  })

const orMissing =
  (conversationId: string) =>
  <A, E, R>(found: Effect.Effect<Option.Option<A>, E, R>) =>
    Effect.flatMap(found, (option) =>
      Option.isSome(option)
        ? Effect.succeed(option.value)
        : Effect.fail(
            new ConversationNotFound({
              conversationId,
              message: `There is no SMS conversation ${conversationId}`,
            }),
          ),
    )

export const ReplyRequest = Schema.Struct({
  conversationId: ConversationId,
  agentId: AgentId,
  body: Schema.String.pipe(Schema.minLength(1, { message: () => 'body must not be empty' })),
})
export type ReplyRequest = typeof ReplyRequest.Encoded

/** An agent answers in a conversation. Refused for an opted-out number, like every text. */
export const replyInConversation = (input: ReplyRequest) =>
  Effect.gen(function* () {
    const request = yield* decode(ReplyRequest)(input)
    const conversation = yield* existing(request.conversationId)
    yield* activeAgentIfStored(request.agentId)
    const { maxSegments } = yield* MessagingConfig
    const sms = yield* checkLength(request.body, maxSegments, 'body')
    const message = yield* deliver({
      conversation,
      sms,
      sentBy: request.agentId,
      autoReply: false,
      templateId: null,
    })
    // Answering is reading: the agent saw what they answered.
    yield* Effect.flatMap(MessagingStore, (store) => store.markConversationRead(conversation.id))
    return message
  })

/** Gives a conversation to an agent (or back to everyone with null). */
export const assignConversation = (conversationId: string, agentId: string | null) =>
  Effect.gen(function* () {
    const id = yield* conversationIdOf(conversationId)
    const { agentId: agent } = yield* decode(Schema.Struct({ agentId: Schema.NullOr(AgentId) }))({ agentId })
    yield* activeAgentIfStored(agent)
    const store = yield* MessagingStore
    return yield* store.assignConversation(id, agent).pipe(orMissing(conversationId))
  })

export const markConversationRead = (conversationId: string) =>
  Effect.gen(function* () {
    const id = yield* conversationIdOf(conversationId)
    const store = yield* MessagingStore
    return yield* store.markConversationRead(id).pipe(orMissing(conversationId))
  })

/**
 * Closes or reopens a conversation. `opted_out` is not set by hand: only the person's STOP sets it and
 * only their START lifts it, so an agent cannot reopen texting to someone who said stop.
 */
export const setConversationStatus = (conversationId: string, status: 'active' | 'closed') =>
  Effect.gen(function* () {
    const conversation = yield* existing(conversationId)
    const { status: wanted } = yield* decode(Schema.Struct({ status: Schema.Literal('active', 'closed') }))({
      status,
    })
    if (conversation.status === 'opted_out') {
      return yield* new InvalidSmsRequest({
        field: 'status',
        message: `status: conversation ${conversationId} is opted out; it reopens when the person texts START`,
      })
    }
    const store = yield* MessagingStore
    return yield* store.setConversationStatus(conversation.id, wanted).pipe(orMissing(conversationId))
  })

export const ConversationQuery = Schema.Struct({
  status: Schema.optional(ConversationStatus),
  assignedTo: Schema.optional(AgentId),
  unreadOnly: Schema.optional(Schema.Boolean),
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 500)), { default: () => 50 }),
})
export type ConversationQuery = typeof ConversationQuery.Encoded

/** The SMS inbox: most urgent first (priority, then the latest message). */
export const listConversations = (query: ConversationQuery = {}) =>
  Effect.gen(function* () {
    const filter: ConversationFilter = yield* decode(ConversationQuery)(query)
    return yield* Effect.flatMap(MessagingStore, (store) => store.listConversations(filter))
  })

export const PagedConversationQuery = Schema.Struct({
  ...ConversationQuery.fields,
  cursor: Schema.optional(Schema.String.pipe(Schema.maxLength(400))),
})
export type PagedConversationQuery = typeof PagedConversationQuery.Encoded

// The inbox's order as a cursor's rank: the most urgent ranks highest.
const priorities = ConversationPriority.literals
const NO_MESSAGE = new Date(0)

const isConversationId = Schema.is(Schema.UUID)

/** The inbox position a cursor stands for; one with no such priority or id is not ours. */
const positionOf = (cursor: string) =>
  Effect.flatMap(
    decodeRankedCursor(cursor),
    ({ rank, at, id }): Effect.Effect<InboxPosition, InvalidCursor> => {
      const priority = priorities[rank]
      return priority === undefined || !isConversationId(id)
        ? new InvalidCursor({
            field: 'cursor',
            message: 'cursor: not a cursor from this list; start from the first page',
          })
        : Effect.succeed({ priority, lastMessageAt: +at === +NO_MESSAGE ? null : at, id })
    },
  )

/**
 * The SMS inbox a page at a time, in its order (priority, the latest message, id), with the cursor of
 * the next page (null on the last). Rejects `InvalidSmsRequest` naming the field, or `InvalidCursor`.
 */
export const pageConversations = (query: PagedConversationQuery = {}) =>
  Effect.gen(function* () {
    const { cursor, ...filter } = yield* decode(PagedConversationQuery)(query)
    const after = cursor === undefined ? null : yield* positionOf(cursor)
    const rows = yield* Effect.flatMap(MessagingStore, (store) =>
      store.listConversations({ ...filter, after, limit: filter.limit + 1 }),
    )
    return pageOf(rows, filter.limit, (c) => ({
      rank: priorities.indexOf(c.priority),
      at: c.lastMessageAt ?? NO_MESSAGE,
      id: c.id,
    })) as Page<Conversation>
  })

/** A conversation with its latest messages, oldest first. */
export const conversationThread = (conversationId: string, limit = 100) =>
  Effect.gen(function* () {
    const conversation = yield* existing(conversationId)
    const messages = yield* Effect.flatMap(MessagingStore, (store) =>
      store.conversationMessages(conversation.id, Math.min(Math.max(limit, 1), 1000)),
    )
    return { conversation, messages }
  })

/**
 * The texts beside these leads (at most 500 of them): each lead's conversations with their last
 * `limit` messages (20 by default), oldest first. A malformed lead id is refused, naming it.
 */
export const leadThreads = (leadIds: ReadonlyArray<string>, limit = 20) =>
  Effect.gen(function* () {
    const { leadIds: ids } = yield* decode(
      Schema.Struct({ leadIds: Schema.Array(LeadId).pipe(Schema.maxItems(500)) }),
    )({ leadIds })
    return yield* Effect.flatMap(MessagingStore, (store) =>
      store.leadConversations(ids, Math.min(Math.max(limit, 1), 1000)),
    )
  })
