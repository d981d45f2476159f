import { Dialing } from '@ringlane/core'
import { Effect } from 'effect'
import { sql } from 'kysely'
import { connectDiallerStore, type StoreClient } from './connection.js'
import type { DiallerDatabase } from './schema.js'

/**
 * One database session held for as long as this instance leads: a `pg` client of its own (not one
 * the pool lends per query), or the PGlite instance. Only the slice used is typed.
 */
export interface LeaderSession {
  query(text: string, values?: unknown[]): Promise<{ readonly rows: ReadonlyArray<unknown> }>
  /** Gives the session back (pg: `client.release(true)` or `client.end()`). */
  close?(): Promise<void> | void
}

const leadershipError = (operation: string) => (cause: unknown) =>
  new Dialing.Engine.LeadershipError({
    operation,
    message: `Could not ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
  })

/**
 * Pacing leadership by Postgres session advisory lock, one per campaign. The lock lives as long as
 * the session: when the leading instance dies its connection closes, the server frees the lock, and
 * the next instance to ask (every pacing round, 500 ms) leads. An instance that loses its session
 * stops leading at once and opens a new one at its next ask.
 */
export const postgresPacingLeadership = (options: {
  /** Opens the session the locks are held on. */
  readonly connect: () => Promise<LeaderSession>
}): Dialing.Engine.PacingLeadershipService => {
  let session: Promise<LeaderSession> | null = null
  const held = new Set<string>()
  const drop = async () => {
    const lost = session
    session = null
    held.clear()
    if (lost) await Promise.resolve(lost.then((s) => s.close?.())).catch(() => undefined)
  }
  return {
    lead: (campaignId) =>
      Effect.tryPromise({
        try: async () => {
          session ??= options.connect()
          const current = await session
          try {
            if (held.has(campaignId)) {
              // Still ours while the session lives: a round trip proves it.
              await current.query('select 1')
              return true
            }
            const { rows } = await current.query(
              `select pg_try_advisory_lock(hashtext('ringlane.pacing'), hashtext($1)) as leads`,
              [campaignId],
            )
            const leads = (rows[0] as { leads: boolean } | undefined)?.leads === true
            if (leads) held.add(campaignId)
            return leads
          } catch (error) {
            await drop()
            throw error
          }
        },
        catch: leadershipError('take the pacing lead'),
      }).pipe(
        // A lost session means not leading now; the next round tries again.
        Effect.catchAll((error) =>
          Effect.as(
            Effect.logWarning('Pacing leadership session lost').pipe(
              Effect.annotateLogs({ campaignId, error: error.message }),
            ),
            false,
          ),
        ),
      ),
    resign: Effect.tryPromise({
      try: async () => {
        if (session) await (await session).query('select pg_advisory_unlock_all()')
        await drop()
      },
      catch: leadershipError('resign the pacing lead'),
    }),
  }
}

/**
 * The calls-per-second limit shared through Postgres: one row per second and scope (the carrier
 * account), counted under a row lock, so every instance together stays within `callsPerSecond`.
 * Rows older than a minute are cleared as it goes.
 */
export const postgresCallRate = (options: {
  /** The dialler store's client (migrated: the table comes with migration 0028). */
  readonly client: StoreClient
  readonly callsPerSecond: number
  /** Whose limit: one per carrier account; `carrier` by default. */
  readonly scope?: string
}): Dialing.Engine.CallRateLimiterService => {
  const db = connectDiallerStore<DiallerDatabase>(options.client, { preparedStatements: false })
  const scope = options.scope ?? 'carrier'
  return {
    take: (wanted, now) =>
      Effect.tryPromise({
        try: async () => {
          if (wanted <= 0) return 0
          const second = Math.floor(+now / 1000)
          return db.transaction().execute(async (tx) => {
            await sql`insert into engine_call_rate (scope, second, placed) values (${scope}, ${second}, 0)
              on conflict (scope, second) do nothing`.execute(tx)
            const { rows } = await sql<{ placed: number }>`
              select placed from engine_call_rate where scope = ${scope} and second = ${second} for update`.execute(
              tx,
            )
            const placed = rows[0]?.placed ?? 0
            const granted = Math.max(0, Math.min(wanted, options.callsPerSecond - placed))
            if (granted > 0) {
              await sql`update engine_call_rate set placed = placed + ${granted}
                where scope = ${scope} and second = ${second}`.execute(tx)
            }
            if (second % 60 === 0) {
              await sql`delete from engine_call_rate where scope = ${scope} and second < ${second - 60}`.execute(
                tx,
              )
            }
            return granted
          })
        },
        catch: (cause) =>
          new Dialing.Engine.CallRateError({
            operation: 'count calls per second',
            message: `Could not count calls per second: ${cause instanceof Error ? cause.message : String(cause)}`,
            cause,
          }),
      }),
  }
}
