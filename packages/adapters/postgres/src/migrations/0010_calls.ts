import { type Kysely, sql } from 'kysely'

export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('call_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.id'))
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'uuid', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_call_id', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('initiated', 'queued', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled')`,
        ),
    )
    .addColumn('answered_by', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ringing_at', 'timestamptz')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('ring_seconds', 'integer')
    .addColumn('talk_seconds', 'integer')
    .addColumn('end_reason', 'text')
    .execute()
  await sql`create unique index call_sessions_provider_call on call_sessions (provider, provider_call_id) where provider_call_id is not null`.execute(
    db,
  )
  await db.schema
    .createIndex('call_sessions_lead')
    .on('call_sessions')
    .columns(['lead_id', 'started_at'])
    .execute()
  await db.schema.createIndex('call_sessions_started').on('call_sessions').column('started_at').execute()
  await sql`create index call_sessions_open on call_sessions (agent_id) where status in ('initiated', 'queued', 'ringing', 'in-progress')`.execute(
    db,
  )

  // Append-only: what providers said, once per call leg and status.
  await db.schema
    .createTable('call_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('call_sessions.id'))
    .addColumn('provider_call_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_by', 'text')
    .addColumn('duration_seconds', 'integer')
    .addColumn('error_code', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('call_events_once', ['session_id', 'provider_call_id', 'status'])
    .execute()

  await db.schema
    .createTable('call_outcomes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('session_id', 'uuid', (c) => c.notNull().unique().references('call_sessions.id'))
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.id'))
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('disposition', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('callback_id', 'uuid', (c) => c.references('callbacks.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('call_outcomes_recorded').on('call_outcomes').column('recorded_at').execute()
}
