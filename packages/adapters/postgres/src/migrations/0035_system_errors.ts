import { type Kysely, sql } from 'kysely'

export const up = async (db: Kysely<unknown>) => {
  // System errors kept from the domain events for the quality page: append-only, read by day.
  await db.schema
    .createTable('system_errors')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('failed-call', 'rejected-webhook', 'recording-fetch-failed', 'provider-error', 'validation-refused')`,
        ),
    )
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('lead_id', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('system_errors_occurred').on('system_errors').column('occurred_at').execute()
}

export const down = async (db: Kysely<unknown>) => {
  await db.schema.dropTable('system_errors').execute()
}
