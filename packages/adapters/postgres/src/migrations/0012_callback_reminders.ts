import { type Kysely, sql } from 'kysely'

export const up = async (db: Kysely<unknown>) => {
  await db.schema.alterTable('callbacks').addColumn('reminded_at', 'timestamptz').execute()
  await sql`create index callbacks_to_remind on callbacks (due_at) where status = 'pending' and reminded_at is null`.execute(
    db,
  )
}
