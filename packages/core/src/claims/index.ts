/**
 * @ringlane/core/claims: the shipped preset for calling people about open claims: its source schema
 * (with migrations for a demo or test source), its three queues, and a demo data generator.
 */
export {
  type DemoDataOptions,
  type DemoDataProgress,
  generateClaimsSource,
  type RowWriter,
} from './demo-data.js'
export { findLeadsByPhone } from './find-leads-by-phone.js'
export { claimsLeadSource, claimsPreset } from './preset.js'
export { claimsProfile } from './profile.js'
export { callbacksQueue, claimsQueues, outstandingQueue, reachable, unsignedQueue } from './queues.js'
export { claimsSourceMigrations, migrateClaimsSource } from './source-migrations.js'
export type { ClaimsSource } from './source-schema.js'
