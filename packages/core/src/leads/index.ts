export { fillCallScript } from './call-script.js'
export {
  type CallbackChange,
  ContactHistoryError,
  ContactHistoryStore,
  type ContactHistoryStoreService,
  type DueCallback,
  type LeadActivity,
  type NewCallback,
  type PendingCallback,
} from './contact-history.js'
export { kyselyLeadSource, type LeadSourcePreset, type SourceQueries } from './kysely-lead-source.js'
export { type Address, type Candidate, type Eligibility, LeadId, type LeadProfile } from './lead.js'
export { decodeLeadId, InvalidLeadId, type LeadContext, LeadNotFound, leadContext } from './lead-context.js'
export {
  type CandidateQuery,
  type LeadMatch,
  type LeadSearch,
  LeadSource,
  LeadSourceError,
  type LeadSourceService,
} from './lead-source.js'
export {
  type CircuitBreakerService,
  CircuitOpen,
  makeCircuitBreaker,
  SourceBreaker,
  type SourceGuardService,
  SourceSettings,
} from './source-breaker.js'
