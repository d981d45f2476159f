import type { ClaimsSource } from '@ringlane/claims'
import type { Queues, Ringlane } from '@ringlane/core'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import { median, timed } from '../measure.ts'
import { log } from './measure.ts'
import { createLikeQueueEntries } from './store.ts'

const BASELINE_TABLE = 'bench_regen_baseline'
const BATCH = 5000

/**
 * The floor under regeneration: the same candidate queries, run on the same MariaDB pool with the
 * same cut-off and limit, and every row they return written unscored (score 0, no reasons, the phone
 * as the source has it) into a table shaped like `queue_entries`, in batches of 5,000 through
 * `unnest`, the way the store writes. No dialler-store reads, no exclusions, no scoring, no sorting,
 * no number parsing, no generation swap. It writes every candidate, more rows than regeneration
 * keeps (the top `maxEntries` per queue), so it is never flattered.
 */
const baselineRegeneration = async (
  source: Kysely<ClaimsSource>,
  pool: pg.Pool,
  queues: ReadonlyArray<Queues.ResolvedQueue<ClaimsSource>>,
) => {
  let rows = 0
  for (const queue of queues) {
    if (!queue.candidates) continue
    const candidates = await queue.candidates(source, {
      createdBefore: new Date(Date.now() - queue.coolingMinutes * 60_000),
      limit: queue.maxCandidates,
    })
    for (let i = 0; i < candidates.length; i += BATCH) {
      const batch = candidates.slice(i, i + BATCH)
      await pool.query(
        `insert into ${BASELINE_TABLE} (queue_id, generation, status, lead_id, phone, score, reasons, lead_created_at)
         select $1, 1, 'waiting', lead_id, phone, 0, '[]'::jsonb, lead_created_at
         from unnest($2::text[], $3::text[], $4::timestamptz[]) as t(lead_id, phone, lead_created_at)`,
        [
          queue.id,
          batch.map((c) => c.leadId),
          batch.map((c) => c.phone),
          batch.map((c) => c.leadCreatedAt.toISOString()),
        ],
      )
    }
    rows += candidates.length
  }
  return rows
}

/**
 * Regeneration through the real program (`ringlane.queues.regenerate()`), against the baseline, side by
 * side: one warm-up round, then `rounds` rounds that alternate which goes first. Medians.
 */
export const measureRegeneration = async ({
  dialler,
  source,
  pool,
  queues,
  rounds,
}: {
  readonly dialler: Ringlane
  readonly source: Kysely<ClaimsSource>
  readonly pool: pg.Pool
  readonly queues: ReadonlyArray<Queues.ResolvedQueue<ClaimsSource>>
  readonly rounds: number
}) => {
  await createLikeQueueEntries(pool, BASELINE_TABLE)
  const real: number[] = []
  const baseline: number[] = []
  for (let round = 0; round <= rounds; round++) {
    const runReal = async () => {
      const { value, ms } = await timed(() => dialler.queues.regenerate())
      if (value._tag !== 'Regenerated')
        throw new Error('regeneration did not run: another one holds the lease')
      return { ms, summary: value.queues.map((q) => `${q.queueId} ${q.inserted}/${q.candidates}`).join(', ') }
    }
    const runBaseline = async () => {
      await pool.query(`truncate ${BASELINE_TABLE}`)
      const { value, ms } = await timed(() => baselineRegeneration(source, pool, queues))
      return { ms, rows: value }
    }
    const realFirst = round % 2 === 0
    const r = realFirst ? await runReal() : undefined
    const b = await runBaseline()
    const r2 = r ?? (await runReal())
    const label = round === 0 ? 'warm-up' : `round ${round}`
    log(
      `regeneration ${label}: real ${r2.ms.toFixed(0)} ms (kept/candidates: ${r2.summary}); baseline ${b.ms.toFixed(0)} ms (${b.rows} rows)`,
    )
    if (round > 0) {
      real.push(r2.ms)
      baseline.push(b.ms)
    }
  }
  return { regenMs: median(real), baselineMs: median(baseline) }
}
