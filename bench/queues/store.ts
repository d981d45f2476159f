import { createPostgresStores, type PostgresStores } from '@ringlane/postgres'
import pg from 'pg'
import { log } from './measure.ts'

/** The Postgres database the bench owns; dropped and made again for every scale. */
export const STORE_DATABASE = 'ringlane_bench'

/**
 * Connections the store gets. The real store and every baseline share this one pool, so they always
 * run with the same number of connections.
 */
export const POOL_SIZE = 20

export interface BenchStore {
  readonly pool: pg.Pool
  readonly stores: PostgresStores
  close(): Promise<void>
}

export const prepareStore = async (postgresUrl: string, database = STORE_DATABASE): Promise<BenchStore> => {
  const admin = new pg.Client({ connectionString: postgresUrl })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.query(`create database ${database}`)
  } finally {
    await admin.end()
  }
  const url = new URL(postgresUrl)
  url.pathname = `/${database}`
  const pool = new pg.Pool({ connectionString: url.toString(), max: POOL_SIZE })
  const stores = await createPostgresStores({ client: pool })
  log(`store: fresh Postgres database ${database}, migrated, pool of ${POOL_SIZE}`)
  return { pool, stores, close: () => pool.end() }
}

/**
 * A table with the same columns, defaults, checks, indexes (claim order, one claim per lead and per
 * agent) and foreign keys as `queue_entries`, for the bare baselines to write to.
 */
export const createLikeQueueEntries = async (pool: pg.Pool, table: string) => {
  await pool.query(`drop table if exists ${table}`)
  await pool.query(`create table ${table} (like queue_entries including all)`)
  await pool.query(`alter table ${table}
    add foreign key (queue_id) references queues (id),
    add foreign key (claimed_by) references agents (id),
    add foreign key (reserved_for) references agents (id)`)
}
