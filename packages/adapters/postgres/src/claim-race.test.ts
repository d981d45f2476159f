import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Agents, type E164, type Leads, Queues } from '@ringlane/core'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { Effect } from 'effect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresStores, type PostgresStores } from './stores.js'

const run = promisify(execFile)
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url))
const claimers = fileURLToPath(new URL('../test/claimers.mjs', import.meta.url))

// Not a timing test: three OS processes with fifty claimers each race for the same queue on server
// Postgres, and no lead may ever be claimed twice.
describe.runIf(process.env.TEST_DATABASE_URL)('claiming across processes (server Postgres)', () => {
  let database: TestPostgres
  let stores: PostgresStores
  const leads = 3000

  beforeAll(async () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`pnpm build\` before this test`)
    database = await createTestPostgres('postgres')
    stores = await createPostgresStores({ client: database.client })
  })
  afterAll(() => database?.close())

  it('never hands one lead to two claimers', async () => {
    const queue = 'race' as Queues.QueueId
    await Effect.runPromise(
      stores.queues.saveQueueSettings([
        {
          id: queue,
          label: 'Race',
          kind: 'source',
          priority: 1,
          threshold: 0,
          coolingMinutes: 0,
          maxEntries: leads,
          maxCandidates: leads,
          weights: Queues.defaultScoringWeights,
        },
      ]),
    )
    await Effect.runPromise(
      stores.queues.replaceQueueEntries(
        queue,
        Array.from({ length: leads }, (_, i) => ({
          leadId: String(i) as Leads.LeadId,
          phone: '+447700900001' as E164,
          score: i % 97,
          reasons: [],
          leadCreatedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
          reservedFor: null,
          callbackId: null,
        })),
      ),
    )
    const agents: Agents.AgentId[] = []
    for (let i = 0; i < 150; i++) {
      agents.push(
        (
          await Effect.runPromise(
            stores.agents.createAgent({
              email: `r${i}@example.com`,
              displayName: `R${i}`,
              role: 'agent',
              queueIds: [],
              passwordHash: null,
            }),
          )
        ).id,
      )
    }
    const processes = [0, 1, 2].map((p) =>
      run(process.execPath, [claimers], {
        env: {
          ...process.env,
          DATABASE_URL: process.env.TEST_DATABASE_URL,
          SCHEMA: database.schema,
          QUEUE: queue,
          AGENTS: JSON.stringify(agents.slice(p * 50, p * 50 + 50)),
        },
        maxBuffer: 64 * 1024 * 1024,
      }),
    )
    const results = (await Promise.all(processes)).flatMap(
      ({ stdout }) => JSON.parse(stdout) as { agent: string; leadId: string }[],
    )

    const timesClaimed = new Map<string, number>()
    for (const { leadId } of results) timesClaimed.set(leadId, (timesClaimed.get(leadId) ?? 0) + 1)
    expect([...timesClaimed.values()].filter((n) => n > 1)).toEqual([])
    expect(timesClaimed.size).toBe(leads)
    expect(new Set(results.map((r) => r.agent)).size).toBeGreaterThan(100)
    expect(
      await database.query('select status, count(*)::int as n from queue_entries group by status'),
    ).toEqual([{ status: 'done', n: leads }])
  }, 120_000)
})
