import { Compliance } from '@ringlane/core'
import type { Kysely } from 'kysely'
import { attemptWith } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Compliance.AbandonLedgerError, 'abandon ledger')

/** Answered calls per campaign on a Kysely instance over Postgres or PGlite whose schema is migrated. */
export const abandonLedger = (db: Kysely<DiallerDatabase>): Compliance.AbandonLedgerService => ({
  record: (call) =>
    attempt('record an answered call', async () => {
      await db
        .insertInto('answered_calls')
        .values({
          call_id: call.callId,
          campaign_id: call.campaignId,
          answered_at: call.answeredAt,
          outcome: call.outcome,
        })
        .onConflict((oc) => oc.column('call_id').doNothing())
        .execute()
    }),

  counts: ({ campaignId, since, until }) =>
    attempt('count answered calls', async () => {
      const rows = await db
        .selectFrom('answered_calls')
        .select(['outcome', db.fn.countAll<string>().as('n')])
        .where('campaign_id', '=', campaignId)
        .where('answered_at', '>=', since)
        .where('answered_at', '<', until)
        .groupBy('outcome')
        .execute()
      const counts = { connected: 0, abandoned: 0, machine: 0 }
      for (const row of rows) counts[row.outcome] = Number(row.n)
      return counts
    }),
})
