import { Effect, Schema } from 'effect'
import { decodeCursor, type Page, pageOf } from '../kernel/cursor.js'
import { decodeWith } from '../kernel/decode.js'
import { AgentId } from '../kernel/ids.js'
import { NumberSearch, numberMatch } from '../kernel/number-search.js'
import { AnalyticsStore, type RecordingFound } from './analytics-store.js'
import { CalendarDay, TimeZone } from './metrics-range.js'

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
  /** A page's `nextCursor` (`pageRecordings`), to read the page after it. */
  cursor: Schema.optional(Schema.String.pipe(Schema.maxLength(400))),
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
export { NumberSearch, numberMatch }
export type RecordingSearchInput = typeof RecordingSearch.Encoded

/** A recording search that is not one; `field` names the part. */
export class InvalidRecordingSearch extends Schema.TaggedError<InvalidRecordingSearch>()(
  'InvalidRecordingSearch',
  { field: Schema.String, message: Schema.String },
) {}

const decodeSearch = decodeWith(RecordingSearch, (issue) => new InvalidRecordingSearch(issue))

const readRecordings = (input: RecordingSearchInput, extra: number) =>
  Effect.gen(function* () {
    const search = yield* decodeSearch(input)
    const after = search.cursor === undefined ? null : yield* decodeCursor(search.cursor)
    const rows = yield* Effect.flatMap(AnalyticsStore, (store) =>
      store.searchRecordings({
        from: search.from,
        to: search.to,
        timeZone: search.timeZone,
        agentId: search.agentId,
        disposition: search.disposition,
        number: search.number === undefined ? undefined : numberMatch(search.number),
        after,
        limit: search.limit + extra,
      }),
    )
    return { rows, limit: search.limit }
  })

/**
 * Recordings not deleted matching the search, newest first, at most `limit`. Refuses a bad search,
 * naming the field, or `InvalidCursor`.
 */
export const searchRecordings = (input: RecordingSearchInput) =>
  Effect.map(readRecordings(input, 0), ({ rows }) => rows)

/** The same search a page at a time: `{ items, nextCursor }` (null on the last page). */
export const pageRecordings = (input: RecordingSearchInput) =>
  Effect.map(
    readRecordings(input, 1),
    ({ rows, limit }): Page<RecordingFound> =>
      pageOf(rows, limit, (r) => ({ at: r.recordedAt, id: r.recordingId })),
  )
