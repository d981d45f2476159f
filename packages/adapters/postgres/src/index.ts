/**
 * @ringlane/postgres: the dialler store on Kysely, over server Postgres (`pg`) or embedded PGlite, and
 * a lead source on the same engines.
 */
export { auditLog, auditLogLayer } from './audit-log.js'
export { callStore, callStoreLayer, createPostgresCallStore } from './calls-store.js'
export { type ConnectionOptions, connectDiallerStore, type StoreClient } from './connection.js'
export { leadSourceLayer, type PostgresLeadSourceOptions, postgresLeadSource } from './lead-source.js'
export { createPostgresMagicLinkStore, magicLinkStore, magicLinkStoreLayer } from './magic-link-store.js'
export {
  createPostgresMessagingStore,
  messagingStore,
  messagingStoreLayer,
  type PostgresMessagingStoreOptions,
} from './messaging-store.js'
export { MigrationFailed, migrateToLatest, migrations } from './migrations/index.js'
export { copyRowsIntoPGlite, type PGliteWithBlobs } from './pglite-copy.js'
export {
  createPostgresRecordingStore,
  type PostgresRecordingStoreOptions,
  recordingStore,
  recordingStoreLayer,
} from './recordings-store.js'
export type { DiallerDatabase } from './schema.js'
export { createPostgresDiallerStore, diallerStore, layer, type PostgresDiallerStoreOptions } from './store.js'
