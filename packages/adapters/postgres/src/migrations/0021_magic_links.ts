import { type Kysely, sql } from 'kysely'

export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('magic_links')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // SHA-256 of the token, hex; the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('link_type', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'uuid', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('call_session_id', 'text')
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('single_use', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .addColumn('access_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_accessed_at', 'timestamptz')
    .addColumn('last_accessed_at', 'timestamptz')
    .addColumn('last_user_agent', 'text')
    .addColumn('last_ip', 'text')
    .addColumn('converted_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('magic_links_lead')
    .on('magic_links')
    .columns(['lead_id', 'issued_at'])
    .execute()
  await db.schema
    .createIndex('magic_links_issued')
    .on('magic_links')
    .columns(['issued_at', 'issued_by'])
    .execute()
}
