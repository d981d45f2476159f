import { Leads, type Queues } from '@ringlane/core'
import type { Kysely } from 'kysely'
import type { ClaimsDetails, ClaimsFacts } from './details.js'
import { findLeadsByName, leadNames } from './find-leads-by-name.js'
import { findLeadsByPhone } from './find-leads-by-phone.js'
import { claimsProfile } from './profile.js'
import { claimsQueues, reachable } from './queues.js'
import { searchLeads } from './search-leads.js'
import type { ClaimsSource } from './source-schema.js'

/** The claims use case, ready to run: queues, the agent's view of a lead, and the reachability check. */
export const claimsPreset = (
  queues: ReadonlyArray<Queues.QueueDefinition<ClaimsSource, ClaimsFacts>> = claimsQueues(),
): Leads.LeadSourcePreset<ClaimsSource, ClaimsDetails, ClaimsFacts> => ({
  queues,
  profile: claimsProfile,
  reachable,
  findLeadsByPhone,
  searchLeads,
  findLeadsByName,
  leadNames,
})

/** A claims lead source over any Kysely instance (MySQL replica, Postgres, PGlite). */
export const claimsLeadSource = (
  db: Kysely<ClaimsSource>,
  queues?: ReadonlyArray<Queues.QueueDefinition<ClaimsSource, ClaimsFacts>>,
): Leads.LeadSourceService<ClaimsDetails> => Leads.kyselyLeadSource(db, claimsPreset(queues))
