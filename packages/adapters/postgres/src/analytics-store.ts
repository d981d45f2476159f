import { type Agents, Analytics, type Leads, type Queues, Telephony } from '@ringlane/core'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { conversionsIn, linesByCampaign, linesByQueue, rangeBounds } from './report-sql.js'
import { attemptWith, isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Analytics.AnalyticsStoreError, 'analytics store')

const emptySummary: Analytics.MetricsSummary = {
  calls: 0,
  connected: 0,
  connectRate: 0,
  talkSeconds: 0,
  averageTalkSeconds: 0,
  averageHandleSeconds: 0,
  outcomes: 0,
}

/** The supervisor's views over a Kysely instance on Postgres or PGlite whose schema is migrated. */
export const analyticsStore = (db: Kysely<DiallerDatabase>): Analytics.AnalyticsStoreService => ({
  // Each figure is one aggregate query over the call sessions that started in the range: the database
  // does the counting, and no rows come back to be looped over.
  callMetrics: (range) =>
    attempt('compute call metrics', async () => {
      const zone = range.timeZone
      const { since, until } = rangeBounds(range)
      // One call's handle time: talk, then wrap-up until its outcome was saved (never negative).
      const handle = sql`(coalesce(s.talk_seconds, 0) + greatest(0, extract(epoch from (o.recorded_at - coalesce(s.ended_at, o.recorded_at)))))`
      const inRange = sql`s.started_at >= ${since} and s.started_at < ${until}`
      const [summary, outcomes, hourly, daily, agents] = await Promise.all([
        sql<Analytics.MetricsSummary>`
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
        sql<Analytics.OutcomeCount>`
          select o.disposition, count(*)::int as "count"
          from call_outcomes o
          join call_sessions s on s.id = o.session_id
          where ${inRange}
          group by o.disposition
          order by count(*) desc, o.disposition`.execute(db),
        sql<Analytics.HourlyCalls>`
          select h.hour::int as "hour",
            count(s.id)::int as "calls",
            count(s.answered_at)::int as "connected"
          from generate_series(0, 23) as h(hour)
          left join call_sessions s
            on extract(hour from s.started_at at time zone ${zone}) = h.hour and ${inRange}
          group by h.hour
          order by h.hour`.execute(db),
        sql<Analytics.DailyCalls>`
          select to_char(d.day, 'YYYY-MM-DD') as "day",
            count(s.id)::int as "calls",
            count(s.answered_at)::int as "connected"
          from generate_series(${range.from}::date::timestamp, ${range.to}::date::timestamp, interval '1 day') as d(day)
          left join call_sessions s
            on (s.started_at at time zone ${zone})::date = d.day::date and ${inRange}
          group by d.day
          order by d.day`.execute(db),
        sql<Analytics.AgentPerformance>`
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
      return {
        summary: summary.rows[0] ?? emptySummary,
        outcomes: outcomes.rows,
        hourly: hourly.rows,
        daily: daily.rows,
        agents: agents.rows,
      }
    }),

  intelligence: (range) =>
    attempt('compute the intelligence figures', async () => {
      const zone = range.timeZone
      const { since, until } = rangeBounds(range)
      // Each call of the range with what it led to; the leads converted in the range (0026's rule: a
      // conversion counts for a call that reached the lead before it converted).
      const base = sql`
        with c as (
          select s.id, s.agent_id, s.queue_id, s.campaign_id, s.lead_id, s.started_at, s.answered_at,
            coalesce(s.end_reason, s.status) as reason, o.disposition,
            o.callback_id is not null as callback,
            exists (select 1 from magic_links m where m.call_session_id = s.id::text
              and m.first_accessed_at is not null) as opened,
            exists (select 1 from magic_links m where m.call_session_id = s.id::text
              and m.converted_at is not null) as completed,
            extract(hour from s.started_at at time zone ${zone})::int as hour
          from call_sessions s
          left join call_outcomes o on o.session_id = s.id
          where s.started_at >= ${since} and s.started_at < ${until}
        ),
        v as (${conversionsIn(range)})`
      const figures = sql`count(c.id)::int as "calls",
        count(c.answered_at)::int as "connected",
        count(c.id) filter (where c.callback or c.opened or c.completed)::int as "actions",
        count(distinct c.lead_id)::int as "leads",
        count(distinct c.lead_id) filter (where v.converted_at >= c.started_at)::int as "conversions"`
      const lines = (key: RawBuilder<unknown>, label: RawBuilder<unknown>, joins: RawBuilder<unknown>) =>
        sql<Analytics.IntelligenceLine>`${base}
          select ${key} as "key", min(${label}) as "label", ${figures}
          from c left join v on v.lead_id = c.lead_id ${joins}
          group by ${key} order by min(${label}), ${key}`.execute(db)
      const [summary, outcomes, byQueue, byCampaign, byAgent, byHour] = await Promise.all([
        sql<Analytics.IntelligenceSummary>`${base}
          select ${figures},
            count(c.id) filter (where c.callback)::int as "callbacks",
            count(c.id) filter (where c.opened)::int as "linksOpened",
            count(c.id) filter (where c.completed)::int as "linksCompleted"
          from c left join v on v.lead_id = c.lead_id`.execute(db),
        sql<Analytics.OutcomeReason>`${base}
          select c.disposition as "outcome", c.reason, count(*)::int as "count"
          from c group by c.disposition, c.reason
          order by count(*) desc, c.disposition nulls last, c.reason`.execute(db),
        lines(...linesByQueue('c')),
        lines(...linesByCampaign('c')),
        lines(
          sql`coalesce(c.agent_id::text, '')`,
          sql`coalesce(a.display_name, 'No agent')`,
          sql`left join agents a on a.id = c.agent_id`,
        ),
        sql<Analytics.IntelligenceLine>`${base}
          select h.hour::text as "key", lpad(h.hour::text, 2, '0') || ':00' as "label", ${figures}
          from generate_series(0, 23) as h(hour)
          left join c on c.hour = h.hour
          left join v on v.lead_id = c.lead_id
          group by h.hour order by h.hour`.execute(db),
      ])
      const none = { calls: 0, connected: 0, actions: 0, leads: 0, conversions: 0 }
      return {
        summary: summary.rows[0] ?? { ...none, callbacks: 0, linksOpened: 0, linksCompleted: 0 },
        outcomes: outcomes.rows,
        byQueue: byQueue.rows,
        byCampaign: byCampaign.rows,
        byAgent: byAgent.rows,
        byHour: byHour.rows,
      }
    }),

  rangeBounds: (range) =>
    attempt('read a range of days', async () => {
      const { since, until } = rangeBounds(range)
      const row = (
        await sql<{ since: Date; until: Date }>`select ${since} as "since", ${until} as "until"`.execute(db)
      ).rows[0]
      if (!row) throw new Error('the database did not answer the date range')
      return { since: new Date(row.since), until: new Date(row.until) }
    }),

  agentsOnFloor: () =>
    attempt('list the agents on the floor', async () => {
      const rows = await db
        .selectFrom('agents as a')
        .leftJoin('agent_states as st', 'st.agent_id', 'a.id')
        .select(['a.id', 'a.display_name', 'st.state', 'st.reason', 'st.since'])
        .where('a.role', '=', 'agent')
        .where('a.active', '=', true)
        .orderBy('a.display_name')
        .orderBy('a.id')
        .execute()
      return rows.map((row) => ({
        agentId: row.id as Agents.AgentId,
        displayName: row.display_name,
        state: row.state ?? 'offline',
        reason: row.reason,
        since: row.since ? new Date(row.since) : null,
      }))
    }),

  openCalls: (startedAfter) =>
    attempt('list the calls in progress', async () => {
      const rows = await db
        .selectFrom('call_sessions as s')
        .innerJoin('agents as a', 'a.id', 's.agent_id')
        .select([
          's.id',
          's.agent_id',
          'a.display_name',
          's.lead_id',
          's.queue_id',
          's.status',
          's.started_at',
          's.answered_at',
        ])
        .where('s.status', 'in', Telephony.openCallStatuses)
        .where('s.started_at', '>', startedAfter)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('call_outcomes as o').select(sql`1`.as('one')).whereRef('o.session_id', '=', 's.id'),
            ),
          ),
        )
        .orderBy('s.started_at')
        .orderBy('s.id')
        .execute()
      return rows.map((row) => ({
        sessionId: row.id,
        agentId: row.agent_id as Agents.AgentId,
        agentName: row.display_name,
        leadId: row.lead_id as Leads.LeadId,
        queueId: row.queue_id as Queues.QueueId,
        status: row.status as Telephony.CallStatus,
        startedAt: new Date(row.started_at),
        answeredAt: row.answered_at ? new Date(row.answered_at) : null,
      }))
    }),

  searchRecordings: (query) =>
    attempt('search the recordings', async () => {
      const zone = query.timeZone
      let search = db
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
      if (query.from)
        search = search.where(
          'r.recorded_at',
          '>=',
          sql<Date>`(${query.from}::date)::timestamp at time zone ${zone}`,
        )
      if (query.to)
        search = search.where(
          'r.recorded_at',
          '<',
          sql<Date>`(${query.to}::date + 1)::timestamp at time zone ${zone}`,
        )
      if (query.agentId) search = search.where('s.agent_id', '=', query.agentId)
      if (query.disposition) search = search.where('o.disposition', '=', query.disposition)
      const number = query.number
      if (number)
        search =
          number._tag === 'Whole'
            ? search.where('s.phone', '=', number.e164)
            : search.where(sql`replace(s.phone, '+', '')`, 'like', `%${number.digits}%`)
      const after = query.after
      // Keyset: strictly before the previous page's last recording, in (recorded at, id) order.
      if (after)
        search = isUuid(after.id)
          ? search.where(sql`(r.recorded_at, r.id)`, '<', sql`(${after.at}::timestamptz, ${after.id}::uuid)`)
          : search.where('r.recorded_at', '<', after.at)
      const rows = await search
        .orderBy('r.recorded_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(query.limit)
        .execute()
      return rows.map((row) => ({
        recordingId: row.id,
        status: row.status,
        recordedAt: new Date(row.recorded_at),
        durationSeconds: row.duration_seconds,
        failureReason: row.failure_reason,
        phone: row.phone,
        leadId: row.lead_id,
        agentName: row.display_name,
        disposition: row.disposition,
      }))
    }),
})
