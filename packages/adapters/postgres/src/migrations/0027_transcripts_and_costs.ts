import { type Kysely, sql } from 'kysely'

export const up = async (db: Kysely<unknown>) => {
  // One transcript per recording. Recording and call are referenced as text without foreign keys, as
  // recordings are: transcripts may outlive call data, and an app may keep recordings elsewhere.
  await db.schema
    .createTable('transcripts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('recording_id', 'text', (c) => c.notNull().unique())
    .addColumn('session_id', 'text')
    .addColumn('provider_call_id', 'text', (c) => c.notNull())
    // The recording as its provider knows it, so the job asks the transcription provider without
    // reading the recordings table.
    .addColumn('provider_recording_id', 'text', (c) => c.notNull())
    .addColumn('media_url', 'text')
    .addColumn('duration_seconds', 'integer')
    .addColumn('channels', 'integer')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_transcript_id', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued', 'requested', 'completed', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
    .addColumn('failure_reason', 'text')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create unique index transcripts_provider_transcript on transcripts (provider, provider_transcript_id)
    where provider_transcript_id is not null`.execute(db)
  await db.schema.createIndex('transcripts_session').on('transcripts').column('session_id').execute()
  await db.schema
    .createIndex('transcripts_provider_call')
    .on('transcripts')
    .column('provider_call_id')
    .execute()
  // The job's scan: what is due, oldest first.
  await sql`create index transcripts_due on transcripts (created_at)
    where status in ('queued', 'requested', 'failed')`.execute(db)

  // Turns, one row each, searchable: the English text-search vector is generated from the text and
  // indexed with GIN, so search never reads every turn.
  await db.schema
    .createTable('transcript_turns')
    .addColumn('transcript_id', 'uuid', (c) => c.notNull().references('transcripts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('speaker', 'text', (c) => c.notNull().check(sql`speaker in ('agent', 'customer', 'unknown')`))
    .addColumn('start_seconds', 'double precision', (c) => c.notNull().check(sql`start_seconds >= 0`))
    .addColumn('end_seconds', 'double precision', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('english'::regconfig, text)`).stored(),
    )
    .addPrimaryKeyConstraint('transcript_turns_pk', ['transcript_id', 'position'])
    .addCheckConstraint('transcript_turns_times', sql`end_seconds >= start_seconds`)
    .execute()
  await sql`create index transcript_turns_search on transcript_turns using gin (search)`.execute(db)

  // What the provider charged for a call or a text, as it reported it (after the fact), in its currency.
  await db.schema
    .createTable('provider_costs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('call', 'message')`))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'uuid')
    .addColumn('message_id', 'uuid')
    // Exact money: never a float.
    .addColumn('amount', 'numeric(14, 6)', (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('currency', 'char(3)', (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('units', 'integer', (c) => c.check(sql`units >= 0`))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('priced_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('provider_costs_item', ['kind', 'provider', 'provider_id'])
    .execute()
  await db.schema.createIndex('provider_costs_session').on('provider_costs').column('session_id').execute()
  await db.schema.createIndex('provider_costs_occurred').on('provider_costs').column('occurred_at').execute()
}
