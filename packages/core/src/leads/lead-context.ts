import { Effect, Option, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { LeadId } from '../kernel/ids.js'
import { ContactHistoryStore, type LeadActivity } from './contact-history.js'
import type { LeadProfile } from './lead.js'
import { LeadSource } from './lead-source.js'

export class InvalidLeadId extends Schema.TaggedError<InvalidLeadId>()('InvalidLeadId', {
  field: Schema.Literal('leadId'),
  message: Schema.String,
}) {}

export class LeadNotFound extends Schema.TaggedError<LeadNotFound>()('LeadNotFound', {
  leadId: Schema.String,
  message: Schema.String,
}) {}

export interface LeadContext<Details = unknown> {
  readonly profile: LeadProfile<Details>
  /** What the dialler remembers: attempts, last contact and outcome, when it may be called next. */
  readonly activity: LeadActivity | null
}

export const decodeLeadId = decodeWith(
  LeadId,
  (issue) => new InvalidLeadId({ field: 'leadId', message: issue.message }),
)

/** Everything an agent sees about a lead in one glance, read live from the source and the store. */
export const leadContext = (leadId: string) =>
  Effect.gen(function* () {
    const id = yield* decodeLeadId(leadId)
    const [profile, activity] = yield* Effect.all(
      [
        Effect.flatMap(LeadSource, (source) => source.profile(id)),
        Effect.flatMap(ContactHistoryStore, (history) => history.leadActivity([id])),
      ],
      { concurrency: 2 },
    )
    if (Option.isNone(profile)) {
      return yield* new LeadNotFound({ leadId, message: `Lead ${leadId} is not in the source` })
    }
    return { profile: profile.value, activity: activity.get(id) ?? null } satisfies LeadContext
  })
