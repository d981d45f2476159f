/**
 * @ringlane/postgres: the dialler store on Kysely, over server Postgres (`pg`) or embedded PGlite.
 */
export { connectDiallerStore, type StoreClient } from './connection.js'
export { MigrationFailed, migrateToLatest, migrations } from './migrations/index.js'
