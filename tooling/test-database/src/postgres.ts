import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { isStale, uniqueName } from './names.js'

export interface TestPostgres {
  readonly engine: 'pglite' | 'postgres'
  /** Give this to the code under test: a pg Pool bound to this file's schema, or a PGlite. */
  readonly client: pg.Pool | PGlite
  /** The schema every table lives in (`public` on PGlite, a fresh one on a server). */
  readonly schema: string
  /** Raw SQL for assertions that check what was really stored, not what an adapter says. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>
  /** Empties every table of the schema except those named, for a clean slate between tests. */
  truncateAll(keep?: readonly string[]): Promise<void>
  close(): Promise<void>
}

const connectFailure = (url: string, cause: unknown) =>
  new Error(
    `TEST_DATABASE_URL is set but Postgres at ${new URL(url).host} could not be reached: ${
      cause instanceof Error ? cause.message : String(cause)
    }. Start the server or unset TEST_DATABASE_URL to use embedded PGlite.`,
    { cause },
  )

const serverPostgres = async (url: string): Promise<TestPostgres> => {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect().catch((cause) => {
    throw connectFailure(url, cause)
  })
  const schema = uniqueName()
  try {
    const { rows } = await admin.query<{ nspname: string }>(
      "select nspname from pg_namespace where nspname like 'rl\\_test\\_%'",
    )
    for (const { nspname } of rows.filter((row) => isStale(row.nspname))) {
      await admin.query(`drop schema if exists "${nspname}" cascade`)
    }
    await admin.query(`create schema "${schema}"`)
  } finally {
    await admin.end()
  }
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 10 })
  const query = async <Row>(sql: string, params?: unknown[]) =>
    (await pool.query(sql, params as unknown[])).rows as Row[]
  return {
    engine: 'postgres',
    client: pool,
    schema,
    query,
    truncateAll: (keep = []) => truncateAll(query, schema, keep),
    close: async () => {
      await pool.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined)
      await pool.end()
    },
  }
}

const embeddedPostgres = async (): Promise<TestPostgres> => {
  const db = await PGlite.create()
  const query = async <Row>(sql: string, params?: unknown[]) =>
    (await db.query<Row>(sql, params as unknown[])).rows
  return {
    engine: 'pglite',
    client: db,
    schema: 'public',
    query,
    truncateAll: (keep = []) => truncateAll(query, 'public', keep),
    close: () => db.close(),
  }
}

const truncateAll = async (query: TestPostgres['query'], schema: string, keep: readonly string[]) => {
  const tables = await query<{ tablename: string }>('select tablename from pg_tables where schemaname = $1', [
    schema,
  ])
  const names = tables.map((t) => t.tablename).filter((name) => !keep.includes(name))
  if (names.length === 0) return
  await query(`truncate ${names.map((name) => `"${schema}"."${name}"`).join(', ')} restart identity cascade`)
}

export type PostgresEngine = 'pglite' | 'postgres'

/** The engines this run tests: always PGlite, and server Postgres when TEST_DATABASE_URL is set. */
export const postgresEngines = (): PostgresEngine[] =>
  process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/**
 * One isolated Postgres for a test file; close it in `afterAll`. Without an engine: the server when
 * TEST_DATABASE_URL is set, else PGlite.
 */
export const createTestPostgres = (
  engine: PostgresEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
): Promise<TestPostgres> => {
  if (engine === 'pglite') return embeddedPostgres()
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is not set: there is no server Postgres to test against.')
  return serverPostgres(url)
}
