import type { LeadId } from '@ringlane/core'

/**
 * Whether a lead id can be one of this source's: people's ids are whole numbers. Any other id (from an
 * SDK call, or a link issued for it) names nobody, and must not reach the database's bigint cast.
 */
export const isSourceId = (leadId: LeadId) => /^\d{1,18}$/.test(leadId)
