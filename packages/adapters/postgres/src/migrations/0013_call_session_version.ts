import type { Kysely } from 'kysely'

// Optimistic concurrency for call sessions: a status webhook reads the session, applies the event in
// the application and writes only if nobody moved the session meanwhile, with no lock held across
// round trips. Adding a column with a constant default rewrites no rows.
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .alterTable('call_sessions')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}
