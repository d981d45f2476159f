import { PGlite } from '@electric-sql/pglite'
import { Jobs } from '@ringlane/core'
import pg from 'pg'
import PgBoss from 'pg-boss'
import { afterAll, describe, expect, it } from 'vitest'
import { type JobSource, type JobSummary, pgliteJobDatabase, startJobRunner } from './job-runner.js'

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

describe('the job runner on embedded PGlite', () => {
  type Name = 'counts' | 'breaks' | 'tidies'
  const ran: Name[] = []
  const source: JobSource<Name> = {
    definitions: [
      { name: 'counts', cron: '*/5 * * * *' },
      { name: 'breaks', cron: '0 * * * *' },
      { name: 'tidies', cron: '30 2 * * *' },
    ],
    run: async (name) => {
      ran.push(name)
      if (name === 'breaks') throw new Error('the source is down')
      return name === 'counts' ? { low: ['unsigned'], regenerated: false } : { recordingsDeleted: 0 }
    },
  }
  let pglite: PGlite
  const heard: Array<[Name, JobSummary]> = []
  const lines: string[] = []
  const start = async () => {
    pglite = await PGlite.create()
    return startJobRunner({
      jobs: source,
      engine: { pglite },
      log: (line) => lines.push(line),
      after: {
        counts: async (summary) => {
          heard.push(['counts', summary])
        },
        tidies: async () => ({ expiredSessions: 1 }),
      },
    })
  }
  let runner: Awaited<ReturnType<typeof start>>
  afterAll(async () => {
    await runner?.stop()
    await pglite?.close()
  })

  it('starts pg-boss with every schedule saved', async () => {
    runner = await start()
    expect(runner.status()).toEqual({ state: 'starting', error: null })
    await runner.ready
    expect(runner.status()).toEqual({ state: 'up', error: null })
    await runner.ping()
    const { rows } = await pglite.query<{ name: string; cron: string; timezone: string }>(
      'select name, cron, timezone from pgboss.schedule order by name',
    )
    expect(rows).toEqual([
      { name: 'breaks', cron: '0 * * * *', timezone: 'UTC' },
      { name: 'counts', cron: '*/5 * * * *', timezone: 'UTC' },
      { name: 'tidies', cron: '30 2 * * *', timezone: 'UTC' },
    ])
  })

  it("runs a job now through pg-boss, then the app's part with its summary", async () => {
    const run = await runner.runNow('counts')
    expect(run).toMatchObject({
      name: 'counts',
      jobId: expect.any(String),
      ok: true,
      summary: { low: ['unsigned'], regenerated: false },
      error: null,
    })
    expect(heard).toEqual([['counts', { low: ['unsigned'], regenerated: false }]])
    expect(runner.lastRuns().map((r) => r.name)).toContain('counts')
  })

  it("adds the app's counts to the summary", async () => {
    const run = await runner.runNow('tidies')
    expect(run.summary).toEqual({ recordingsDeleted: 0, expiredSessions: 1 })
  })

  it('reports a failed run with its message and logs it', async () => {
    const run = await runner.runNow('breaks')
    expect(run).toMatchObject({ name: 'breaks', ok: false, summary: null, error: 'the source is down' })
    expect(lines).toContain('job breaks failed: the source is down')
    expect(runner.status().state).toBe('up')
  })

  it('refuses a job it does not have', async () => {
    await expect(runner.runNow('nope' as Name)).rejects.toThrow(/No job named nope/)
  })

  it('stops, and says so', async () => {
    await runner.stop()
    expect(runner.status().state).toBe('down')
    await expect(runner.ping()).rejects.toThrow(/down/)
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
    // The dialler's jobs, each a slow run that counts overlaps, as a callback-reminder read would be.
    const jobs = (instance: 'a' | 'b'): JobSource<Jobs.JobName> => ({
      definitions: Jobs.jobDefinitions,
      run: async (name) => {
        // Only the job both instances ask for counts; a schedule firing another meanwhile is no overlap.
        if (name !== 'callback-reminders') return {}
        running++
        mostAtOnce = Math.max(mostAtOnce, running)
        runsBy[instance]++
        await new Promise((resolve) => setTimeout(resolve, 150))
        running--
        return { reminded: 0 }
      },
    })
    const options = { engine: { connectionString: url }, log: () => {}, schema, pollingIntervalSeconds: 0.5 }
    const a = startJobRunner({ jobs: jobs('a'), ...options })
    const b = startJobRunner({ jobs: jobs('b'), ...options })
    try {
      await Promise.all([a.ready, b.ready])
      expect([a.status().state, b.status().state]).toEqual(['up', 'up'])
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        const { rows } = await client.query(`select name from "${schema}".schedule order by name`)
        expect(rows.map((row) => row.name)).toEqual(Jobs.jobDefinitions.map((job) => job.name).sort())
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
