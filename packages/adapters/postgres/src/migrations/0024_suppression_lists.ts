import { type Kysely, sql } from 'kysely'

// Do-not-call lists beside the opt-outs: the internal list and register copies (TPS, CTPS, the US
// national registry). A list row carries the date of its copy, which the profiles' screening rules
// count their maximum age from; an entry row carries why, where from and who.
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('suppression_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('internal', 'register')`))
    .addColumn('screened_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('suppression_entries')
    .addColumn('list_id', 'text', (c) => c.notNull().references('suppression_lists.id').onDelete('cascade'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('suppression_entries_pk', ['list_id', 'phone'])
    .execute()
  // Every dial and text looks a number up across all lists.
  await db.schema.createIndex('suppression_entries_phone').on('suppression_entries').column('phone').execute()
}
