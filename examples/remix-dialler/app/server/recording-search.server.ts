import { normalizePhoneNumber } from '@ringlane/core'
import { Effect, Schema } from 'effect'
import { sql } from 'kysely'
import type { DiallerApp } from './dialler.server'
import { METRICS_TIME_ZONE } from './metrics.server'

const date = (label: string) =>
  Schema.String.pipe(
    Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, { message: () => `Enter the ${label} date as YYYY-MM-DD` }),
  )

/** The search: every field optional; the number may be typed any way people write it, or in part. */
export const RecordingSearch = Schema.Struct({
  from: Schema.optional(date('start')),
  to: Schema.optional(date('end')),
  agentId: Schema.optional(Schema.UUID.annotations({ message: () => 'Choose an agent from the list' })),
  outcome: Schema.optional(
    Schema.String.pipe(
      Schema.pattern(/^[a-z0-9_-]{1,40}$/, { message: () => 'Choose an outcome from the list' }),
    ),
  ),
  number: Schema.optional(
    Schema.String.pipe(
      Schema.trimmed(),
      Schema.pattern(/^\+?[\d\s()-]{3,20}$/, { message: () => 'Enter at least 3 digits of the number' }),
    ),
  ),
}).pipe(
  Schema.filter((s) =>
    s.from && s.to && s.to < s.from
      ? { path: ['to'], message: 'The end date must not be before the start date' }
      : undefined,
  ),
)
export type RecordingSearch = typeof RecordingSearch.Type

/** What a typed number finds: that whole number, or every number with these digits in it. */
export type NumberMatch =
  | { readonly _tag: 'Whole'; readonly e164: string }
  | { readonly _tag: 'Part'; readonly digits: string }

/**
 * A whole number, however it is written (`07700 900123`, `+44 7700 900123`), is read by core's phone
 * normalisation, the same that wrote the stored numbers, so it finds exactly that number. Anything
 * else (`900123`) is a part of one, matched by its digits.
 */
export const numberMatch = (typed: string): NumberMatch =>
  Effect.runSync(
    normalizePhoneNumber(typed, { field: 'number', allowFictionalNumbers: true }).pipe(
      Effect.map(({ e164 }): NumberMatch => ({ _tag: 'Whole', e164 })),
      Effect.orElseSucceed((): NumberMatch => ({ _tag: 'Part', digits: typed.replace(/\D/g, '') })),
    ),
  )

/** The newest 100 recordings matching the search, with their call's number, agent and outcome code. */
export const searchRecordings = ({ db }: DiallerApp, search: RecordingSearch) => {
  const zone = METRICS_TIME_ZONE
  let query = db
    .selectFrom('recordings as r')
    .leftJoin('call_sessions as s', (join) => join.on(sql`s.id::text`, '=', sql.ref('r.session_id')))
    .leftJoin('agents as a', 'a.id', 's.agent_id')
    .leftJoin('call_outcomes as o', 'o.session_id', 's.id')
    .select([
      'r.id',
      'r.status',
      'r.recorded_at',
      'r.duration_seconds',
      'r.failure_reason',
      's.phone',
      's.lead_id',
      'a.display_name',
      'o.disposition',
    ])
    .where('r.status', '<>', 'deleted')
  if (search.from)
    query = query.where(
      'r.recorded_at',
      '>=',
      sql<Date>`(${search.from}::date)::timestamp at time zone ${zone}`,
    )
  if (search.to)
    query = query.where(
      'r.recorded_at',
      '<',
      sql<Date>`(${search.to}::date + 1)::timestamp at time zone ${zone}`,
    )
  if (search.agentId) query = query.where('s.agent_id', '=', search.agentId)
  if (search.outcome) query = query.where('o.disposition', '=', search.outcome)
  if (search.number) {
    const match = numberMatch(search.number)
    query =
      match._tag === 'Whole'
        ? query.where('s.phone', '=', match.e164)
        : query.where(sql`replace(s.phone, '+', '')`, 'like', `%${match.digits}%`)
  }
  return query.orderBy('r.recorded_at', 'desc').limit(100).execute()
}
