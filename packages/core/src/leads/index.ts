export { kyselyLeadSource, type LeadSourcePreset } from './kysely-lead-source.js'
export { Address, type Candidate, Claim, type Eligibility, LeadId, LeadProfile, Requirement } from './lead.js'
export { decodeLeadId, InvalidLeadId, type LeadContext, LeadNotFound, leadContext } from './lead-context.js'
export { LeadSource, LeadSourceError, type LeadSourceService } from './lead-source.js'
