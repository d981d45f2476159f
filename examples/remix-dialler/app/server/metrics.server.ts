import { Schema } from 'effect'
import { sql } from 'kysely'
import { addDays, CALL_CENTRE_TIME_ZONE, dayIn, daysBetween } from '../utils/dates'
import type { AppDatabase } from './dialler.server'
import { decodeForm, searchForm } from './forms.server'

/** Dates are read as days in the call centre's zone; the hourly chart uses the same zone. */
export const METRICS_TIME_ZONE = CALL_CENTRE_TIME_ZONE
const MAX_DAYS = 366

const day = (label: string) =>
  Schema.String.pipe(
    Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, { message: () => `Enter the ${label} date as YYYY-MM-DD` }),
    Schema.filter(
      (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || `That ${label} date does not exist`,
    ),
  )

/** The metrics page's date range, from and to inclusive. */
export const MetricsRange = Schema.Struct({ from: day('start'), to: day('end') }).pipe(
  Schema.filter((range) => {
    const span = daysBetween(range.from, range.to)
    if (span < 0) return { path: ['to'], message: 'The end date must not be before the start date' }
    if (span >= MAX_DAYS) return { path: ['to'], message: `Choose at most ${MAX_DAYS} days` }
    return undefined
  }),
)
export type MetricsRange = typeof MetricsRange.Type

/** The last seven days, ending today, in the call centre's zone. */
export const defaultRange = (now = new Date()): MetricsRange => {
  const today = dayIn(METRICS_TIME_ZONE, now)
  return { from: addDays(today, -6), to: today }
}

/**
 * The range a report page's query asks for: the range to show (the last seven days when none was
 * asked or it was wrong), what was typed, to show it back, and what was wrong with it.
 */
export const rangeFromSearch = (url: URL) => {
  const asked = url.searchParams.has('from') || url.searchParams.has('to')
  const decoded = asked ? decodeForm(MetricsRange, searchForm(url, true)) : null
  const range = decoded?.ok ? decoded.value : defaultRange()
  return {
    range,
    asked: asked ? { from: url.searchParams.get('from') ?? '', to: url.searchParams.get('to') ?? '' } : range,
    fields: decoded && !decoded.ok ? decoded.fields : {},
  }
}

export interface MetricsSummary {
  readonly calls: number
  readonly connected: number
  readonly connectRate: number
  readonly talkSeconds: number
  readonly averageTalkSeconds: number
  /** Talk plus wrap-up (call end to outcome saved), over calls with an outcome. */
  readonly averageHandleSeconds: number
  readonly outcomes: number
}

export interface AgentPerformance {
  readonly agentId: string
  readonly displayName: string
  readonly calls: number
  readonly connected: number
  readonly connectRate: number
  readonly talkSeconds: number
  readonly averageHandleSeconds: number
  readonly callbacks: number
}

export interface DashboardMetrics {
  readonly range: MetricsRange
  readonly summary: MetricsSummary
  readonly outcomes: ReadonlyArray<{ readonly disposition: string; readonly count: number }>
  readonly hourly: ReadonlyArray<{
    readonly hour: number
    readonly calls: number
    readonly connected: number
  }>
  readonly daily: ReadonlyArray<{ readonly day: string; readonly calls: number; readonly connected: number }>
  readonly agents: ReadonlyArray<AgentPerformance>
}

/**
 * Every figure on the metrics page, each one aggregate query over the call sessions whose call
 * started in the range (the database does the counting; no rows come back to be looped over).
 */
export const dashboardMetrics = async (db: AppDatabase, range: MetricsRange): Promise<DashboardMetrics> => {
  const zone = METRICS_TIME_ZONE
  const since = sql`((${range.from}::date)::timestamp at time zone ${zone})`
  const until = sql`((${range.to}::date + 1)::timestamp at time zone ${zone})`
  // One call's handle time: talk, then wrap-up until its outcome was saved (never negative).
  const handle = sql`(coalesce(s.talk_seconds, 0) + greatest(0, extract(epoch from (o.recorded_at - coalesce(s.ended_at, o.recorded_at)))))`
  const inRange = sql`s.started_at >= ${since} and s.started_at < ${until}`

  const [summary, outcomes, hourly, daily, agents] = await Promise.all([
    sql<MetricsSummary>`
      select
        count(*)::int as "calls",
        count(s.answered_at)::int as "connected",
        coalesce(count(s.answered_at)::float8 / nullif(count(*), 0), 0)::float8 as "connectRate",
        coalesce(sum(s.talk_seconds), 0)::int as "talkSeconds",
        coalesce(avg(s.talk_seconds) filter (where s.answered_at is not null), 0)::float8 as "averageTalkSeconds",
        coalesce(avg(${handle}) filter (where o.id is not null), 0)::float8 as "averageHandleSeconds",
        count(o.id)::int as "outcomes"
      from call_sessions s
      left join call_outcomes o on o.session_id = s.id
      where ${inRange}`.execute(db),
    sql<{ disposition: string; count: number }>`
      select o.disposition, count(*)::int as "count"
      from call_outcomes o
      join call_sessions s on s.id = o.session_id
      where ${inRange}
      group by o.disposition
      order by count(*) desc, o.disposition`.execute(db),
    sql<{ hour: number; calls: number; connected: number }>`
      select h.hour::int as "hour",
        count(s.id)::int as "calls",
        count(s.answered_at)::int as "connected"
      from generate_series(0, 23) as h(hour)
      left join call_sessions s
        on extract(hour from s.started_at at time zone ${zone}) = h.hour and ${inRange}
      group by h.hour
      order by h.hour`.execute(db),
    sql<{ day: string; calls: number; connected: number }>`
      select to_char(d.day, 'YYYY-MM-DD') as "day",
        count(s.id)::int as "calls",
        count(s.answered_at)::int as "connected"
      from generate_series(${range.from}::date::timestamp, ${range.to}::date::timestamp, interval '1 day') as d(day)
      left join call_sessions s
        on (s.started_at at time zone ${zone})::date = d.day::date and ${inRange}
      group by d.day
      order by d.day`.execute(db),
    sql<AgentPerformance>`
      select a.id as "agentId", a.display_name as "displayName",
        count(s.id)::int as "calls",
        count(s.answered_at)::int as "connected",
        coalesce(count(s.answered_at)::float8 / nullif(count(s.id), 0), 0)::float8 as "connectRate",
        coalesce(sum(s.talk_seconds), 0)::int as "talkSeconds",
        coalesce(avg(${handle}) filter (where o.id is not null), 0)::float8 as "averageHandleSeconds",
        count(o.callback_id)::int as "callbacks"
      from call_sessions s
      join agents a on a.id = s.agent_id
      left join call_outcomes o on o.session_id = s.id
      where ${inRange}
      group by a.id, a.display_name
      order by count(s.id) desc, a.display_name`.execute(db),
  ])
  const empty: MetricsSummary = {
    calls: 0,
    connected: 0,
    connectRate: 0,
    talkSeconds: 0,
    averageTalkSeconds: 0,
    averageHandleSeconds: 0,
    outcomes: 0,
  }
  return {
    range,
    summary: summary.rows[0] ?? empty,
    outcomes: outcomes.rows,
    hourly: hourly.rows,
    daily: daily.rows,
    agents: agents.rows,
  }
}

/** The range's first and last instants, [since, until), in the call centre's zone, as the database reckons them. */
export const rangeBounds = async (db: AppDatabase, range: MetricsRange) => {
  const zone = METRICS_TIME_ZONE
  const { rows } = await sql<{ since: Date; until: Date }>`
    select ((${range.from}::date)::timestamp at time zone ${zone}) as "since",
      ((${range.to}::date + 1)::timestamp at time zone ${zone}) as "until"`.execute(db)
  const bounds = rows[0]
  if (!bounds) throw new Error('The database did not answer the date range')
  return { since: new Date(bounds.since), until: new Date(bounds.until) }
}
