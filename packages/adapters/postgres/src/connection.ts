import { Kysely, type PGlite, PGliteDialect, PostgresDialect, type PostgresPool } from 'kysely'

/**
 * What the store runs on: the `pg` Pool or the `@electric-sql/pglite` instance you created. Only the
 * slice Kysely uses is typed, so neither driver is a dependency of this package.
 */
export type StoreClient = PostgresPool | PGlite

const isPGlite = (client: StoreClient): client is PGlite => 'waitReady' in client

/** Kysely on either engine: server Postgres through a pg Pool, or embedded PGlite. */
export const connectDiallerStore = <DB>(client: StoreClient) =>
  new Kysely<DB>({
    dialect: isPGlite(client) ? new PGliteDialect({ pglite: client }) : new PostgresDialect({ pool: client }),
  })
