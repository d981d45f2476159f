/**
 * @ringlane/claims: the shipped use case, calling people about open claims: its source schema (with
 * migrations for a demo or test source), its three queues and score factors, and a demo data generator.
 */
export {
  type DemoDataOptions,
  type DemoDataProgress,
  demoLenderImportance,
  generateClaimsSource,
  type RowWriter,
} from './demo-data.js'
export type { Claim, ClaimsDetails, ClaimsFacts, Requirement } from './details.js'
export { findLeadsByName, leadNames } from './find-leads-by-name.js'
export { findLeadsByPhone, writtenForms } from './find-leads-by-phone.js'
export { claimsLinkTypes } from './link-types.js'
export { claimsLeadSource, claimsPreset } from './preset.js'
export { claimsProfile } from './profile.js'
export { callbacksQueue, claimsQueues, outstandingQueue, reachable, unsignedQueue } from './queues.js'
export {
  type ClaimsWeights,
  claimsScoreFactors,
  defaultClaimsWeights,
  hourIn,
  inPreferredHours,
} from './score-factors.js'
export { searchLeads } from './search-leads.js'
export { claimsSourceMigrations, migrateClaimsSource } from './source-migrations.js'
export type { ClaimsSource } from './source-schema.js'
