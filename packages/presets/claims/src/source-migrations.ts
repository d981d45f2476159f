import { type Kysely, MysqlAdapter, sql } from 'kysely'
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration'

/**
 * The claims source schema, for the embedded demo and for tests: the same tables on MySQL/MariaDB and
 * on Postgres/PGlite. A production replica already has its own schema; Ringlane never writes to it.
 */
const isMysql = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof MysqlAdapter

const timestamp = (db: Kysely<unknown>) => (isMysql(db) ? sql`datetime(3)` : sql`timestamptz`)

const initial: Migration = {
  up: async (db) => {
    const ts = timestamp(db)
    await db.schema
      .createTable('users')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('first_name', 'varchar(100)', (c) => c.notNull())
      .addColumn('last_name', 'varchar(100)', (c) => c.notNull())
      .addColumn('email', 'varchar(255)')
      .addColumn('phone_number', 'varchar(32)', (c) => c.notNull())
      .addColumn('is_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('current_user_address_id', 'bigint')
      .addColumn('current_signature_file_id', 'bigint')
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute()
    await db.schema.createIndex('users_created_at').on('users').column('created_at').execute()
    await db.schema
      .createTable('user_addresses')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('user_id', 'bigint', (c) => c.notNull())
      .addColumn('full_address', 'varchar(255)', (c) => c.notNull())
      .addColumn('post_code', 'varchar(10)', (c) => c.notNull())
      .addColumn('county', 'varchar(100)')
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('claims')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('user_id', 'bigint', (c) => c.notNull())
      .addColumn('reference', 'varchar(32)', (c) => c.notNull())
      .addColumn('status', 'varchar(32)', (c) => c.notNull())
      .addColumn('lender', 'varchar(100)', (c) => c.notNull())
      .addColumn('estimated_value', 'integer', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute()
    await db.schema.createIndex('claims_user_id').on('claims').column('user_id').execute()
    await db.schema
      .createTable('claim_requirements')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('claim_id', 'bigint', (c) => c.notNull())
      .addColumn('type', 'varchar(50)', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('completed_at', ts)
      .execute()
    await db.schema
      .createIndex('claim_requirements_claim_status')
      .on('claim_requirements')
      .columns(['claim_id', 'status'])
      .execute()
  },
}

/** The hours a person asked to be called in (seed 000's preferred call time), null when they did not say. */
const preferredCallTime: Migration = {
  up: async (db) => {
    await db.schema.alterTable('users').addColumn('preferred_call_from_hour', 'smallint').execute()
    await db.schema.alterTable('users').addColumn('preferred_call_to_hour', 'smallint').execute()
  },
}

export const claimsSourceMigrations: Record<string, Migration> = {
  '0001_claims_source': initial,
  '0002_preferred_call_time': preferredCallTime,
}

/** Creates or updates the demo/test claims source schema. */
export const migrateClaimsSource = async (db: Kysely<unknown>): Promise<MigrationResultSet> => {
  const result = await new Migrator({
    db,
    provider: { getMigrations: async () => claimsSourceMigrations },
    migrationTableName: 'ringlane_source_migrations',
    migrationLockTableName: 'ringlane_source_migrations_lock',
  }).migrateToLatest()
  if (result.error)
    throw new Error(`Claims source migration failed: ${String(result.error)}`, { cause: result.error })
  return result
}
