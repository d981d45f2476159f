import { type Agents, type E164, type Leads, Messaging } from '@ringlane/core'
import { Option } from 'effect'
import { type Kysely, type Selectable, sql } from 'kysely'
import { attemptWith, dateOrNull, isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

type ConversationRow = Selectable<DiallerDatabase['sms_conversations']>
type MessageRow = Selectable<DiallerDatabase['sms_messages']>

const attempt = attemptWith(Messaging.MessagingStoreError, 'messaging store')

const toConversation = (row: ConversationRow): Messaging.Conversation => ({
  id: row.id,
  phone: row.phone as E164,
  leadId: row.lead_id as Leads.LeadId | null,
  status: row.status,
  priority: row.priority,
  assignedTo: row.assigned_agent_id as Agents.AgentId | null,
  unreadCount: row.unread_count,
  lastMessageAt: dateOrNull(row.last_message_at),
  lastInboundAt: dateOrNull(row.last_inbound_at),
  lastAgentReplyAt: dateOrNull(row.last_agent_reply_at),
  createdAt: new Date(row.created_at),
})

const toMessage = (row: MessageRow): Messaging.SmsMessage => ({
  id: row.id,
  conversationId: row.conversation_id,
  direction: row.direction,
  body: row.body,
  providerMessageId: row.provider_message_id,
  status: row.status as Messaging.DeliveryStatus,
  errorCode: row.error_code,
  intent: row.intent as Messaging.SmsIntent | null,
  autoReply: row.auto_reply,
  sentBy: row.sent_by as Agents.AgentId | null,
  templateId: row.template_id,
  segments: row.segments,
  encoding: row.encoding as Messaging.SmsEncoding,
  createdAt: new Date(row.created_at),
  statusUpdatedAt: new Date(row.status_updated_at),
})

// The inbox's priorities, least urgent first: a priority's rank is its place here.
const priorities = Messaging.ConversationPriority.literals

const priorityRank = (column: string) =>
  sql<number>`case ${sql.ref(column)} when 'high' then 2 when 'normal' then 1 else 0 end`

/** SMS conversations and messages over a Kysely instance on Postgres or PGlite whose schema is migrated. */
export const messagingStore = (db: Kysely<DiallerDatabase>): Messaging.MessagingStoreService => {
  const conversation = async (id: string) =>
    isUuid(id)
      ? Option.fromNullable(
          await db.selectFrom('sms_conversations').selectAll().where('id', '=', id).executeTakeFirst(),
        ).pipe(Option.map(toConversation))
      : Option.none()

  const updateConversation = (
    operation: string,
    id: string,
    set: Partial<{
      status: Messaging.ConversationStatus
      assigned_agent_id: string | null
      unread_count: number
    }>,
  ) =>
    attempt(operation, async () =>
      isUuid(id)
        ? Option.fromNullable(
            await db
              .updateTable('sms_conversations')
              .set(set)
              .where('id', '=', id)
              .returningAll()
              .executeTakeFirst(),
          ).pipe(Option.map(toConversation))
        : Option.none(),
    )

  return {
    openConversation: (phone, leadId, now) =>
      attempt('open a conversation', async () =>
        toConversation(
          await db
            .insertInto('sms_conversations')
            .values({ phone, lead_id: leadId, created_at: now })
            .onConflict((oc) =>
              oc.column('phone').doUpdateSet({
                lead_id: sql`coalesce(sms_conversations.lead_id, excluded.lead_id)`,
              }),
            )
            .returningAll()
            .executeTakeFirstOrThrow(),
        ),
      ),

    findConversation: (id) => attempt('find a conversation', () => conversation(id)),

    conversationByPhone: (phone) =>
      attempt('find a conversation by number', async () =>
        Option.fromNullable(
          await db.selectFrom('sms_conversations').selectAll().where('phone', '=', phone).executeTakeFirst(),
        ).pipe(Option.map(toConversation)),
      ),

    recordInbound: (message) =>
      attempt('store an inbound message', () =>
        db.transaction().execute(async (trx) => {
          const inserted = await trx
            .insertInto('sms_messages')
            .values({
              conversation_id: message.conversationId,
              direction: 'inbound',
              body: message.body,
              provider_message_id: message.providerMessageId,
              status: 'received',
              status_rank: Messaging.deliveryStatusRank('received'),
              intent: message.intent,
              segments: message.segments,
              encoding: message.encoding,
              created_at: message.receivedAt,
              status_updated_at: message.receivedAt,
            })
            .onConflict((oc) => oc.column('provider_message_id').doNothing())
            .returningAll()
            .executeTakeFirst()
          if (!inserted) {
            const existing = await trx
              .selectFrom('sms_messages')
              .selectAll()
              .where('provider_message_id', '=', message.providerMessageId)
              .executeTakeFirstOrThrow()
            const thread = await trx
              .selectFrom('sms_conversations')
              .selectAll()
              .where('id', '=', existing.conversation_id)
              .executeTakeFirstOrThrow()
            return { message: toMessage(existing), conversation: toConversation(thread), duplicate: true }
          }
          // A thread nobody has read yet keeps its most urgent priority; a read one takes the new one.
          const thread = await trx
            .updateTable('sms_conversations')
            .set({
              unread_count: sql`unread_count + 1`,
              last_message_at: sql`greatest(last_message_at, ${message.receivedAt})`,
              last_inbound_at: sql`greatest(last_inbound_at, ${message.receivedAt})`,
              priority: sql`case when unread_count = 0 or ${priorityRank('priority')} < case ${message.priority}::text when 'high' then 2 when 'normal' then 1 else 0 end then ${message.priority} else priority end`,
              status: sql`case when status = 'closed' then 'active' else status end`,
            })
            .where('id', '=', message.conversationId)
            .returningAll()
            .executeTakeFirstOrThrow()
          return { message: toMessage(inserted), conversation: toConversation(thread), duplicate: false }
        }),
      ),

    recordOutbound: (message) =>
      attempt('store an outbound message', () =>
        db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('sms_messages')
            .values({
              conversation_id: message.conversationId,
              direction: 'outbound',
              body: message.body,
              status: 'pending',
              status_rank: Messaging.deliveryStatusRank('pending'),
              auto_reply: message.autoReply,
              sent_by: message.sentBy,
              template_id: message.templateId,
              segments: message.segments,
              encoding: message.encoding,
              created_at: message.createdAt,
              status_updated_at: message.createdAt,
            })
            .returningAll()
            .executeTakeFirstOrThrow()
          const byAgent = message.sentBy !== null && !message.autoReply
          await trx
            .updateTable('sms_conversations')
            .set({
              last_message_at: sql`greatest(last_message_at, ${message.createdAt})`,
              ...(byAgent && { last_agent_reply_at: message.createdAt }),
            })
            .where('id', '=', message.conversationId)
            .execute()
          return toMessage(row)
        }),
      ),

    applyDeliveryStatus: (update) =>
      attempt('apply a delivery status', async () => {
        const messageId = update.messageId !== null && isUuid(update.messageId) ? update.messageId : null
        if (messageId === null && update.providerMessageId === null) return Option.none()
        const rank = Messaging.deliveryStatusRank(update.status)
        const target = (q: 'id' | 'provider_message_id') =>
          q === 'id' ? messageId : update.providerMessageId
        const key = messageId !== null ? 'id' : 'provider_message_id'
        const updated = await db
          .updateTable('sms_messages')
          .set({
            status: update.status,
            status_rank: rank,
            error_code: sql`coalesce(${update.errorCode}, error_code)`,
            provider_message_id: sql`coalesce(provider_message_id, ${update.providerMessageId})`,
            status_updated_at: update.at,
          })
          .where(key, '=', target(key) as string)
          .where('status_rank', '<', rank)
          .returningAll()
          .executeTakeFirst()
        if (updated) return Option.some(toMessage(updated))
        // Not applied: the message already has this status or a later one (or is not ours).
        const current = await db
          .selectFrom('sms_messages')
          .selectAll()
          .where(key, '=', target(key) as string)
          .executeTakeFirst()
        return Option.fromNullable(current).pipe(Option.map(toMessage))
      }),

    setConversationStatus: (id, status) => updateConversation('change a conversation status', id, { status }),
    assignConversation: (id, agentId) =>
      updateConversation('assign a conversation', id, { assigned_agent_id: agentId }),
    markConversationRead: (id) => updateConversation('mark a conversation read', id, { unread_count: 0 }),

    listConversations: (filter) =>
      attempt('list conversations', async () => {
        const rank = priorityRank('priority')
        // No message yet sorts as the epoch: after every real one, as "nulls last" would.
        const latest = sql<Date>`coalesce(last_message_at, 'epoch'::timestamptz)`
        let query = db
          .selectFrom('sms_conversations')
          .selectAll()
          .orderBy(rank, 'desc')
          .orderBy(latest, 'desc')
          .orderBy('id')
          .limit(filter.limit)
        if (filter.status) query = query.where('status', '=', filter.status)
        if (filter.assignedTo) query = query.where('assigned_agent_id', '=', filter.assignedTo)
        if (filter.unreadOnly) query = query.where('unread_count', '>', 0)
        const after = filter.after
        if (after) {
          // Past the position in the inbox's order: a lower priority, or the same and an older latest
          // message, or both the same and a later id (the directions differ, so no row comparison).
          const afterRank = priorities.indexOf(after.priority)
          const afterAt = after.lastMessageAt ?? new Date(0)
          query = query.where((eb) =>
            eb.or([
              eb(rank, '<', afterRank),
              eb.and([
                eb(rank, '=', afterRank),
                eb.or([
                  eb(latest, '<', afterAt),
                  eb.and([eb(latest, '=', afterAt), eb('id', '>', after.id)]),
                ]),
              ]),
            ]),
          )
        }
        return (await query.execute()).map(toConversation)
      }),

    conversationMessages: (conversationId, limit) =>
      attempt('list a conversation’s messages', async () => {
        if (!isUuid(conversationId)) return []
        const rows = await db
          .selectFrom('sms_messages')
          .selectAll()
          .where('conversation_id', '=', conversationId)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .execute()
        return rows.reverse().map(toMessage)
      }),

    leadConversations: (leadIds, limit) =>
      attempt('list the texts of leads', async () => {
        if (leadIds.length === 0) return []
        const conversations = await db
          .selectFrom('sms_conversations')
          .selectAll()
          .where('lead_id', 'in', [...new Set(leadIds)])
          .orderBy(sql`last_message_at asc nulls first`)
          .orderBy('id')
          .execute()
        if (conversations.length === 0) return []
        // The last `limit` of each conversation, in one query.
        const messages = await db
          .selectFrom((eb) =>
            eb
              .selectFrom('sms_messages')
              .selectAll()
              .select(
                sql<number>`row_number() over (partition by conversation_id order by created_at desc, id desc)`.as(
                  'newest',
                ),
              )
              .where(
                'conversation_id',
                'in',
                conversations.map((c) => c.id),
              )
              .as('m'),
          )
          .selectAll()
          .where('newest', '<=', limit)
          .orderBy('created_at')
          .orderBy('id')
          .execute()
        return conversations.map((row) => ({
          conversation: toConversation(row),
          messages: messages.filter((m) => m.conversation_id === row.id).map(toMessage),
        }))
      }),
  }
}
