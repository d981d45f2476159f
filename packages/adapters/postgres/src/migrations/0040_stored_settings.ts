import { type Kysely, sql } from 'kysely'

export const up = async (db: Kysely<unknown>) => {
  // Settings supervisors change in the app (queue tuning, dispositions, retention): one JSON document
  // per setting, its version counting the changes; the audit log keeps who changed what from what.
  await db.schema
    .createTable('stored_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute()
}

export const down = async (db: Kysely<unknown>) => {
  await db.schema.dropTable('stored_settings').execute()
}
