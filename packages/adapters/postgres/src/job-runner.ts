import type { Jobs } from '@ringlane/core'
import type PgBoss from 'pg-boss'

/** A job's outcome as counts and ids only: kept in pg-boss's table and fit for a health page. */
export type JobSummary = Jobs.JobSummary

/**
 * The jobs to run and how to run one: `ringlane.jobs` is one (its definitions are the jobs its areas
 * were given). Any object of this shape works, e.g. the dialler's jobs plus an app's own.
 */
export interface JobSource<Name extends string = string> {
  readonly definitions: ReadonlyArray<{ readonly name: Name; readonly cron: string }>
  readonly run: (name: Name) => Promise<JobSummary>
}

/** The slice of an `@electric-sql/pglite` instance pg-boss needs. */
export interface PGliteJobClient {
  query<T>(text: string, params?: Array<unknown>): Promise<{ rows: Array<T> }>
  exec(text: string): Promise<ReadonlyArray<{ rows: Array<unknown> }>>
}

/** pg-boss's database port: one method, `executeSql`. */
export interface JobDatabase {
  executeSql(text: string, values?: ReadonlyArray<unknown>): Promise<{ rows: Array<Record<string, unknown>> }>
}

/**
 * pg-boss on embedded PGlite. A statement with parameters goes through `query`; text without them may
 * hold several statements (pg-boss's schema migrations and its `BEGIN; …; COMMIT;` blocks), which only
 * `exec` runs. Rows of every statement come back in order, as pg-boss reads multi-statement results.
 * PGlite runs `query` and `exec` outside any open transaction, so pg-boss never lands in one of Kysely's.
 */
export const pgliteJobDatabase = (pglite: PGliteJobClient): JobDatabase => ({
  executeSql: async (text, values) => {
    if (values && values.length > 0) {
      const result = await pglite.query<Record<string, unknown>>(text, [...values])
      return { rows: result.rows }
    }
    const results = await pglite.exec(text)
    return { rows: results.flatMap((result) => result.rows as Array<Record<string, unknown>>) }
  },
})

export interface JobRun<Name extends string = string> {
  readonly name: Name
  readonly jobId: string
  readonly startedAt: string
  readonly finishedAt: string
  readonly ok: boolean
  /** Counts for a run that worked; the error's message for one that failed. */
  readonly summary: JobSummary | null
  readonly error: string | null
}

export interface JobRunner<Name extends string = string> {
  /** Settles when the engine is up, the schedules are saved and the workers listen (never rejects: see `status`). */
  readonly ready: Promise<void>
  readonly status: () => { readonly state: 'starting' | 'up' | 'down'; readonly error: string | null }
  /** The last run of each job on this instance. */
  readonly lastRuns: () => ReadonlyArray<JobRun<Name>>
  /** Queues a job now and resolves with its run, once a worker on this instance finished it. */
  readonly runNow: (name: Name) => Promise<JobRun<Name>>
  /** One round trip to the job engine's tables. */
  readonly ping: () => Promise<void>
  readonly stop: () => Promise<void>
}

export interface JobRunnerOptions<Name extends string = string> {
  /** What to run: `ringlane.jobs`, or any `JobSource`. */
  readonly jobs: JobSource<Name>
  /**
   * Where pg-boss keeps its queue: the store's embedded PGlite (through `pgliteJobDatabase`), or
   * server Postgres, where every app instance shares one pg-boss schema.
   */
  readonly engine:
    | { readonly pglite: PGliteJobClient }
    | { readonly connectionString: string; readonly max?: number }
  /**
   * The app's own part of a job, run after the SDK's program on the same run, e.g. telling live
   * dashboards the queue levels, or cleaning the app's own tables: counts it returns join the
   * summary. When it throws, the run fails (and is retried once, the program included).
   */
  readonly after?: {
    readonly [N in Name]?: (summary: JobSummary) => Promise<JobSummary | undefined> | Promise<void>
  }
  /** Where the runner says what went wrong (a failed run, the engine's errors); default `console.warn`. */
  readonly log?: (line: string) => void
  /** Save the cron schedules (default true; tests that drive jobs by hand turn it off). */
  readonly schedule?: boolean
  /** How often idle workers look for work (default 10 s; schedules fire at most once a minute). */
  readonly pollingIntervalSeconds?: number
  /** pg-boss's schema in the database (default `pgboss`). */
  readonly schema?: string
}

/** pg-boss is an optional peer dependency: loaded only when jobs start, so apps without jobs never load it. */
const loadPgBoss = async (): Promise<typeof PgBoss> => {
  try {
    return (await import('pg-boss')).default
  } catch (cause) {
    throw new Error(
      'The job runner needs pg-boss 11: add it to your app (npm install pg-boss@11). ' +
        `Loading it failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    )
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Runs the jobs on pg-boss (a Postgres job engine), in the store's database. Safe with several
 * instances on one Postgres: schedules are rows keyed by name (saving them again changes nothing),
 * the cron fires each slot once across instances, and every queue is `stately` (at most one queued
 * and one running job), on top of the programs' own leases.
 */
export const startJobRunner = <Name extends string>(options: JobRunnerOptions<Name>): JobRunner<Name> => {
  const schema = options.schema ?? 'pgboss'
  const log = options.log ?? ((line: string) => console.warn(line))
  const definitions = options.jobs.definitions
  let boss: PgBoss | undefined
  let state: 'starting' | 'up' | 'down' = 'starting'
  let lastError: string | null = null
  const runs = new Map<Name, JobRun<Name>>()
  const waiters = new Map<Name, Set<(run: JobRun<Name>) => void>>()
  const workers = new Map<Name, string>()

  const perform = async (name: Name, jobId: string) => {
    const startedAt = new Date().toISOString()
    let summary: JobSummary | null = null
    let error: string | null = null
    try {
      summary = await options.jobs.run(name)
      const more = await options.after?.[name]?.(summary)
      if (more) summary = { ...summary, ...more }
    } catch (cause) {
      error = messageOf(cause)
    }
    const run: JobRun<Name> = {
      name,
      jobId,
      startedAt,
      finishedAt: new Date().toISOString(),
      ok: error === null,
      summary,
      error,
    }
    runs.set(name, run)
    const waiting = waiters.get(name)
    waiters.delete(name)
    for (const resolve of waiting ?? []) resolve(run)
    if (error !== null) {
      log(`job ${name} failed: ${error}`)
      // pg-boss records the failure and retries once.
      throw new Error(error)
    }
    return summary
  }

  const ready = (async () => {
    const PgBossClass = await loadPgBoss()
    const { engine } = options
    const started = new PgBossClass(
      'pglite' in engine
        ? { db: pgliteJobDatabase(engine.pglite), schema }
        : { connectionString: engine.connectionString, max: engine.max ?? 4, schema },
    )
    started.on('error', (error) => {
      lastError = error.message
      log(`jobs: ${error.message}`)
    })
    boss = started
    await started.start()
    for (const { name, cron } of definitions) {
      await started.createQueue(name, {
        policy: 'stately',
        retryLimit: 1,
        retryDelay: 30,
        expireInSeconds: 15 * 60,
        deleteAfterSeconds: 7 * 86_400,
      })
      if (options.schedule ?? true) await started.schedule(name, cron, {}, { tz: 'UTC' })
      const workerId = await started.work(
        name,
        { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10, batchSize: 1 },
        async (jobs) => Promise.all(jobs.map((job) => perform(name, job.id))),
      )
      workers.set(name, workerId)
    }
    state = 'up'
  })().catch(async (error: unknown) => {
    state = 'down'
    lastError = messageOf(error)
    log(`jobs did not start: ${lastError}`)
    // Half started (up, but a queue or schedule failed): stop its timers so the process can exit.
    await boss?.stop({ graceful: false, close: true }).catch(() => undefined)
  })

  /** The engine once it is up; rejects with why it is not. */
  const running = async () => {
    await ready
    if (state !== 'up' || !boss) throw new Error(`The job runner is ${state}: ${lastError ?? 'stopped'}`)
    return boss
  }

  return {
    ready,
    status: () => ({ state, error: lastError }),
    lastRuns: () => [...runs.values()],
    runNow: async (name) => {
      if (!definitions.some((job) => job.name === name))
        throw new Error(`No job named ${name}: the runner has ${definitions.map((j) => j.name).join(', ')}`)
      const engine = await running()
      const done = new Promise<JobRun<Name>>((resolve) => {
        const set = waiters.get(name) ?? new Set()
        set.add(resolve)
        waiters.set(name, set)
      })
      // A stately queue holds one waiting job: when one is already queued, this run is that one.
      await engine.send(name, {})
      const workerId = workers.get(name)
      if (workerId) engine.notifyWorker(workerId)
      return done
    },
    ping: async () => {
      const engine = await running()
      const first = definitions[0]
      if (first) await engine.getQueue(first.name)
    },
    stop: async () => {
      await ready
      if (state === 'up' && boss) await boss.stop({ graceful: true, close: true, timeout: 10_000 })
      state = 'down'
    },
  }
}
