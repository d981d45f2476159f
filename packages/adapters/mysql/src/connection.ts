import { Kysely, MysqlDialect, type MysqlPool } from 'kysely'

/**
 * Kysely over the replica, given the mysql2 pool you created (callback API: `mysql2`'s createPool).
 * Give it a user that may only SELECT: Ringlane never writes to the source. Queries written for the
 * lead source run unchanged here and on Postgres.
 */
export const connectLeadSource = <DB>(pool: MysqlPool) =>
  new Kysely<DB>({ dialect: new MysqlDialect({ pool }) })
