import { Leads, type Queues } from '@ringlane/core'
import type { Kysely } from 'kysely'
import type { ClaimsDetails, ClaimsFacts } from './details.js'
import type { ClaimsSource } from './source-schema.js'
/** The claims use case, ready to run: queues, the agent's view of a lead, and the reachability check. */
export declare const claimsPreset: (
  queues?: ReadonlyArray<Queues.QueueDefinition<ClaimsSource, ClaimsFacts>>,
) => Leads.LeadSourcePreset<ClaimsSource, ClaimsDetails, ClaimsFacts>
/** A claims lead source over any Kysely instance (MySQL replica, Postgres, PGlite). */
export declare const claimsLeadSource: (
  db: Kysely<ClaimsSource>,
  queues?: ReadonlyArray<Queues.QueueDefinition<ClaimsSource, ClaimsFacts>>,
) => Leads.LeadSourceService<ClaimsDetails>
//# sourceMappingURL=preset.d.ts.map
