import { currentSchema } from '@ringlane/postgres'
import { type Generated, type Kysely, sql } from 'kysely'
import { type Migration, Migrator } from 'kysely/migration'

/** The app's own tables (sign-in), beside the dialler store's; same database, own migrations. */
export interface AppTables {
  app_sessions: {
    id_hash: string
    agent_id: string
    created_at: Date
    expires_at: Date
    last_seen_at: Date
  }
  login_attempts: {
    id: Generated<string>
    key: string
    succeeded: boolean
    at: Date
  }
  account_links: {
    token_hash: string
    agent_id: string
    purpose: 'invite' | 'reset'
    created_by: string
    created_at: Date
    expires_at: Date
    used_at: Date | null
  }
}

const migrations: Record<string, Migration> = {
  '0001_sessions': {
    up: async (db) => {
      await db.schema
        .createTable('app_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('app_sessions_agent').on('app_sessions').column('agent_id').execute()
      await db.schema
        .createTable('login_attempts')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('succeeded', 'boolean', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('login_attempts_key_at')
        .on('login_attempts')
        .columns(['key', 'at'])
        .execute()
    },
  },
  // Invitations and password resets: one-use links whose token only the person holding the link has.
  '0002_account_links': {
    up: async (db) => {
      await db.schema
        .createTable('account_links')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invite', 'reset')`))
        .addColumn('created_by', 'uuid', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .execute()
      await db.schema.createIndex('account_links_agent').on('account_links').column('agent_id').execute()
    },
  },
}

export const migrateAppTables = async (db: Kysely<unknown>) => {
  const result = await new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'app_migrations',
    migrationLockTableName: 'app_migrations_lock',
    // Kysely looks for its tables in every schema unless told which (see the store's migrations).
    ...(await currentSchema(db)),
  }).migrateToLatest()
  if (result.error) throw new Error(`App migration failed: ${String(result.error)}`, { cause: result.error })
}
