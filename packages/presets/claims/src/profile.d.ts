import type { LeadId, Leads } from '@ringlane/core'
import type { Kysely } from 'kysely'
import type { ClaimsDetails } from './details.js'
import type { ClaimsSource } from './source-schema.js'
/** A person with their current address, claims (with lenders) and each claim's requirements. */
export declare const claimsProfile: (
  db: Kysely<ClaimsSource>,
  leadId: LeadId,
) => Promise<Leads.LeadProfile<ClaimsDetails> | undefined>
//# sourceMappingURL=profile.d.ts.map
