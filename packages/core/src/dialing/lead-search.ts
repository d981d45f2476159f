import { Clock, Effect, Either, Option, Schema } from 'effect'
import { activeAgent } from '../agents/active-agent.js'
import { AuditLog } from '../audit/audit-log.js'
import { decodeWith } from '../kernel/decode.js'
import { normalizeWithConfig } from '../kernel/phone-numbers.js'
import { decodeLeadId, LeadNotFound } from '../leads/lead-context.js'
import { type LeadMatch, LeadSource } from '../leads/lead-source.js'
import { type QueueEntry, QueueStore } from '../queues/queue-store.js'
import { currentQueues } from '../queues/queue-tuning.js'

export class InvalidLeadSearch extends Schema.TaggedError<InvalidLeadSearch>()('InvalidLeadSearch', {
  field: Schema.Literal('query'),
  message: Schema.String,
}) {}

/** The source configured has no search (`LeadSourceService.search`). */
export class LeadSearchUnavailable extends Schema.TaggedError<LeadSearchUnavailable>()(
  'LeadSearchUnavailable',
  { message: Schema.String },
) {}

/** A chosen lead could not be put on the agent's desk; `message` says why and what to do. */
export class LeadNotTaken extends Schema.TaggedError<LeadNotTaken>()('LeadNotTaken', {
  leadId: Schema.String,
  reason: Schema.Literal('held-by-other', 'holding-another', 'no-number'),
  message: Schema.String,
}) {}

const SearchText = Schema.String.pipe(
  Schema.minLength(2, { message: () => 'type at least 2 characters of a name, number or case reference' }),
  Schema.maxLength(100, { message: () => 'at most 100 characters' }),
  Schema.filter((text) => !/\p{Cc}/u.test(text) || 'no control characters'),
)
const decodeQuery = decodeWith(
  SearchText,
  (issue) =>
    new InvalidLeadSearch({ field: 'query', message: `query: ${issue.message.replace(/^\(input\): /, '')}` }),
)

/** At most this many matches: a search narrows down to a person, it does not list the source. */
export const SEARCH_LIMIT = 20

/**
 * Leads by name, number or case reference, for an active agent's desk. Each lead found is written to
 * the audit log (`lead.found`, the agent, how it matched): showing a name and number is a read of
 * personal data. The text searched is not logged, since it is personal data itself.
 */
export const searchLeads = (agentId: string, query: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const text = yield* decodeQuery(query.trim())
    const source = yield* LeadSource
    if (!source.search)
      return yield* new LeadSearchUnavailable({ message: 'The lead source configured cannot search leads' })
    // Text that reads as a number is also searched as one, however the source wrote numbers.
    const phone = /^[+\d][\d\s()-]{5,}$/.test(text)
      ? Option.getOrNull(
          Either.getRight(yield* Effect.either(normalizeWithConfig(text))).pipe(Option.map((n) => n.e164)),
        )
      : null
    const matches: ReadonlyArray<LeadMatch> = yield* source.search({ text, phone, limit: SEARCH_LIMIT })
    const audit = yield* AuditLog
    const at = new Date(yield* Clock.currentTimeMillis)
    yield* Effect.forEach(matches, (match) =>
      audit.record({
        actor: agent.id,
        action: 'lead.found',
        subject: `lead:${match.leadId}`,
        detail: { via: 'desk-search', matchedBy: match.matchedBy },
        at,
      }),
    )
    return matches
  })

/**
 * Puts a lead the agent chose (from a search) on their desk, as if a queue had handed it to them: its
 * waiting entry if it has one, else a new entry in the callbacks queue (whose live check is only
 * whether the person can be called at all), reserved for the agent. Dialling it then runs the same
 * pre-dial validation as any queued lead.
 */
export const takeChosenLead = (agentId: string, leadId: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const id = yield* decodeLeadId(leadId)
    const profile = yield* Effect.flatMap(LeadSource, (source) => source.profile(id))
    if (Option.isNone(profile))
      return yield* new LeadNotFound({ leadId, message: `Lead ${leadId} is not in the source` })
    const number = yield* Effect.either(normalizeWithConfig(profile.value.phone))
    if (Either.isLeft(number))
      return yield* new LeadNotTaken({
        leadId,
        reason: 'no-number',
        message: `${profile.value.firstName} ${profile.value.lastName} has no number that can be dialled (${profile.value.phone})`,
      })
    const { queues } = yield* currentQueues
    const home = queues.find((q) => q.kind === 'callbacks') ?? queues[0]
    if (!home) return yield* Effect.die(new Error('a configured dialler always has a queue'))
    const now = new Date(yield* Clock.currentTimeMillis)
    const taken = yield* Effect.flatMap(QueueStore, (store) =>
      store.takeLead(
        agent.id,
        home.id,
        {
          leadId: id,
          phone: number.right.e164,
          score: 0,
          reasons: [{ factor: 'chosen_by_agent', points: 0, detail: 'found by a search and chosen' }],
          leadCreatedAt: now,
          reservedFor: agent.id,
          callbackId: null,
        },
        now,
      ),
    )
    if (taken._tag === 'HeldByOther')
      return yield* new LeadNotTaken({
        leadId,
        reason: 'held-by-other',
        message: 'Another agent (or the call engine) is working this lead right now: try again later',
      })
    if (taken._tag === 'AgentBusy')
      return yield* new LeadNotTaken({
        leadId,
        reason: 'holding-another',
        message: 'You already hold a lead: call it, skip it or give it back first',
      })
    return taken.entry satisfies QueueEntry
  })
