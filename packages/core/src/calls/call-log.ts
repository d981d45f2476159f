import { Effect, Option, Schema } from 'effect'
import { decodeCursor, type Page, pageOf } from '../kernel/cursor.js'
import { decodeWith } from '../kernel/decode.js'
import { AgentId, type LeadId } from '../kernel/ids.js'
import { NumberSearch, numberMatch } from '../kernel/number-search.js'
import { LeadSource, type LeadSourceService } from '../leads/lead-source.js'
import { CallStatus } from '../telephony/call-event.js'
import { type CallLogItem, CallStore, EVERY_CALL } from './call-store.js'

/** At most this many leads a name stands for: a name that matches more is too vague to search by. */
export const MAX_NAMED_LEADS = 500

/**
 * A search of the call log, inbound and outbound, every field optional: the number (whole however it
 * is written, or at least 3 of its digits), the lead's name (part of their first or last name), the
 * agent, the outcome (a disposition code), the direction, the status, and when it started (`from`
 * included, `to` excluded). `cursor` is a page's `nextCursor`; `limit` calls a page (default 50).
 */
export const CallLogSearch = Schema.Struct({
  number: Schema.optional(NumberSearch),
  leadName: Schema.optional(
    Schema.String.pipe(
      Schema.trimmed({ message: () => 'the name without spaces around it' }),
      Schema.minLength(2, { message: () => 'at least 2 letters of the name' }),
      Schema.maxLength(100, { message: () => 'at most 100 characters' }),
    ),
  ),
  agentId: Schema.optional(AgentId),
  outcome: Schema.optional(
    Schema.String.pipe(
      Schema.pattern(/^[a-z0-9_-]{1,40}$/, { message: () => 'a disposition code: 1 to 40 a-z, 0-9, _ or -' }),
    ),
  ),
  direction: Schema.optional(Schema.Literal('inbound', 'outbound')),
  status: Schema.optional(CallStatus),
  from: Schema.optional(Schema.ValidDateFromSelf),
  to: Schema.optional(Schema.ValidDateFromSelf),
  cursor: Schema.optional(Schema.String.pipe(Schema.maxLength(400))),
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 500)), { default: () => 50 }),
}).pipe(
  Schema.filter((s) =>
    s.from && s.to && +s.to <= +s.from
      ? { path: ['to'], message: 'the end must be after the start' }
      : undefined,
  ),
)
export type CallLogSearch = typeof CallLogSearch.Type
export type CallLogSearchInput = typeof CallLogSearch.Encoded

/** A call log search that is not one; `field` names the part. */
export class InvalidCallSearch extends Schema.TaggedError<InvalidCallSearch>()('InvalidCallSearch', {
  field: Schema.String,
  message: Schema.String,
}) {}

/** A call in the log with the lead's name as the lead source gives it (null when it cannot). */
export interface CallLogEntry extends CallLogItem {
  readonly leadName: string | null
}

const decodeSearch = decodeWith(CallLogSearch, (issue) => new InvalidCallSearch(issue))

/** The leads' names, from the source's batch read or one profile each; none when the source cannot say. */
const namesOf = (source: Option.Option<LeadSourceService>, leadIds: ReadonlyArray<LeadId>) => {
  if (Option.isNone(source) || leadIds.length === 0) return Effect.succeed(new Map<LeadId, string>())
  const { leadNames, profile } = source.value
  const read = leadNames
    ? leadNames(leadIds)
    : Effect.map(
        Effect.forEach(leadIds, (id) => Effect.map(profile(id), (p) => [id, p] as const), { concurrency: 4 }),
        (found) =>
          new Map(
            found.flatMap(([id, p]) =>
              Option.isSome(p) ? [[id, `${p.value.firstName} ${p.value.lastName}`.trim()] as const] : [],
            ),
          ),
      )
  // The log lists calls while the source is down; names come back with it.
  return Effect.orElseSucceed(read, () => new Map<LeadId, string>())
}

/** The leads a name stands for, through the source (which must be able to search by name). */
const leadsNamed = (source: Option.Option<LeadSourceService>, name: string) => {
  const find = Option.getOrUndefined(source)?.findLeadsByName
  return find
    ? find(name, MAX_NAMED_LEADS)
    : Effect.fail(
        new InvalidCallSearch({
          field: 'leadName',
          message: 'leadName: the lead source cannot search by name (it has no findLeadsByName)',
        }),
      )
}

/**
 * One page of the call log, newest first: the calls matching every field of the search, each with its
 * outcome, agent's and lead's names and cost, and the cursor of the next page (null on the last).
 * Rejects `InvalidCallSearch` naming the field, or `InvalidCursor` for a cursor this SDK did not make.
 */
export const searchCallLog = (input: CallLogSearchInput) =>
  Effect.gen(function* () {
    const search = yield* decodeSearch(input)
    const after = search.cursor === undefined ? null : yield* decodeCursor(search.cursor)
    const source = yield* Effect.serviceOption(LeadSource)
    const leadIds = search.leadName === undefined ? undefined : yield* leadsNamed(source, search.leadName)
    const rows = yield* Effect.flatMap(CallStore, (store) =>
      store.searchCalls({
        sessionId: undefined,
        number: search.number === undefined ? undefined : numberMatch(search.number),
        leadIds,
        agentId: search.agentId,
        disposition: search.outcome,
        direction: search.direction,
        statuses: search.status === undefined ? undefined : [search.status],
        startedFrom: search.from,
        startedBefore: search.to,
        after,
        // One more than asked says whether there is a next page.
        limit: search.limit + 1,
      }),
    )
    const page = pageOf(rows, search.limit, (row) => ({ at: row.session.startedAt, id: row.session.id }))
    const names = yield* namesOf(source, [...new Set(page.items.map((row) => row.session.leadId))])
    return {
      items: page.items.map((row) => ({ ...row, leadName: names.get(row.session.leadId) ?? null })),
      nextCursor: page.nextCursor,
    } satisfies Page<CallLogEntry> as Page<CallLogEntry>
  })

/** One call as the log shows it, with its provider events in order; null when there is no such call. */
export const callLogEntry = (sessionId: string) =>
  Effect.gen(function* () {
    const store = yield* CallStore
    const [row] = yield* store.searchCalls({ ...EVERY_CALL, sessionId, limit: 1 })
    if (!row) return null
    const names = yield* namesOf(yield* Effect.serviceOption(LeadSource), [row.session.leadId])
    const events = yield* store.callEvents(sessionId)
    return { ...row, leadName: names.get(row.session.leadId) ?? null, events }
  })
