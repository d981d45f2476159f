/**
 * (d) The lead source (MariaDB) behind a TCP proxy that is cut (connections reset, new ones refused)
 * and then paused (connections open, no byte through) while agents validate their leads in bursts.
 * While the source is down no dial may be allowed, every refusal must come within the source timeout
 * (with a little slack for the machine), as a typed error; once it is back, dials are allowed again
 * with the same dialler and pool: no restart.
 */
import { claimsPreset, claimsQueues, generateClaimsSource, migrateClaimsSource } from '@ringlane/claims'
import { createRinglane, type Ringlane } from '@ringlane/core'
import { connectLeadSource, mysqlLeadSource } from '@ringlane/mysql'
import { createPostgresStores } from '@ringlane/postgres'
import {
  createTestMysql,
  createTestPostgres,
  type TestMysql,
  type TestPostgres,
} from '@ringlane/test-database'
import type { Kysely } from 'kysely'
import { createPool, type Pool } from 'mysql2'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { note, printFigures } from './support/figures.ts'
import { tcpProxy } from './support/tcp-proxy.ts'

const AGENTS = 20
const SOURCE_TIMEOUT_MS = 2000
const BREAKER_RESET_MS = 3000
/** What the machine may add to the timeout before a refusal counts as late (2 loaded cores). */
const SLACK_MS = 500
const OUTAGE_MS = 6000
const RECOVERY_LIMIT_MS = 30_000

let mysql: TestMysql
let store: TestPostgres
let proxy: Awaited<ReturnType<typeof tcpProxy>>
let pool: Pool
let dialler: Ringlane

beforeAll(async () => {
  if (!process.env.TEST_MYSQL_URL) throw new Error('TEST_MYSQL_URL must name MariaDB: this scenario needs it')
  mysql = await createTestMysql()
  const writer = connectLeadSource(createPool({ uri: mysql.url, timezone: 'Z' }))
  await migrateClaimsSource(writer as Kysely<unknown>)
  await generateClaimsSource(writer as never, { users: 500, seed: 14 })
  await writer.destroy()
  const target = new URL(mysql.url)
  proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 3306) })
  const proxied = new URL(mysql.url)
  proxied.hostname = '127.0.0.1'
  proxied.port = String(proxy.port)
  // As the app opens its replica (app/server/dialler.server.ts).
  pool = createPool({ uri: proxied.toString(), timezone: 'Z', connectionLimit: 10 })
  store = await createTestPostgres('pglite')
  dialler = await createRinglane({
    stores: await createPostgresStores({ client: store.client }),
    source: mysqlLeadSource({ pool, preset: claimsPreset() }),
    queues: claimsQueues(),
    settings: {
      allowFictionalNumbers: true,
      callingWindow: null,
      // Service calls (the claims desk): only the source decides, so its outage is what is measured.
      callPurpose: 'service',
      sourceTimeoutMs: SOURCE_TIMEOUT_MS,
      breakerResetMs: BREAKER_RESET_MS,
    },
  })
})
afterAll(async () => {
  await dialler?.dispose()
  await new Promise<void>((resolve) => (pool ? pool.end(() => resolve()) : resolve()))
  await proxy?.close()
  await store?.close()
  await mysql?.close()
})

interface Check {
  readonly allowed: boolean
  readonly ms: number
  /** The typed error's tag, or the refusal; `untyped` for anything else. */
  readonly answer: string
}

it('(d) source cut and paused during validation bursts: 0 dials allowed while down, no restart', async () => {
  await dialler.queues.regenerate()
  const agents: Array<{ id: string; entry: string }> = []
  for (let i = 0; i < AGENTS; i++) {
    const agent = await dialler.agents.create({
      email: `src${i}@chaos.test`,
      displayName: `S${i}`,
      role: 'agent',
    })
    await dialler.agents.changeState(agent.id, 'available')
    const entry = await dialler.queues.claimNext(agent.id)
    if (entry) agents.push({ id: agent.id, entry: entry.id })
  }
  const burst = () =>
    Promise.all(
      agents.map(async ({ id, entry }): Promise<Check> => {
        const started = performance.now()
        try {
          const decision = await dialler.dialing.validate(id, entry)
          return {
            allowed: decision._tag === 'Allowed',
            ms: performance.now() - started,
            answer: decision._tag,
          }
        } catch (error) {
          const tag = (error as { _tag?: unknown })._tag
          return {
            allowed: false,
            ms: performance.now() - started,
            answer: typeof tag === 'string' ? tag : 'untyped',
          }
        }
      }),
    )
  /** Bursts for `ms`, one after another. */
  const burstsFor = async (ms: number) => {
    const checks: Check[] = []
    const until = performance.now() + ms
    while (performance.now() < until) checks.push(...(await burst()))
    return checks
  }
  /** From the source's return to the first burst in which every lead is allowed again. */
  const recovery = async () => {
    const started = performance.now()
    while (performance.now() - started < RECOVERY_LIMIT_MS) {
      const checks = await burst()
      if (checks.every((c) => c.allowed)) return performance.now() - started
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return Number.POSITIVE_INFINITY
  }

  const before = await burst()
  proxy.cut()
  const cut = await burstsFor(OUTAGE_MS)
  proxy.restore()
  const afterCut = await recovery()
  proxy.pause()
  const paused = await burstsFor(OUTAGE_MS)
  proxy.restore()
  const afterPause = await recovery()

  const down = [...cut, ...paused]
  const answers: Record<string, number> = {}
  for (const c of down) answers[c.answer] = (answers[c.answer] ?? 0) + 1
  const figures = {
    agents: agents.length,
    allowed_before: before.filter((c) => c.allowed).length,
    checks_while_down: down.length,
    dials_allowed_while_down: down.filter((c) => c.allowed).length,
    refusal_max_ms_cut: Math.round(Math.max(...cut.map((c) => c.ms))),
    refusal_max_ms_paused: Math.round(Math.max(...paused.map((c) => c.ms))),
    source_timeout_ms: SOURCE_TIMEOUT_MS,
    answers_while_down: answers,
    recovery_ms_after_cut: Math.round(afterCut),
    recovery_ms_after_pause: Math.round(afterPause),
    breaker_reset_ms: BREAKER_RESET_MS,
  }
  printFigures('d-source-outage', figures)
  note(`(d) recovery without restart: the same dialler and pool answered again after each outage`)
  expect(figures.allowed_before).toBe(agents.length)
  expect(figures.dials_allowed_while_down).toBe(0)
  expect(figures.refusal_max_ms_cut).toBeLessThanOrEqual(SOURCE_TIMEOUT_MS + SLACK_MS)
  expect(figures.refusal_max_ms_paused).toBeLessThanOrEqual(SOURCE_TIMEOUT_MS + SLACK_MS)
  expect(answers.untyped ?? 0).toBe(0)
  expect(figures.recovery_ms_after_cut).toBeLessThan(RECOVERY_LIMIT_MS)
  expect(figures.recovery_ms_after_pause).toBeLessThan(RECOVERY_LIMIT_MS)
})
