import { Compliance, type E164 } from '@ringlane/core'
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import { attemptWith } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Compliance.DialEvidenceStoreError, 'dial evidence store')

type Scoped = SelectQueryBuilder<DiallerDatabase, 'dial_decisions', object>

const inScope = (query: Scoped, scope: Compliance.DecisionScope): Scoped => {
  let q = query.where('decided_at', '>=', scope.since).where('decided_at', '<', scope.until)
  if (scope.campaignId !== undefined) q = q.where('campaign_id', '=', scope.campaignId)
  if (scope.queueId !== undefined) q = q.where('queue_id', '=', scope.queueId)
  if (scope.profileId !== undefined) q = q.where('profile_id', '=', scope.profileId)
  return q
}

/** Dial decisions on a Kysely instance over Postgres or PGlite whose schema is migrated. */
export const dialEvidenceStore = (db: Kysely<DiallerDatabase>): Compliance.DialEvidenceStoreService => ({
  record: (d) =>
    attempt('record a dial decision', async () => {
      const row = await db
        .insertInto('dial_decisions')
        .values({
          decided_at: d.decidedAt,
          outcome: d.outcome,
          agent_id: d.agentId,
          lead_id: d.leadId,
          queue_id: d.queueId,
          campaign_id: d.campaignId,
          entry_id: d.entryId,
          call_id: d.callId,
          phone: d.phone,
          profile_id: d.profileId,
          profile_version: d.profileVersion,
          refusals: JSON.stringify(d.refusals),
          checked: JSON.stringify(d.checked),
          compliance: d.compliance === null ? null : JSON.stringify(d.compliance),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    }),

  summary: (scope) =>
    attempt('summarise dial decisions', async () => {
      const where = sql.join(
        [
          sql`d.decided_at >= ${scope.since}`,
          sql`d.decided_at < ${scope.until}`,
          ...(scope.campaignId === undefined ? [] : [sql`d.campaign_id = ${scope.campaignId}`]),
          ...(scope.queueId === undefined ? [] : [sql`d.queue_id = ${scope.queueId}`]),
          ...(scope.profileId === undefined ? [] : [sql`d.profile_id = ${scope.profileId}`]),
        ],
        sql` and `,
      )
      const [totals] = (
        await sql<{ decisions: string; allowed: string }>`select count(*) as decisions,
          count(*) filter (where d.outcome = 'allowed') as allowed
          from dial_decisions d where ${where}`.execute(db)
      ).rows
      const byRule = (
        await sql<{ rule_id: string; code: string; n: string }>`select
          coalesce(r.value->>'ruleId', r.value->>'code') as rule_id, r.value->>'code' as code, count(*) as n
          from dial_decisions d cross join lateral jsonb_array_elements(d.refusals) r
          where ${where} group by 1, 2 order by 3 desc, 1`.execute(db)
      ).rows
      const notApplicable = (
        await sql<{ rule_id: string; n: string }>`select na.value->>'ruleId' as rule_id, count(*) as n
          from dial_decisions d
          cross join lateral jsonb_array_elements(coalesce(d.compliance->'notApplicable', '[]'::jsonb)) na
          where ${where} and d.outcome = 'allowed' group by 1 order by 2 desc, 1`.execute(db)
      ).rows
      const decisions = Number(totals?.decisions ?? 0)
      const allowed = Number(totals?.allowed ?? 0)
      return {
        decisions,
        allowed,
        refused: decisions - allowed,
        refusalsByRule: byRule.map((r) => ({ ruleId: r.rule_id, code: r.code, count: Number(r.n) })),
        notApplicableByRule: notApplicable.map((r) => ({ ruleId: r.rule_id, count: Number(r.n) })),
      }
    }),

  list: (scope) =>
    attempt('read dial decisions', async () => {
      let q = inScope(db.selectFrom('dial_decisions') as Scoped, scope).selectAll()
      if (scope.outcome) q = q.where('outcome', '=', scope.outcome)
      const rows = await q.orderBy('decided_at', 'desc').orderBy('id').limit(scope.limit).execute()
      const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value)
      return rows.map((row) => ({
        id: row.id,
        decidedAt: new Date(row.decided_at),
        outcome: row.outcome,
        agentId: row.agent_id,
        leadId: row.lead_id,
        queueId: row.queue_id,
        campaignId: row.campaign_id,
        entryId: row.entry_id,
        callId: row.call_id,
        phone: row.phone as E164 | null,
        profileId: row.profile_id,
        profileVersion: row.profile_version,
        refusals: parsed(row.refusals),
        checked: parsed(row.checked),
        compliance: row.compliance === null ? null : parsed(row.compliance),
      }))
    }),
})
