/**
 * `pnpm bench:queues`: regeneration, claiming, pre-call validation and lead context on server Postgres
 * (the dialler store) and MariaDB (the lead source), at seed scale and at 10x. Prints one JSON line
 * on stdout; progress goes to stderr. A measurement, not a test: nothing here passes or fails on
 * speed. See bench/README.md for what each number means.
 */

import { claimsPreset, claimsQueues } from '@ringlane/claims'
import {
  type Agents,
  createRinglane,
  Queues,
  type Ringlane,
  type RinglaneSettingsInput,
} from '@ringlane/core'
import { mysqlLeadSource } from '@ringlane/mysql'
import { Either } from 'effect'
import { round, seeded } from '../measure.ts'
import { measureClaims } from './claims.ts'
import { latency, log } from './measure.ts'
import { measureRegeneration } from './regeneration.ts'
import { prepareSource } from './source.ts'
import { prepareStore } from './store.ts'

const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306'

/** The generated phones are Ofcom drama numbers; calling hours would make results depend on the clock. */
const settings: RinglaneSettingsInput = {
  allowFictionalNumbers: true,
  callingWindow: null,
  callPurpose: 'service',
}
const CLAIMERS = 200
/** Agents who hold a lead each while pre-call validation is measured: half per source queue. */
const VALIDATORS = 100
/** Regeneration keeps 500 entries per queue by default: too few for 200 claimers to work through. */
const CLAIM_PHASE_MAX_ENTRIES = 20_000

const resolved = (definitions: ReturnType<typeof claimsQueues>) =>
  Either.getOrThrowWith(Queues.resolveQueues(definitions), (error) => error)

const createAgents = async (dialler: Ringlane, prefix: string, count: number, queueIds: string[] = []) => {
  const ids: Agents.AgentId[] = []
  for (let i = 0; i < count; i++) {
    const agent = await dialler.agents.create({
      email: `${prefix}${i}@bench.ringlane.test`,
      displayName: `${prefix} ${i}`,
      role: 'agent',
      queueIds,
    })
    await dialler.agents.changeState(agent.id, 'available')
    ids.push(agent.id)
  }
  return ids
}

const benchScale = async (users: number) => {
  log(`--- ${users} users ---`)
  const source = await prepareSource(MYSQL_URL, users)
  const { pool, stores, close } = await prepareStore(POSTGRES_URL)
  const leadSource = mysqlLeadSource({ pool: source.pool, preset: claimsPreset() })
  try {
    // Regeneration with the shipped queues as they are (maxEntries 500).
    const shipped = claimsQueues()
    const regenDialler = await createRinglane({ stores, source: leadSource, queues: shipped, settings })
    const regen = await measureRegeneration({
      dialler: regenDialler,
      source: source.db,
      pool,
      queues: resolved(shipped),
      rounds: 3,
    })
    await regenDialler.dispose()

    // Claims need deep queues: the same queues keeping up to 20,000 entries each.
    const deep = claimsQueues({
      unsigned: { maxEntries: CLAIM_PHASE_MAX_ENTRIES },
      outstanding: { maxEntries: CLAIM_PHASE_MAX_ENTRIES },
    })
    const dialler = await createRinglane({ stores, source: leadSource, queues: deep, settings })
    const regenerated = await dialler.queues.regenerate()
    if (regenerated._tag !== 'Regenerated') throw new Error('regeneration did not run')
    const waiting = regenerated.queues.reduce((sum, q) => sum + q.inserted, 0)
    log(
      `claim phase: queues rebuilt with maxEntries ${CLAIM_PHASE_MAX_ENTRIES}: ${regenerated.queues.map((q) => `${q.queueId} ${q.inserted}`).join(', ')}`,
    )
    const claimers = await createAgents(dialler, 'claimer', CLAIMERS)
    const claims = await measureClaims({
      store: stores.queues,
      pool,
      agents: claimers,
      queueIds: resolved(deep).map((q) => q.id),
      // Most of what is queued, so the run is long enough to mean something but never runs dry.
      target: Math.min(10_000, Math.floor(waiting * 0.7)),
      warmup: 2000,
      rounds: 3,
    })

    // Pre-call validation: each agent holds a lead claimed through the facade; half of them work the
    // outstanding queue, whose re-check also counts pending requirements.
    const validators = [
      ...(await createAgents(dialler, 'any', VALIDATORS / 2)),
      ...(await createAgents(dialler, 'outstanding', VALIDATORS / 2, ['outstanding'])),
    ]
    const held: Array<{ agentId: string; entryId: string; leadId: string }> = []
    for (const agentId of validators) {
      const entry = await dialler.queues.claimNext(agentId)
      if (!entry) throw new Error('no lead left to validate')
      held.push({ agentId, entryId: entry.id, leadId: entry.leadId })
    }
    const decisions = { Allowed: 0, Refused: 0 }
    const validate = await latency('validateBeforeDial', { warmup: 300, samples: 3000 }, async (i) => {
      const { agentId, entryId } = held[i % held.length] as (typeof held)[number]
      decisions[(await dialler.dialing.validate(agentId, entryId))._tag]++
    })
    log(`validateBeforeDial decisions: ${decisions.Allowed} allowed, ${decisions.Refused} refused`)

    // Lead context for random queued leads, as agents open them.
    const { rows: queued } = await pool.query<{ lead_id: string }>(
      'select lead_id from queue_entries order by lead_id',
    )
    const next = seeded(users)
    const context = await latency('leadContext', { warmup: 300, samples: 3000 }, async () => {
      const lead = queued[Math.floor(next() * queued.length)] as { lead_id: string }
      await dialler.leads.context(validators[0] as string, lead.lead_id)
    })
    await dialler.dispose()

    return {
      regen_ms: round(regen.regenMs, 1),
      regen_baseline_ms: round(regen.baselineMs, 1),
      claims_per_s_200: Math.round(claims.perSecond),
      claims_baseline_per_s_200: Math.round(claims.baselinePerSecond),
      validate_p50_ms: round(validate.p50),
      validate_p99_ms: round(validate.p99),
      context_p50_ms: round(context.p50),
      context_p99_ms: round(context.p99),
      double_claims: claims.doubleClaims,
    }
  } finally {
    await close()
    await source.close()
  }
}

const summary = (label: string, r: Awaited<ReturnType<typeof benchScale>>) =>
  log(
    `${label}: regen ${(r.regen_ms / r.regen_baseline_ms).toFixed(2)}x baseline (target <= 1.5), ` +
      `claims ${(r.claims_per_s_200 / r.claims_baseline_per_s_200).toFixed(2)}x baseline (target >= 0.7), ` +
      `validate p99 ${r.validate_p99_ms} ms (target <= 5), context p99 ${r.context_p99_ms} ms (target <= 20), ` +
      `double claims ${r.double_claims} (target 0)`,
  )

const started = performance.now()
const seed = await benchScale(10_000)
const tenfold = await benchScale(100_000)
summary('seed scale (10,000 users)', seed)
summary('10x seed scale (100,000 users)', tenfold)
log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`)
console.log(JSON.stringify({ ...tenfold, seed }))
