import { type Kysely, sql } from 'kysely'

// The compliance record: every answered engine call's outcome per campaign (abandon rates over the
// regulator's rolling window), and every dial decision with the rules it checked and the facts it used.
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('answered_calls')
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('connected', 'abandoned', 'machine')`),
    )
    .execute()
  await db.schema
    .createIndex('answered_calls_campaign')
    .on('answered_calls')
    .columns(['campaign_id', 'answered_at'])
    .execute()

  await db.schema
    .createTable('dial_decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('allowed', 'refused')`))
    .addColumn('agent_id', 'text')
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    .addColumn('entry_id', 'text')
    .addColumn('call_id', 'text')
    .addColumn('phone', 'text')
    .addColumn('profile_id', 'text')
    .addColumn('profile_version', 'text')
    .addColumn('refusals', 'jsonb', (c) => c.notNull())
    .addColumn('checked', 'jsonb', (c) => c.notNull())
    .addColumn('compliance', 'jsonb')
    .execute()
  await db.schema.createIndex('dial_decisions_at').on('dial_decisions').column('decided_at').execute()
  await db.schema
    .createIndex('dial_decisions_campaign')
    .on('dial_decisions')
    .columns(['campaign_id', 'decided_at'])
    .execute()
  await db.schema
    .createIndex('dial_decisions_queue')
    .on('dial_decisions')
    .columns(['queue_id', 'decided_at'])
    .execute()
}
