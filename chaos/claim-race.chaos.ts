/**
 * (a) Three OS processes × 50 agents work one queue set on server Postgres for 20 s: claim, release,
 * skip, start a call and record its outcome. No lead may be held by two agents at once, and no entry
 * may be lost: at the end none is left claimed, and every outcome acknowledged is stored.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { claimsPreset, claimsQueues, generateClaimsSource, migrateClaimsSource } from '@ringlane/claims'
import { createRinglane } from '@ringlane/core'
import { connectDiallerStore, createPostgresStores, postgresLeadSource } from '@ringlane/postgres'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { note, printFigures } from './support/figures.ts'

const run = promisify(execFile)
const worker = fileURLToPath(new URL('./claim-race.worker.ts', import.meta.url))
const PROCESSES = 3
const AGENTS_EACH = 50
const SECONDS = Number(process.env.CHAOS_SECONDS ?? 20)
// Enough that a quiet machine does not empty the queues within the 20 s.
const PEOPLE = 6000

let database: TestPostgres
const url = process.env.TEST_DATABASE_URL

beforeAll(async () => {
  if (!url) throw new Error('TEST_DATABASE_URL must name server Postgres: this scenario needs it')
  database = await createTestPostgres('postgres')
})
afterAll(async () => {
  await database?.query(`drop schema if exists "${database.schema}_src" cascade`).catch(() => undefined)
  await database?.close()
})

it('(a) 3 processes × 50 agents: 0 double claims, 0 lost entries', async () => {
  const sourceSchema = `${database.schema}_src`
  const pool = database.client as pg.Pool
  const stores = await createPostgresStores({ client: pool })
  const source = connectDiallerStore(pool).withSchema(sourceSchema)
  await sql`create schema ${sql.id(sourceSchema)}`.execute(connectDiallerStore(pool))
  await migrateClaimsSource(source as Kysely<unknown>)
  await generateClaimsSource(source as never, { users: PEOPLE, seed: 14 })
  const dialler = await createRinglane({
    stores,
    source: postgresLeadSource({ client: pool, preset: claimsPreset(), schema: sourceSchema }),
    queues: claimsQueues({ unsigned: { maxEntries: 20_000 }, outstanding: { maxEntries: 20_000 } }),
    // Service calls (the claims desk): no TPS/CTPS copy needed, so the race dials as a desk would.
    settings: { allowFictionalNumbers: true, callingWindow: null, callPurpose: 'service' },
  })
  await dialler.queues.regenerate()
  const agents: string[] = []
  for (let i = 0; i < PROCESSES * AGENTS_EACH; i++)
    agents.push(
      (await dialler.agents.create({ email: `a${i}@chaos.test`, displayName: `A${i}`, role: 'agent' })).id,
    )
  const queued = await database.query<{ n: number }>(
    "select count(*)::int as n from queue_entries where status = 'waiting'",
  )
  note(`(a) ${queued[0]?.n} entries waiting; ${PROCESSES} processes × ${AGENTS_EACH} agents for ${SECONDS} s`)
  await dialler.dispose()

  const until = Date.now() + 3000 + SECONDS * 1000
  const results = await Promise.all(
    Array.from({ length: PROCESSES }, (_, p) =>
      run(process.execPath, [worker], {
        env: {
          ...process.env,
          DATABASE_URL: url,
          SCHEMA: database.schema,
          SOURCE_SCHEMA: sourceSchema,
          AGENTS: JSON.stringify(agents.slice(p * AGENTS_EACH, (p + 1) * AGENTS_EACH)),
          UNTIL: String(until),
          SEED: String(p + 1),
        },
        maxBuffer: 256 * 1024 * 1024,
      }).then(({ stdout }) => JSON.parse(stdout) as WorkerResult),
    ),
  )
  const holds = results.flatMap((r) => r.holds)
  const outcomes = results.flatMap((r) => r.outcomes)
  const errors: Record<string, number> = {}
  for (const r of results)
    for (const [tag, n] of Object.entries(r.errors)) errors[tag] = (errors[tag] ?? 0) + n
  const ended = { released: 0, skipped: 0, called: 0, refused: 0 }
  for (const r of results)
    for (const key of Object.keys(ended) as Array<keyof typeof ended>) ended[key] += r.ended[key]

  // A lead held twice: a second claim of it returned before the first holder began giving it back.
  const byLead = new Map<string, typeof holds>()
  for (const hold of holds) byLead.set(hold.lead, [...(byLead.get(hold.lead) ?? []), hold])
  let doubleClaims = 0
  for (const list of byLead.values()) {
    list.sort((a, b) => a.claimed - b.claimed)
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1] as (typeof list)[number]
      if ((list[i] as (typeof list)[number]).claimed < before.freeing) doubleClaims++
    }
  }
  // Lost: an entry still claimed when every agent has let go, or an acknowledged outcome not stored.
  const stillClaimed = await database.query<{ n: number }>(
    "select count(*)::int as n from queue_entries where status = 'claimed'",
  )
  const stored = await database.query<{ n: number }>(
    'select count(*)::int as n from call_outcomes where session_id = any($1::uuid[])',
    [outcomes],
  )
  const done = await database.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from queue_entries group by status order by status',
  )
  const figures = {
    processes: PROCESSES,
    agents: agents.length,
    seconds: SECONDS,
    claims: holds.length,
    ...ended,
    outcomes_acknowledged: outcomes.length,
    outcomes_stored: stored[0]?.n ?? 0,
    entries_by_status: Object.fromEntries(done.map((row) => [row.status, row.n])),
    double_claims: doubleClaims,
    // Every entry queued at the start is still there, in one status or another.
    lost_entries:
      (stillClaimed[0]?.n ?? 0) +
      (outcomes.length - (stored[0]?.n ?? 0)) +
      ((queued[0]?.n ?? 0) - done.reduce((sum, row) => sum + row.n, 0)),
    errors,
  }
  printFigures('a-claim-race', figures)
  expect(figures.double_claims).toBe(0)
  expect(figures.lost_entries).toBe(0)
  expect(figures.errors).toEqual({})
  expect(figures.claims).toBeGreaterThan(agents.length)
  // The storm records outcomes too: a run where every dial was refused would prove nothing about them.
  expect(figures.outcomes_acknowledged).toBeGreaterThan(0)
})

interface WorkerResult {
  readonly holds: Array<{ entry: string; lead: string; agent: string; claimed: number; freeing: number }>
  readonly outcomes: string[]
  readonly ended: { released: number; skipped: number; called: number; refused: number }
  readonly errors: Record<string, number>
}
