import { type Kysely, sql } from 'kysely'

export const up = async (db: Kysely<unknown>) => {
  // One row per provider recording, whatever became of its media. The call session is referenced by
  // our session id and the provider's call id as text, without foreign keys: a recording webhook may
  // arrive before its call session is written, and recordings may outlive call data.
  await db.schema
    .createTable('recordings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_recording_id', 'text', (c) => c.notNull())
    .addColumn('provider_call_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('fetching', 'stored', 'failed', 'unavailable', 'deleted')`),
    )
    .addColumn('media_url', 'text')
    .addColumn('storage_path', 'text')
    .addColumn('content_type', 'text')
    .addColumn('size_bytes', 'bigint', (c) => c.check(sql`size_bytes >= 0`))
    .addColumn('duration_seconds', 'integer', (c) => c.check(sql`duration_seconds >= 0`))
    .addColumn('channels', 'integer')
    .addColumn('fetch_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure_reason', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('stored_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    // Duplicate webhooks become one row: the pipeline inserts `on conflict do nothing`.
    .addUniqueConstraint('recordings_provider_recording', ['provider', 'provider_recording_id'])
    // A stored recording always says where its media is.
    .addCheckConstraint(
      'recordings_stored_has_media',
      sql`status <> 'stored' or (storage_path is not null and size_bytes is not null)`,
    )
    .execute()
  await db.schema.createIndex('recordings_session').on('recordings').column('session_id').execute()
  await db.schema
    .createIndex('recordings_provider_call')
    .on('recordings')
    .column('provider_call_id')
    .execute()
  await sql`create index recordings_retry on recordings (updated_at) where status in ('failed', 'fetching')`.execute(
    db,
  )
  await sql`create index recordings_retention on recordings (recorded_at) where status <> 'deleted'`.execute(
    db,
  )
  await db.schema
    .createIndex('recordings_status_recorded')
    .on('recordings')
    .columns(['status', 'recorded_at'])
    .execute()
}
