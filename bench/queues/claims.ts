import type { Agents, Queues } from '@ringlane/core'
import { Effect, Option } from 'effect'
import type pg from 'pg'
import { median } from '../measure.ts'
import { log } from './measure.ts'
import { createLikeQueueEntries } from './store.ts'

const BASELINE_TABLE = 'bench_claim_baseline'

interface Claimed {
  readonly id: string
  readonly leadId: string
}

interface Claimer {
  claim(agentId: Agents.AgentId): Promise<Claimed | undefined>
  finish(agentId: Agents.AgentId, entryId: string): Promise<void>
}

/**
 * Every agent claims, finishes what it got (an agent holds one lead at a time, so it must let go
 * before its next claim) and claims again, all at once, until `target` claims were handed out.
 * Throughput counts claims over the whole run.
 */
const drive = async (agents: ReadonlyArray<Agents.AgentId>, target: number, claimer: Claimer) => {
  let issued = 0
  let claimed = 0
  const agentsByLead = new Map<string, Set<string>>()
  const start = performance.now()
  const cpu = process.cpuUsage()
  await Promise.all(
    agents.map(async (agent) => {
      while (issued < target) {
        issued++
        const entry = await claimer.claim(agent)
        if (!entry) return
        claimed++
        const holders = agentsByLead.get(entry.leadId) ?? new Set<string>()
        holders.add(agent)
        agentsByLead.set(entry.leadId, holders)
        await claimer.finish(agent, entry.id)
      }
    }),
  )
  const ms = performance.now() - start
  // This process's own CPU per claim: the client-side cost, apart from what Postgres spends.
  const { user, system } = process.cpuUsage(cpu)
  const cpuUsPerClaim = (user + system) / Math.max(1, claimed)
  const doubleClaims = [...agentsByLead.values()].filter((holders) => holders.size > 1).length
  return { claimed, ms, perSecond: claimed / (ms / 1000), doubleClaims, cpuUsPerClaim }
}

/** Puts every claimed or finished row back to waiting and tidies the table, so each round starts alike. */
const reset = async (pool: pg.Pool, table: string) => {
  await pool.query(
    `update ${table} set status = 'waiting', claimed_by = null, claimed_at = null, finished_at = null
     where status in ('claimed', 'done')`,
  )
  await pool.query(`vacuum analyze ${table}`)
}

/**
 * 200 concurrent claimers through the real store's `claimNextEntry` (the call `claimNextLead` makes,
 * with every queue in priority order), against a bare single-statement `FOR UPDATE SKIP LOCKED`
 * update on a copy of the same rows in a table of the same shape. Same agents, same pool, same
 * claim-then-finish loop, same number of claims; a warm-up round each, then `rounds` rounds that
 * alternate which goes first, with every row reset to waiting between rounds. Medians.
 */
export const measureClaims = async ({
  store,
  pool,
  agents,
  queueIds,
  target,
  warmup,
  rounds,
}: {
  readonly store: Queues.QueueStoreService
  readonly pool: pg.Pool
  readonly agents: ReadonlyArray<Agents.AgentId>
  /** Every queue, in priority order, as `claimNextLead` passes them for an agent who works them all. */
  readonly queueIds: ReadonlyArray<Queues.QueueId>
  readonly target: number
  readonly warmup: number
  readonly rounds: number
}) => {
  await createLikeQueueEntries(pool, BASELINE_TABLE)
  await pool.query(`insert into ${BASELINE_TABLE} select * from queue_entries`)
  await pool.query(`vacuum analyze queue_entries`)
  await pool.query(`vacuum analyze ${BASELINE_TABLE}`)

  // The bare claimer is told which queues hold rows and at which generation, so it needs exactly one
  // statement per claim while a queue lasts; the real store has to find that out.
  const { rows: filled } = await pool.query<{ queue_id: string; generation: number }>(
    `select e.queue_id, e.generation from ${BASELINE_TABLE} e join queues q on q.id = e.queue_id
     where e.status = 'waiting' group by e.queue_id, e.generation, q.priority order by q.priority`,
  )

  const real: Claimer = {
    claim: async (agent) =>
      Option.getOrUndefined(await Effect.runPromise(store.claimNextEntry(agent, queueIds, new Date()))),
    finish: async (agent, entryId) => {
      await Effect.runPromise(store.finishEntry(entryId, agent))
    },
  }
  const baseline: Claimer = {
    claim: async (agent) => {
      for (const { queue_id, generation } of filled) {
        const { rows } = await pool.query<{ id: string; lead_id: string }>(
          `update ${BASELINE_TABLE} set status = 'claimed', claimed_by = $1, claimed_at = $2
           where id = (
             select id from ${BASELINE_TABLE}
             where queue_id = $3 and generation = $4 and status = 'waiting'
               and (reserved_for is null or reserved_for = $1)
             order by score desc, lead_created_at desc, lead_id
             limit 1
             for update skip locked
           )
           returning id, lead_id`,
          [agent, new Date(), queue_id, generation],
        )
        const row = rows[0]
        if (row) return { id: row.id, leadId: row.lead_id }
      }
      return undefined
    },
    finish: async (agent, entryId) => {
      await pool.query(
        `update ${BASELINE_TABLE} set status = 'done', finished_at = now()
         where id = $1 and claimed_by = $2 and status = 'claimed'`,
        [entryId, agent],
      )
    },
  }

  const realRates: number[] = []
  const baselineRates: number[] = []
  let doubleClaims = 0
  for (let round = 0; round <= rounds; round++) {
    const claims = round === 0 ? warmup : target
    const label = round === 0 ? 'warm-up' : `round ${round}`
    const runReal = async () => {
      const result = await drive(agents, claims, real)
      await reset(pool, 'queue_entries')
      return result
    }
    const runBaseline = async () => {
      const result = await drive(agents, claims, baseline)
      await reset(pool, BASELINE_TABLE)
      return result
    }
    const realFirst = round % 2 === 0
    const r = realFirst ? await runReal() : undefined
    const b = await runBaseline()
    const r2 = r ?? (await runReal())
    log(
      `claims ${label}: real ${r2.claimed} in ${r2.ms.toFixed(0)} ms = ${r2.perSecond.toFixed(0)}/s, ${r2.cpuUsPerClaim.toFixed(0)} µs client CPU/claim (${r2.doubleClaims} double); ` +
        `baseline ${b.claimed} in ${b.ms.toFixed(0)} ms = ${b.perSecond.toFixed(0)}/s, ${b.cpuUsPerClaim.toFixed(0)} µs client CPU/claim (${b.doubleClaims} double)`,
    )
    if (r2.claimed < claims || b.claimed < claims) {
      throw new Error(
        `the queues ran dry: ${claims} claims wanted, ${r2.claimed} real, ${b.claimed} baseline`,
      )
    }
    // Every round of the real store counts, the warm-up too: a lead given to two agents is a bug.
    doubleClaims += r2.doubleClaims
    if (round > 0) {
      realRates.push(r2.perSecond)
      baselineRates.push(b.perSecond)
    }
  }
  return { perSecond: median(realRates), baselinePerSecond: median(baselineRates), doubleClaims }
}
