import type { Kysely } from 'kysely'
import { kyselyLeadSource, type LeadSourcePreset } from '../leads/kysely-lead-source.js'
import type { LeadSourceService } from '../leads/lead-source.js'
import type { QueueDefinition } from '../queues/queue-definition.js'
import { findLeadsByPhone } from './find-leads-by-phone.js'
import { claimsProfile } from './profile.js'
import { claimsQueues, reachable } from './queues.js'
import type { ClaimsSource } from './source-schema.js'

/** The claims use case, ready to run: queues, the agent's view of a lead, and the reachability check. */
export const claimsPreset = (
  queues: ReadonlyArray<QueueDefinition<ClaimsSource>> = claimsQueues(),
): LeadSourcePreset<ClaimsSource> => ({ queues, profile: claimsProfile, reachable, findLeadsByPhone })

/** A claims lead source over any Kysely instance (MySQL replica, Postgres, PGlite). */
export const claimsLeadSource = (
  db: Kysely<ClaimsSource>,
  queues?: ReadonlyArray<QueueDefinition<ClaimsSource>>,
): LeadSourceService => kyselyLeadSource(db, claimsPreset(queues))
