/**
 * @ringlane/postgres: every store Ringlane keeps (agents, queues, contact history, suppression, calls,
 * recordings, messaging, magic links, audit, analytics, campaigns) on Kysely, over server Postgres (`pg`) or
 * embedded PGlite, from one client and one migration run; a lead source on the same engines; and the
 * job runner on pg-boss (an optional peer dependency, loaded only when jobs start).
 */
export { type ConnectionOptions, connectDiallerStore, type StoreClient } from './connection.js'
export { type LeaderSession, postgresCallRate, postgresPacingLeadership } from './engine-coordination.js'
export {
  type JobDatabase,
  type JobRun,
  type JobRunner,
  type JobRunnerOptions,
  type JobSource,
  type JobSummary,
  type PGliteJobClient,
  pgliteJobDatabase,
  startJobRunner,
} from './job-runner.js'
export { leadSourceLayer, type PostgresLeadSourceOptions, postgresLeadSource } from './lead-source.js'
export { currentSchema, MigrationFailed, migrateToLatest, migrations } from './migrations/index.js'
export { copyRowsIntoPGlite, type PGliteWithBlobs } from './pglite-copy.js'
export type { DiallerDatabase } from './schema.js'
export {
  createPostgresStores,
  layer,
  type PostgresStores,
  type PostgresStoresOptions,
  postgresStores,
} from './stores.js'
