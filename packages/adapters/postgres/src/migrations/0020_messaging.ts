import { type Kysely, sql } from 'kysely'

export const up = async (db: Kysely<unknown>) => {
  // One conversation per normalized number: the unique phone makes "find or open" a single upsert.
  await db.schema
    .createTable('sms_conversations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('phone', 'text', (c) => c.notNull().unique())
    .addColumn('lead_id', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'closed', 'opted_out')`),
    )
    .addColumn('priority', 'text', (c) =>
      c.notNull().defaultTo('normal').check(sql`priority in ('low', 'normal', 'high')`),
    )
    .addColumn('assigned_agent_id', 'uuid', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('unread_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'timestamptz')
    .addColumn('last_inbound_at', 'timestamptz')
    .addColumn('last_agent_reply_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('sms_conversations_inbox')
    .on('sms_conversations')
    .columns(['status', 'last_message_at'])
    .execute()
  await db.schema.createIndex('sms_conversations_lead').on('sms_conversations').column('lead_id').execute()

  await db.schema
    .createTable('sms_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('conversation_id', 'uuid', (c) =>
      c.notNull().references('sms_conversations.id').onDelete('cascade'),
    )
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    // The status's rank (see Messaging.deliveryStatusRank): updates land only on a higher rank.
    .addColumn('status_rank', 'smallint', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('intent', 'text')
    .addColumn('auto_reply', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('sent_by', 'uuid', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('template_id', 'text')
    .addColumn('segments', 'smallint', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sms_messages_conversation')
    .on('sms_messages')
    .columns(['conversation_id', 'created_at'])
    .execute()
}
