import { Compliance, type E164 } from '@ringlane/core'
import { type Kysely, sql } from 'kysely'
import { attemptWith } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Compliance.SuppressionStoreError, 'suppression store')

/** Opt-outs on a Kysely instance over Postgres or PGlite whose schema is migrated. */
export const suppressionStore = (db: Kysely<DiallerDatabase>): Compliance.SuppressionStoreService => ({
  optedOut: (phones) =>
    attempt('check opt-outs', async () => {
      if (phones.length === 0) return new Set<E164>()
      const rows = await db
        .selectFrom('opt_outs')
        .select('phone')
        .where(sql<boolean>`phone = any(${[...phones]}::text[])`)
        .execute()
      return new Set(rows.map((r) => r.phone as E164))
    }),

  findOptOuts: (phones) =>
    attempt('read opt-outs', async () => {
      if (phones.length === 0) return []
      const rows = await db
        .selectFrom('opt_outs')
        .select(['phone', 'source', 'opted_out_at'])
        .where(sql<boolean>`phone = any(${[...phones]}::text[])`)
        .execute()
      return [...new Set(phones)].flatMap((phone) => {
        const row = rows.find((r) => r.phone === phone)
        return row ? [{ phone, source: row.source, optedOutAt: new Date(row.opted_out_at) }] : []
      })
    }),

  recordOptOut: (phone, source, now) =>
    attempt('record an opt-out', async () => {
      await db
        .insertInto('opt_outs')
        .values({ phone, source, opted_out_at: now })
        .onConflict((oc) => oc.column('phone').doNothing())
        .execute()
    }),

  removeOptOut: (phone) =>
    attempt('remove an opt-out', async () => {
      await db.deleteFrom('opt_outs').where('phone', '=', phone).execute()
    }),
})
