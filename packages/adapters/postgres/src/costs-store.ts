import { Calls } from '@ringlane/core'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { conversionsIn, linesByCampaign, linesByQueue, rangeBounds } from './report-sql.js'
import { attemptWith, isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Calls.CostStoreError, 'costs table')

/** The calls that started in a range of days in its zone, each with its outcome and price. */
const pricedCalls = (range: Calls.CostRange) => {
  const { since, until } = rangeBounds(range)
  return sql`
    select s.id, s.agent_id, s.queue_id, s.campaign_id, s.lead_id, s.phone, s.started_at, s.talk_seconds,
      o.disposition, c.amount, c.currency,
      to_char(s.started_at at time zone ${range.timeZone}, 'YYYY-MM-DD') as day
    from call_sessions s
    left join call_outcomes o on o.session_id = s.id
    left join provider_costs c on c.kind = 'call' and c.session_id = s.id
    where s.started_at >= ${since} and s.started_at < ${until}`
}

interface CallRow {
  id: string
  started_at: Date | string
  display_name: string
  phone: string
  queue_id: string
  disposition: string | null
  talk_seconds: number | null
  amount: string | null
  currency: string | null
}

const toCallCost = (row: CallRow): Calls.CallCost => ({
  sessionId: row.id,
  startedAt: new Date(row.started_at),
  agentName: row.display_name,
  phone: row.phone,
  queueId: row.queue_id,
  outcome: row.disposition,
  talkSeconds: row.talk_seconds,
  amount: row.amount,
  currency: row.currency === null ? null : row.currency.trim(),
})

interface LineRow {
  key: string
  label: string
  currency: string | null
  calls: number
  messages: number
  cost: string
  conversions: number
  cost_per_conversion: string | null
}

const toLine = (row: LineRow): Calls.CostLine => ({
  key: row.key,
  label: row.label,
  currency: row.currency === null ? null : row.currency.trim(),
  calls: Number(row.calls),
  messages: Number(row.messages),
  cost: row.cost,
  conversions: Number(row.conversions),
  costPerConversion: row.cost_per_conversion,
})

/** Provider prices of calls and texts over a migrated Kysely instance (Postgres or PGlite). */
export const costStore = (db: Kysely<DiallerDatabase>): Calls.CostStoreService => ({
  unpricedCalls: ({ provider, endedAfter, endedBefore, limit }) =>
    attempt('list unpriced calls', async () => {
      const rows = await db
        .selectFrom('call_sessions as s')
        .leftJoin('provider_costs as c', (join) =>
          join.onRef('c.session_id', '=', 's.id').on('c.kind', '=', 'call'),
        )
        .select(['s.id', 's.provider_call_id', 's.talk_seconds', 's.ended_at'])
        .where('s.provider', '=', provider)
        .where('s.provider_call_id', 'is not', null)
        .where('s.ended_at', '>=', endedAfter)
        .where('s.ended_at', '<', endedBefore)
        .where('c.id', 'is', null)
        .orderBy('s.ended_at')
        .limit(limit)
        .execute()
      return rows.map((row) => ({
        sessionId: row.id,
        providerCallId: row.provider_call_id as string,
        talkSeconds: row.talk_seconds,
        endedAt: new Date(row.ended_at as Date | string),
      }))
    }),

  unpricedMessages: ({ sentAfter, sentBefore, limit }) =>
    attempt('list unpriced texts', async () => {
      const rows = await db
        .selectFrom('sms_messages as m')
        .leftJoin('provider_costs as c', (join) =>
          join.onRef('c.message_id', '=', 'm.id').on('c.kind', '=', 'message'),
        )
        .select(['m.id', 'm.provider_message_id', 'm.segments', 'm.created_at'])
        .where('m.direction', '=', 'outbound')
        .where('m.provider_message_id', 'is not', null)
        .where('m.created_at', '>=', sentAfter)
        .where('m.created_at', '<', sentBefore)
        .where('c.id', 'is', null)
        .orderBy('m.created_at')
        .limit(limit)
        .execute()
      return rows.map((row) => ({
        messageId: row.id,
        providerMessageId: row.provider_message_id as string,
        segments: row.segments,
        sentAt: new Date(row.created_at),
      }))
    }),

  recordCost: (cost, now) =>
    attempt('record a price', async () => {
      const inserted = await db
        .insertInto('provider_costs')
        .values({
          kind: cost.kind,
          provider: cost.provider,
          provider_id: cost.providerId,
          session_id: cost.kind === 'call' ? cost.sessionId : null,
          message_id: cost.kind === 'message' ? cost.messageId : null,
          amount: cost.amount,
          currency: cost.currency,
          units: cost.units,
          occurred_at: cost.occurredAt,
          priced_at: now,
        })
        .onConflict((c) => c.columns(['kind', 'provider', 'provider_id']).doNothing())
        .returning('id')
        .executeTakeFirst()
      return inserted !== undefined
    }),

  costCalls: ({ range, after, limit }) =>
    attempt('list the calls of a cost report', async () => {
      // Keyset: strictly before the previous page's last call, in (started at, id) order.
      const before = !after
        ? sql``
        : isUuid(after.id)
          ? sql`where (p.started_at, p.id) < (${after.at}::timestamptz, ${after.id}::uuid)`
          : sql`where p.started_at < ${after.at}::timestamptz`
      const rows = await sql<CallRow>`
        with priced as (${pricedCalls(range)})
        select p.id, p.started_at, a.display_name, p.phone, p.queue_id, p.disposition, p.talk_seconds,
          p.amount::text as amount, p.currency
        from priced p join agents a on a.id = p.agent_id
        ${before}
        order by p.started_at desc, p.id desc limit ${limit}`.execute(db)
      return rows.rows.map(toCallCost)
    }),

  costBreakdown: (range) =>
    attempt('break down costs', async () => {
      const { since, until } = rangeBounds(range)
      // The range's calls with their price, and the leads converted in the range. A conversion counts
      // for a line when one of the line's calls reached that lead before it converted.
      const base = sql`
        with priced as (${pricedCalls(range)}),
        texts as (
          select m.id, c.amount, c.currency,
            to_char(m.created_at at time zone ${range.timeZone}, 'YYYY-MM-DD') as day
          from sms_messages m
          join provider_costs c on c.kind = 'message' and c.message_id = m.id
          where m.created_at >= ${since} and m.created_at < ${until}
        ),
        converted as (${conversionsIn(range)})`
      /** Calls grouped by `key`, with their conversions and cost per conversion. */
      const lines = (
        key: RawBuilder<unknown>,
        label: RawBuilder<unknown>,
        joins: RawBuilder<unknown> = sql``,
      ) =>
        sql<LineRow>`${base},
          grouped as (
            select ${key} as key, min(${label}) as label, p.currency,
              count(*)::int as calls, coalesce(sum(p.amount), 0)::numeric(14, 6) as cost,
              array_agg(distinct p.lead_id) as leads, min(p.started_at) as first_call
            from priced p ${joins}
            group by ${key}, p.currency
          )
          select g.key, g.label, g.currency, g.calls, 0 as messages, g.cost::text as cost,
            (select count(*) from converted v where v.lead_id = any(g.leads))::int as conversions,
            case when g.currency is null or (select count(*) from converted v where v.lead_id = any(g.leads)) = 0 then null
              else round(g.cost / (select count(*) from converted v where v.lead_id = any(g.leads)), 6)::text
            end as cost_per_conversion
          from grouped g
          order by g.key, g.currency nulls last`.execute(db)
      const [byOutcome, byAgent, byQueue, byCampaign, callDays, textDays, calls] = await Promise.all([
        lines(sql`coalesce(p.disposition, '')`, sql`coalesce(p.disposition, 'no outcome')`),
        lines(sql`p.agent_id::text`, sql`a.display_name`, sql`join agents a on a.id = p.agent_id`),
        lines(...linesByQueue('p')),
        lines(...linesByCampaign('p')),
        lines(sql`p.day`, sql`p.day`),
        sql<{ day: string; currency: string; messages: number; cost: string }>`${base}
          select day, currency, count(*)::int as messages, sum(amount)::text as cost
          from texts group by day, currency order by day`.execute(db),
        sql<CallRow>`${base}
          select p.id, p.started_at, a.display_name, p.phone, p.queue_id, p.disposition, p.talk_seconds,
            p.amount::text as amount, p.currency
          from priced p join agents a on a.id = p.agent_id
          order by p.started_at desc, p.id limit 500`.execute(db),
      ])
      // Texts join their day's line in the same currency (a day with texts only gets a line of its own).
      const days = new Map<string, Calls.CostLine>()
      for (const line of callDays.rows.map(toLine)) days.set(`${line.key}|${line.currency}`, line)
      for (const text of textDays.rows) {
        const currency = text.currency.trim()
        const id = `${text.day}|${currency}`
        const line = days.get(id)
        const micros =
          Calls.toMicros((line?.cost ?? '0') as Calls.Amount) + Calls.toMicros(text.cost as Calls.Amount)
        days.set(id, {
          key: text.day,
          label: text.day,
          currency,
          calls: line?.calls ?? 0,
          messages: text.messages,
          cost: Calls.fromMicros(micros),
          conversions: line?.conversions ?? 0,
          costPerConversion: line?.costPerConversion ?? null,
        })
      }
      const byDay = [...days.values()].sort((a, b) => a.key.localeCompare(b.key))
      // Totals per currency, summed exactly from the day lines.
      const totals = new Map<string | null, { calls: number; messages: number; micros: bigint }>()
      for (const line of byDay) {
        const total = totals.get(line.currency) ?? { calls: 0, messages: 0, micros: 0n }
        total.calls += line.calls
        total.messages += line.messages
        total.micros += Calls.toMicros(line.cost as Calls.Amount)
        totals.set(line.currency, total)
      }
      const conversions = Number(
        (
          await sql<{ n: number }>`${base} select count(*)::int as n from converted v
            where exists (select 1 from priced p where p.lead_id = v.lead_id and p.started_at <= v.converted_at)`.execute(
            db,
          )
        ).rows[0]?.n ?? 0,
      )
      return {
        totals: [...totals].map(([currency, t]) => ({
          key: 'all',
          label: 'All calls and texts',
          currency,
          calls: t.calls,
          messages: t.messages,
          cost: Calls.fromMicros(t.micros),
          conversions,
          // Calls not priced yet have no cost to share out.
          costPerConversion:
            conversions === 0 || currency === null ? null : Calls.fromMicros(t.micros / BigInt(conversions)),
        })),
        byDay,
        byOutcome: byOutcome.rows.map(toLine),
        byAgent: byAgent.rows.map(toLine),
        byQueue: byQueue.rows.map(toLine),
        byCampaign: byCampaign.rows.map(toLine),
        calls: calls.rows.map(toCallCost),
      }
    }),
})
