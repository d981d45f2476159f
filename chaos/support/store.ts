/**
 * The app's own database, reached from outside the app: a fresh server Postgres database per run, or
 * the embedded PGlite in the app's data dir (only while the app is stopped: PGlite is single-process).
 * Accounts are made here before the app starts, through the SDK's store, with the app's own hashing.
 */
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { createPostgresStores, type StoreClient } from '@ringlane/postgres'
import { Effect } from 'effect'
import pg from 'pg'
import { hashPassword } from '../../examples/remix-dialler/app/server/passwords.server.ts'

export const PASSWORD = 'chaos-password-1'

/** A database of its own on the server at `url` (dropped first when a crashed run left it). */
export const freshDatabase = async (url: string, name: string) => {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const target = new URL(url)
  target.pathname = `/${name}`
  return {
    url: target.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: url })
      await again.connect()
      await again.query(`drop database if exists ${name} with (force)`).catch(() => undefined)
      await again.end()
    },
  }
}

/** Where the app keeps its store: a server database URL, or the embedded one's data dir. */
export type StoreAt = { readonly url: string } | { readonly dataDir: string }

/** Opens the app's store (migrating it when new); `close` when done. */
export const openStore = async (at: StoreAt) => {
  const client: StoreClient =
    'url' in at
      ? new pg.Pool({ connectionString: at.url, max: 4 })
      : await PGlite.create(join(at.dataDir, 'store'))
  const stores = await createPostgresStores({ client })
  const query = async <Row>(text: string, params: unknown[] = []) =>
    'query' in client && client instanceof pg.Pool
      ? ((await client.query(text, params)).rows as Row[])
      : ((await (client as PGlite).query<Row>(text, params)).rows as Row[])
  return {
    client,
    stores,
    query,
    close: () => ('end' in client ? client.end() : (client as PGlite).close()),
  }
}

export interface Account {
  readonly id: string
  readonly email: string
  readonly role: 'agent' | 'supervisor' | 'admin'
}

/** Makes accounts (all with PASSWORD, hashed once), each working every queue. */
export const createAccounts = async (
  at: StoreAt,
  wanted: ReadonlyArray<{ readonly email: string; readonly role: Account['role'] }>,
): Promise<Account[]> => {
  const store = await openStore(at)
  try {
    const passwordHash = await hashPassword(PASSWORD)
    const made: Account[] = []
    for (const { email, role } of wanted) {
      const agent = await Effect.runPromise(
        store.stores.agents.createAgent({ email, displayName: email, role, queueIds: [], passwordHash }),
      )
      made.push({ id: agent.id, email, role })
    }
    return made
  } finally {
    await store.close()
  }
}

/** Every table of the schema with its row count, to prove that something wrote nothing. */
export const rowCounts = async (
  query: <Row>(text: string, params?: unknown[]) => Promise<Row[]>,
  schema = 'public',
) => {
  const tables = await query<{ tablename: string }>(
    'select tablename from pg_tables where schemaname = $1 order by tablename',
    [schema],
  )
  const counts: Record<string, number> = {}
  for (const { tablename } of tables) {
    const [row] = await query<{ n: number }>(`select count(*)::int as n from "${schema}"."${tablename}"`)
    counts[tablename] = row?.n ?? 0
  }
  return counts
}

/** Tables whose counts differ between two `rowCounts`. */
export const changedTables = (before: Record<string, number>, after: Record<string, number>) =>
  Object.keys({ ...before, ...after })
    .filter((table) => before[table] !== after[table])
    .map((table) => ({ table, before: before[table] ?? 0, after: after[table] ?? 0 }))
