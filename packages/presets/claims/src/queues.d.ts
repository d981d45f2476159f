import type { LeadId, Leads, Queues } from '@ringlane/core'
import type { Kysely } from 'kysely'
import type { ClaimsFacts } from './details.js'
import type { ClaimsSource } from './source-schema.js'

type QueueDefinition = Queues.QueueDefinition<ClaimsSource, ClaimsFacts>
/** Whether people can be called at all: the re-check for callbacks, which the dialler owns. */
export declare const reachable: (
  db: Kysely<ClaimsSource>,
  leadIds: ReadonlyArray<LeadId>,
) => Promise<Map<string & import('effect/Brand').Brand<'@ringlane/core/LeadId'>, Leads.Eligibility>>
type Overrides = Partial<Omit<Queues.QueueSettingsInput, 'id' | 'kind'>> &
  Partial<Pick<QueueDefinition, 'factors'>>
/** People who have not signed: nothing on their claims can move until they do. */
export declare const unsignedQueue: (overrides?: Overrides) => QueueDefinition
/** Signed people whose claims still wait on documents or answers from them. */
export declare const outstandingQueue: (overrides?: Overrides) => QueueDefinition
/** Callbacks people asked for, now due; owned by the dialler, not the source. */
export declare const callbacksQueue: (overrides?: Overrides) => QueueDefinition
/** The shipped claims queues: due callbacks first (a promise to a person), then unsigned, then outstanding. */
export declare const claimsQueues: (
  overrides?: { readonly [id in 'unsigned' | 'outstanding' | 'callbacks']?: Overrides },
) => QueueDefinition[]
//# sourceMappingURL=queues.d.ts.map
