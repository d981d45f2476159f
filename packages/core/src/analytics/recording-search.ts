import { Effect, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { AgentId } from '../kernel/ids.js'
import { normalizePhoneNumber } from '../kernel/phone-numbers.js'
import { AnalyticsStore, type NumberMatch } from './analytics-store.js'
import { CalendarDay, TimeZone } from './metrics-range.js'

/** A phone number to search by, however it is written, or a part of it (at least 3 digits). */
export const NumberSearch = Schema.String.pipe(
  Schema.trimmed(),
  Schema.pattern(/^\+?[\d\s()-]{3,20}$/, { message: () => 'Enter at least 3 digits of the number' }),
)

/**
 * A search of the recordings, every field optional but the zone: the days they were recorded (read in
 * `timeZone`, both included), the agent who made the call, its outcome, and the number called, however
 * it is written or a part of it (at least 3 digits).
 */
export const RecordingSearch = Schema.Struct({
  from: Schema.optional(CalendarDay('start')),
  to: Schema.optional(CalendarDay('end')),
  timeZone: TimeZone,
  agentId: Schema.optional(AgentId),
  disposition: Schema.optional(
    Schema.String.pipe(
      Schema.pattern(/^[a-z0-9_-]{1,40}$/, { message: () => 'a disposition code: 1 to 40 a-z, 0-9, _ or -' }),
    ),
  ),
  number: Schema.optional(NumberSearch),
  /** At most this many, newest first (default 100). */
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1000)), { default: () => 100 }),
}).pipe(
  Schema.filter((s) =>
    s.from && s.to && s.to < s.from
      ? { path: ['to'], message: 'The end date must not be before the start date' }
      : undefined,
  ),
)
export type RecordingSearch = typeof RecordingSearch.Type
export type RecordingSearchInput = typeof RecordingSearch.Encoded

/** A recording search that is not one; `field` names the part. */
export class InvalidRecordingSearch extends Schema.TaggedError<InvalidRecordingSearch>()(
  'InvalidRecordingSearch',
  { field: Schema.String, message: Schema.String },
) {}

/**
 * A whole number, however it is written (`07700 900123`, `+44 7700 900123`), is read by the same
 * normalisation that wrote the stored numbers, so it finds exactly that number; anything else
 * (`900123`) is a part of one, matched by its digits. Searching is not dialling: drama numbers count.
 */
export const numberMatch = (typed: string): NumberMatch =>
  Effect.runSync(
    normalizePhoneNumber(typed, { field: 'number', allowFictionalNumbers: true }).pipe(
      Effect.map(({ e164 }): NumberMatch => ({ _tag: 'Whole', e164 })),
      Effect.orElseSucceed((): NumberMatch => ({ _tag: 'Part', digits: typed.replace(/\D/g, '') })),
    ),
  )

const decodeSearch = decodeWith(RecordingSearch, (issue) => new InvalidRecordingSearch(issue))

/** Recordings not deleted matching the search, newest first. Refuses a bad search, naming the field. */
export const searchRecordings = (input: RecordingSearchInput) =>
  Effect.gen(function* () {
    const search = yield* decodeSearch(input)
    return yield* Effect.flatMap(AnalyticsStore, (store) =>
      store.searchRecordings({
        from: search.from,
        to: search.to,
        timeZone: search.timeZone,
        agentId: search.agentId,
        disposition: search.disposition,
        number: search.number === undefined ? undefined : numberMatch(search.number),
        limit: search.limit,
      }),
    )
  })
