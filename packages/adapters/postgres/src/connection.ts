import {
  Kysely,
  type PGlite,
  PGliteDialect,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
} from 'kysely'

/**
 * What the store runs on: the `pg` Pool or the `@electric-sql/pglite` instance you created. Only the
 * slice Kysely uses is typed, so neither driver is a dependency of this package.
 */
export type StoreClient = PostgresPool | PGlite

const isPGlite = (client: StoreClient): client is PGlite => 'waitReady' in client

/** Statement text → name, for the statements the store runs on every webhook or claim. */
const preparedNames = new Map<string, string>()

/**
 * Marks a fixed statement (raw SQL, run through `CompiledQuery.raw`) to be prepared once per
 * connection on server Postgres: planning it cost as much as running it. Returns the text.
 */
export const prepared = (name: string, text: string) => {
  const known = preparedNames.get(text)
  if (known !== undefined && known !== name) throw new Error(`statement prepared twice: ${known}, ${name}`)
  preparedNames.set(text, name)
  return text
}

/** pg's query by config object, which names (and so prepares) the statement. */
type NamedQuery = (config: {
  readonly name: string
  readonly text: string
  readonly values: ReadonlyArray<unknown>
}) => ReturnType<PostgresPoolClient['query']>

/**
 * The pool as Kysely sees it, with each connection sending the statements marked `prepared` by name.
 * Kysely keeps its connection state per client object, so each pg client gets one wrapper for life.
 */
const preparing = (pool: PostgresPool): PostgresPool => {
  const wrapped = new WeakMap<PostgresPoolClient, PostgresPoolClient>()
  const wrap = (client: PostgresPoolClient): PostgresPoolClient => {
    const named = client.query.bind(client) as unknown as NamedQuery
    return {
      query: ((sqlOrCursor: string, parameters: ReadonlyArray<unknown>) => {
        const name = typeof sqlOrCursor === 'string' ? preparedNames.get(sqlOrCursor) : undefined
        return name === undefined
          ? client.query(sqlOrCursor, parameters)
          : named({ name, text: sqlOrCursor, values: parameters })
      }) as PostgresPoolClient['query'],
      release: (destroy) => client.release(destroy),
    }
  }
  return {
    ...(pool.Client && { Client: pool.Client }),
    options: pool.options,
    end: () => pool.end(),
    connect: async () => {
      const client = await pool.connect()
      let connection = wrapped.get(client)
      if (!connection) {
        connection = wrap(client)
        wrapped.set(client, connection)
      }
      return connection
    },
  }
}

export interface ConnectionOptions {
  /**
   * Prepare the hot statements once per connection (default true). Set false behind a pooler that
   * hands each transaction a different server connection and cannot keep prepared statements
   * (PgBouncer in transaction mode before 1.21).
   */
  readonly preparedStatements?: boolean
}

/** Kysely on either engine: server Postgres through a pg Pool, or embedded PGlite. */
export const connectDiallerStore = <DB>(
  client: StoreClient,
  { preparedStatements = true }: ConnectionOptions = {},
) =>
  new Kysely<DB>({
    dialect: isPGlite(client)
      ? new PGliteDialect({ pglite: client })
      : new PostgresDialect({ pool: preparedStatements ? preparing(client) : client }),
  })
