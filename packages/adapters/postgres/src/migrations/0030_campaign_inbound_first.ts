import type { Kysely } from 'kysely'

// Blending (docs/decisions/0028-routing.md): a campaign whose agents take a waiting inbound call
// before the engine dials for them. Off for every campaign that exists, as before.
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .alterTable('campaigns')
    .addColumn('inbound_first', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()
}
