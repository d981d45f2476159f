import { Analytics } from '@ringlane/core'
import { type Kysely, type Selectable, sql } from 'kysely'
import { attemptWith, isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Analytics.SystemErrorStoreError, 'system error store')

const toError = (row: Selectable<DiallerDatabase['system_errors']>): Analytics.SystemError => ({
  id: row.id,
  kind: row.kind,
  cause: row.cause,
  message: row.message,
  source: row.source,
  sessionId: row.session_id,
  leadId: row.lead_id,
  occurredAt: new Date(row.occurred_at),
})

/** System errors kept in Postgres or PGlite (migration 0035); the quality page's counts are SQL. */
export const systemErrorStore = (db: Kysely<DiallerDatabase>): Analytics.SystemErrorStoreService => ({
  record: (error) =>
    attempt('keep a system error', async () =>
      toError(
        await db
          .insertInto('system_errors')
          .values({
            kind: error.kind,
            cause: error.cause,
            message: error.message,
            source: error.source,
            session_id: error.sessionId,
            lead_id: error.leadId,
            occurred_at: error.occurredAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      ),
    ),

  find: (id) =>
    attempt('find a system error', async () => {
      if (!isUuid(id)) return null
      const row = await db.selectFrom('system_errors').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? toError(row) : null
    }),

  summary: (range, latest) =>
    attempt('count system errors', async () => {
      const zone = range.timeZone
      const since = sql`((${range.from}::date)::timestamp at time zone ${zone})`
      const until = sql`((${range.to}::date + 1)::timestamp at time zone ${zone})`
      const inRange = sql<boolean>`e.occurred_at >= ${since} and e.occurred_at < ${until}`
      const kinds = sql`unnest(${sql.val([...Analytics.systemErrorKinds])}::text[]) with ordinality as k(kind, position)`
      const [byKind, byCause, daily, rows] = await Promise.all([
        sql<{ kind: Analytics.SystemError['kind']; count: number }>`
          select k.kind, count(e.id)::int as "count"
          from ${kinds}
          left join system_errors e on e.kind = k.kind and ${inRange}
          group by k.kind, k.position order by k.position`.execute(db),
        sql<{ kind: Analytics.SystemError['kind']; cause: string; count: number; lastAt: Date | string }>`
          select e.kind, e.cause, count(*)::int as "count", max(e.occurred_at) as "lastAt"
          from system_errors e where ${inRange}
          group by e.kind, e.cause
          order by count(*) desc, e.kind, e.cause`.execute(db),
        sql<{ day: string; kind: Analytics.SystemError['kind']; count: number }>`
          select to_char(d.day, 'YYYY-MM-DD') as "day", k.kind, count(e.id)::int as "count"
          from generate_series(${range.from}::date::timestamp, ${range.to}::date::timestamp, interval '1 day') as d(day)
          cross join ${kinds}
          left join system_errors e on e.kind = k.kind and ${inRange}
            and (e.occurred_at at time zone ${zone})::date = d.day::date
          group by d.day, k.kind, k.position
          order by d.day, k.position`.execute(db),
        db
          .selectFrom('system_errors as e')
          .selectAll()
          .where(inRange)
          .orderBy('e.occurred_at', 'desc')
          .orderBy('e.id', 'desc')
          .limit(latest)
          .execute(),
      ])
      return {
        byKind: byKind.rows,
        byCause: byCause.rows.map((r) => ({ ...r, lastAt: new Date(r.lastAt) })),
        daily: daily.rows,
        latest: rows.map(toError),
      }
    }),
})
