import { type Kysely, sql } from 'kysely'

const now = sql`now()`

export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .alterTable('agents')
    .addColumn('queue_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute()

  await db.schema
    .createTable('agent_states')
    .addColumn('agent_id', 'uuid', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('offline', 'available', 'on_call', 'wrap_up', 'paused')`),
    )
    .addColumn('reason', 'text')
    .addColumn('since', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()

  await db.schema
    .createTable('queues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('source', 'callbacks')`))
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('threshold', 'integer', (c) => c.notNull())
    .addColumn('cooling_minutes', 'integer', (c) => c.notNull())
    .addColumn('max_entries', 'integer', (c) => c.notNull())
    .addColumn('weights', 'jsonb', (c) => c.notNull())
    .addColumn('current_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('regenerated_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()

  // One row per lead per regeneration. A generation is built aside and made current by one update of
  // `queues.current_generation`, so claims never wait on a regeneration.
  await db.schema
    .createTable('queue_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('queue_id', 'text', (c) => c.notNull().references('queues.id'))
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('reasons', 'jsonb', (c) => c.notNull())
    .addColumn('lead_created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('waiting', 'claimed', 'done', 'skipped')`),
    )
    .addColumn('claimed_by', 'uuid', (c) => c.references('agents.id'))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('reserved_for', 'uuid', (c) => c.references('agents.id'))
    .addColumn('callback_id', 'uuid')
    .addColumn('skip_reason', 'text')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()
  await sql`create index queue_entries_claim_order on queue_entries
    (queue_id, generation, score desc, lead_created_at desc, lead_id) where status = 'waiting'`.execute(db)
  // The guarantees behind "never dialled twice at once" and "one lead per agent", whatever the race.
  await sql`create unique index queue_entries_one_claim_per_lead on queue_entries (lead_id) where status = 'claimed'`.execute(
    db,
  )
  await sql`create unique index queue_entries_one_claim_per_agent on queue_entries (claimed_by) where status = 'claimed'`.execute(
    db,
  )
  await sql`create index queue_entries_claimed_at on queue_entries (claimed_at) where status = 'claimed'`.execute(
    db,
  )

  await db.schema
    .createTable('regeneration_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('lead_activity')
    .addColumn('lead_id', 'text', (c) => c.primaryKey())
    .addColumn('last_contact_at', 'timestamptz')
    .addColumn('attempts_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts_today', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts_day', 'date')
    .addColumn('last_outcome', 'text')
    .addColumn('next_call_after', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()

  await db.schema
    .createTable('lead_conversions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text', (c) => c.notNull().references('queues.id'))
    .addColumn('entry_id', 'uuid')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('converted_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('lead_conversions_lookup')
    .on('lead_conversions')
    .columns(['queue_id', 'lead_id', 'converted_at'])
    .execute()

  await db.schema
    .createTable('opt_outs')
    .addColumn('phone', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('opted_out_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('callbacks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('owner_agent_id', 'uuid', (c) => c.references('agents.id'))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'done', 'cancelled')`),
    )
    .addColumn('created_by', 'uuid', (c) => c.references('agents.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('completed_at', 'timestamptz')
    .execute()
  await sql`create index callbacks_due on callbacks (due_at) where status = 'pending'`.execute(db)
}
