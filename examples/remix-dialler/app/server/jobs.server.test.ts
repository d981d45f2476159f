import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DiallerApp, startDialler } from './dialler.server'
import { readEnv } from './env.server'
import { type JobContext, jobDefinitions, pgliteJobDatabase, startJobs } from './jobs.server'

describe('pg-boss on PGlite through pgliteJobDatabase', () => {
  it('runs several statements in one text and parameterised statements, with their rows', async () => {
    const pglite = await PGlite.create()
    const db = pgliteJobDatabase(pglite)
    const many = await db.executeSql(
      'create table t (n int); insert into t values (1), (2); select n from t order by n',
    )
    expect(many.rows).toEqual([{ n: 1 }, { n: 2 }])
    const one = await db.executeSql('select n from t where n > $1', [1])
    expect(one.rows).toEqual([{ n: 2 }])
    await pglite.close()
  })

  it('installs pg-boss, queues a job and hands it to a worker exactly once', async () => {
    const pglite = await PGlite.create()
    const boss = new PgBoss({ db: pgliteJobDatabase(pglite), schema: 'pgboss' })
    boss.on('error', (error) => {
      throw error
    })
    await boss.start()
    await boss.createQueue('probe', { policy: 'stately' })
    const id = await boss.send('probe', { n: 7 })
    expect(id).toEqual(expect.any(String))
    // Stately: a second waiting job of the same queue is refused, not duplicated.
    expect(await boss.send('probe', { n: 8 })).toBeNull()
    const [job] = await boss.fetch<{ n: number }>('probe')
    expect(job?.data).toEqual({ n: 7 })
    expect(await boss.fetch('probe')).toEqual([])
    await boss.complete('probe', job?.id ?? '', { done: true })
    const stored = await boss.getJobById('probe', id ?? '')
    expect(stored?.state).toBe('completed')
    await boss.stop({ graceful: false, close: false })
    await pglite.close()
  })
})

describe('the jobs of the embedded dialler', () => {
  let dir: string
  let running: DiallerApp
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ringlane-jobs-'))
    running = await startDialler(
      readEnv({ RINGLANE_DATA_DIR: dir, DEMO_PEOPLE: '50', PORT: '3999' }),
      () => {},
    )
    await running.jobs.ready
  })
  afterAll(async () => {
    await running?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('starts pg-boss with every schedule saved', async () => {
    expect(running.jobs.status()).toEqual({ state: 'up', error: null })
    await running.jobs.ping()
  })

  it('checks queue levels through pg-boss and tells the live dashboards', async () => {
    const heard: string[] = []
    const { unsubscribe } = running.events.subscribe(null, ({ event }) => heard.push(event.type))
    const run = await running.jobs.runNow('queue-level-check')
    unsubscribe()
    expect(run.ok).toBe(true)
    expect(run.summary).toMatchObject({ low: expect.any(Array) })
    expect(heard).toContain('queue-levels')
    expect(running.jobs.lastRuns().map((r) => r.name)).toContain('queue-level-check')
  })

  it('runs the daily cleanup, deleting expired sessions', async () => {
    const [agent] = await running.db.selectFrom('agents').select('id').limit(1).execute()
    const past = new Date(Date.now() - 3_600_000)
    await running.db
      .insertInto('app_sessions')
      .values({
        id_hash: 'expired',
        agent_id: agent?.id ?? '',
        created_at: past,
        expires_at: past,
        last_seen_at: past,
      })
      .execute()
    const run = await running.jobs.runNow('daily-cleanup')
    expect(run.ok).toBe(true)
    expect(run.summary).toMatchObject({ expiredSessions: 1, recordingsDeleted: 0 })
  })
})

describe.runIf(process.env.TEST_DATABASE_URL)('jobs on server Postgres with two app instances', () => {
  const url = process.env.TEST_DATABASE_URL ?? ''
  const schema = `rl_test_pgboss_${process.pid}_${Date.now()}`
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`drop schema if exists "${schema}" cascade`)
    await client.end()
  })

  it('saves each schedule once and never runs one job on both instances at the same time', async () => {
    let running = 0
    let mostAtOnce = 0
    const runsBy = { a: 0, b: 0 }
    // Only what the callback-reminder job touches: a slow reminder read that counts overlaps.
    const context = (instance: 'a' | 'b') =>
      ({
        ringlane: {
          calls: {
            callbackReminders: async () => {
              running++
              mostAtOnce = Math.max(mostAtOnce, running)
              runsBy[instance]++
              await new Promise((resolve) => setTimeout(resolve, 150))
              running--
              return []
            },
          },
        },
        events: { publish: async () => {} },
      }) as unknown as JobContext
    const options = { engine: { connectionString: url }, log: () => {}, schema, pollingIntervalSeconds: 0.5 }
    const a = startJobs(context('a'), options)
    const b = startJobs(context('b'), options)
    try {
      await Promise.all([a.ready, b.ready])
      expect([a.status().state, b.status().state]).toEqual(['up', 'up'])
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        const { rows } = await client.query(`select name from "${schema}".schedule order by name`)
        expect(rows.map((row) => row.name)).toEqual(jobDefinitions.map((job) => job.name).sort())
      } finally {
        await client.end()
      }
      // Both instances ask for the same job over and over, as two clocks or two supervisors would. A
      // run may land on either instance, so the promises are not awaited.
      for (let i = 0; i < 10; i++) {
        void (i % 2 === 0 ? a : b).runNow('callback-reminders')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await new Promise((resolve) => setTimeout(resolve, 3000))
      expect(mostAtOnce).toBe(1)
      expect(runsBy.a + runsBy.b).toBeGreaterThanOrEqual(2)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  }, 60_000)
})
