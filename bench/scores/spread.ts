/**
 * `pnpm bench:scores`: how far the claims preset's scores spread a generated demo source apart. Makes
 * the demo data in a schema of its own on server Postgres, scores every candidate of each source queue
 * as a fresh dialler would (no contact history yet), and prints one JSON line: per queue, the distinct
 * scores and their spread over all candidates and over the entries a queue keeps (the best 500), with
 * the factors and weights shipped before (three value tiers, five requirements at most) beside them.
 * A measurement, not a test.
 */

import {
  type ClaimsFacts,
  claimsPreset,
  claimsQueues,
  claimsScoreFactors,
  demoLenderImportance,
  generateClaimsSource,
  migrateClaimsSource,
} from '@ringlane/claims'
import { type LeadId, type Leads, Queues } from '@ringlane/core'
import { connectDiallerStore, postgresLeadSource } from '@ringlane/postgres'
import { Effect } from 'effect'
import type { Kysely } from 'kysely'
import pg from 'pg'

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const USERS = Number(process.env.BENCH_USERS ?? 10_000)
/** What a queue keeps by default: the entries agents are handed. */
const KEPT = 500
const now = new Date(process.env.BENCH_NOW ?? '2026-11-26T10:30:00Z')

const before = claimsScoreFactors({
  maxPendingRequirements: 5,
  claimValueTiers: [
    { over: 5000, points: 10 },
    { over: 10000, points: 20 },
  ],
  preferredTimeOfDay: 0,
})
const after = claimsScoreFactors({ lenderImportance: demoLenderImportance })

const spread = (scores: ReadonlyArray<number>) => {
  const sorted = [...scores].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1)
  const sd = Math.sqrt(sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / (sorted.length || 1))
  const counts = new Map<number, number>()
  for (const s of sorted) counts.set(s, (counts.get(s) ?? 0) + 1)
  return {
    leads: sorted.length,
    distinct: counts.size,
    min: sorted[0] ?? null,
    p10: at(0.1),
    median: at(0.5),
    p90: at(0.9),
    max: sorted.at(-1) ?? null,
    stdev: Math.round(sd * 10) / 10,
    /** The share of leads on the most common score: 1 means every lead looks the same. */
    largestTie: Math.round(((Math.max(0, ...counts.values()) || 0) / (sorted.length || 1)) * 1000) / 1000,
  }
}

const score = (candidate: Leads.Candidate, factors: ReturnType<typeof claimsScoreFactors>) =>
  Queues.scoreLead(
    {
      now,
      leadCreatedAt: candidate.leadCreatedAt,
      lastContactAt: null,
      attempts: 0,
      lastOutcome: null,
      callbackDue: false,
    },
    Queues.defaultScoringWeights,
    factors,
    candidate.facts as ClaimsFacts,
  )

const pool = new pg.Pool({ connectionString: URL, max: 2 })
const schema = `score_spread_${Math.random().toString(36).slice(2, 10)}`
try {
  await pool.query(`create schema ${schema}`)
  const writer = connectDiallerStore(pool).withSchema(schema)
  await migrateClaimsSource(writer as Kysely<unknown>)
  await generateClaimsSource(writer as never, { users: USERS, seed: 20_240_601, now })
  const source = postgresLeadSource({ client: pool, preset: claimsPreset(), schema })
  const queues: Record<string, unknown> = {}
  for (const queue of claimsQueues().filter((q) => q.kind === 'source')) {
    const candidates = await Effect.runPromise(
      source.candidates(queue.id as never, { createdBefore: new Date(+now - 2 * 3600_000), limit: 20_000 }),
    )
    const result = (factors: ReturnType<typeof claimsScoreFactors>) => {
      const scored = candidates.map((c) => ({ leadId: c.leadId as LeadId, ...score(c, factors) }))
      const kept = scored
        .map((s) => s.score)
        .sort((a, b) => b - a)
        .slice(0, KEPT)
      const zeroReasons = scored.reduce((n, s) => n + s.reasons.filter((r) => r.points === 0).length, 0)
      const reasons = scored.reduce((n, s) => n + s.reasons.length, 0)
      return {
        all: spread(scored.map((s) => s.score)),
        kept: spread(kept),
        zeroPointReasonShare: Math.round((zeroReasons / (reasons || 1)) * 1000) / 1000,
      }
    }
    queues[queue.id] = { before: result(before), after: result(after) }
  }
  console.log(JSON.stringify({ users: USERS, at: now.toISOString(), kept: KEPT, queues }))
} finally {
  await pool.query(`drop schema if exists ${schema} cascade`)
  await pool.end()
}
