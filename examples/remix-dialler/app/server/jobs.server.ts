import type { PGlite } from '@electric-sql/pglite'
import type { Queues } from '@ringlane/core'
import PgBoss from 'pg-boss'
import type { DiallerApp } from './dialler.server'
import { publishQueueLevels } from './live.server'

/** What the jobs work with: the running dialler's parts, nothing request-bound. */
export type JobContext = Pick<DiallerApp, 'ringlane' | 'events' | 'db'>

/** A job's outcome as counts and ids only: it is kept in pg-boss's table and shown by /api/health. */
export type JobSummary = Readonly<Record<string, number | string | boolean | ReadonlyArray<string> | null>>

interface JobDefinition {
  readonly name: string
  /** Five-field cron, UTC. */
  readonly cron: string
  readonly run: (context: JobContext) => Promise<JobSummary>
}

/** Recordings older than this are deleted by the daily job (the rows stay, marked deleted). */
export const RECORDING_RETENTION_DAYS = 365
const DAY = 86_400_000

const regenerationSummary = (result: Queues.RegenerationResult | undefined): JobSummary =>
  result === undefined
    ? { regenerated: false }
    : result._tag === 'AlreadyRunning'
      ? { regenerated: false, alreadyRunning: true }
      : {
          regenerated: true,
          durationMs: result.durationMs,
          inserted: result.queues.map((q) => `${q.queueId}:${q.inserted}`),
        }

/** The background work and when it runs. Each program takes its own lease where overlap would hurt. */
export const jobDefinitions = [
  {
    name: 'queue-level-check',
    cron: '*/5 * * * *',
    run: async (context) => {
      const checked = await context.ringlane.queues.checkLevels()
      await publishQueueLevels(context)
      return { low: checked.low, ...regenerationSummary(checked.regeneration) }
    },
  },
  {
    name: 'queue-regeneration',
    cron: '0 * * * *',
    run: async (context) => {
      const summary = regenerationSummary(await context.ringlane.queues.regenerate())
      await publishQueueLevels(context)
      return summary
    },
  },
  {
    name: 'conversion-tracking',
    cron: '20 * * * *',
    run: async ({ ringlane }) => {
      const queues = await ringlane.queues.trackConversions()
      const links = await ringlane.magicLinks.trackConversions()
      return {
        leadsConverted: queues.reduce((sum, q) => sum + q.converted, 0),
        entriesRemoved: queues.reduce((sum, q) => sum + q.removed, 0),
        linksChecked: links.checked,
        linksConverted: links.converted,
      }
    },
  },
  {
    name: 'callback-reminders',
    cron: '* * * * *',
    run: async ({ ringlane, events }) => {
      // Each reminder is taken once across instances (the store marks it in the same step).
      const due = await ringlane.calls.callbackReminders()
      for (const callback of due) {
        await events.publish({
          type: 'callback-due',
          callbackId: callback.id,
          ownerAgentId: callback.ownerAgentId,
          leadId: callback.leadId,
          dueAt: callback.dueAt.toISOString(),
        })
      }
      return { reminded: due.length }
    },
  },
  {
    name: 'stale-claims',
    cron: '*/3 * * * *',
    run: async ({ ringlane }) => ({ released: await ringlane.queues.expireStaleClaims() }),
  },
  {
    name: 'stale-calls',
    cron: '*/5 * * * *',
    run: async ({ ringlane }) => {
      const report = await ringlane.calls.reconcile()
      return {
        checked: report.checked,
        updatedFromProvider: report.updatedFromProvider,
        timedOut: report.timedOut,
      }
    },
  },
  {
    name: 'recording-retry',
    cron: '*/15 * * * *',
    run: async ({ ringlane }) => {
      const report = await ringlane.recordings.retryFailed()
      return { attempted: report.attempted, stored: report.stored, failed: report.failed }
    },
  },
  {
    name: 'daily-cleanup',
    cron: '30 2 * * *',
    run: async ({ db, ringlane }) => {
      const now = Date.now()
      const sessions = await db
        .deleteFrom('app_sessions')
        .where('expires_at', '<', new Date(now))
        .executeTakeFirst()
      // Sign-in attempts only matter for the rate limit's window; a day is plenty.
      const attempts = await db
        .deleteFrom('login_attempts')
        .where('at', '<', new Date(now - DAY))
        .executeTakeFirst()
      const retention = await ringlane.recordings.applyRetention({ olderThanDays: RECORDING_RETENTION_DAYS })
      return {
        expiredSessions: Number(sessions.numDeletedRows),
        oldLoginAttempts: Number(attempts.numDeletedRows),
        recordingsDeleted: retention.deleted,
        recordingsNotDeleted: retention.failed.length,
      }
    },
  },
] as const satisfies ReadonlyArray<JobDefinition>

export type JobName = (typeof jobDefinitions)[number]['name']

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
export const pgliteJobDatabase = (pglite: Pick<PGlite, 'query' | 'exec'>): JobDatabase => ({
  executeSql: async (text, values) => {
    if (values && values.length > 0) {
      const result = await pglite.query<Record<string, unknown>>(text, [...values])
      return { rows: result.rows }
    }
    const results = await pglite.exec(text)
    return { rows: results.flatMap((result) => result.rows as Array<Record<string, unknown>>) }
  },
})

export interface JobRun {
  readonly name: JobName
  readonly jobId: string
  readonly startedAt: string
  readonly finishedAt: string
  readonly ok: boolean
  /** Counts for a run that worked; the error's message for one that failed. */
  readonly summary: JobSummary | null
  readonly error: string | null
}

export interface Jobs {
  /** Settles when the engine is up, the schedules are saved and the workers listen. */
  readonly ready: Promise<void>
  readonly status: () => { readonly state: 'starting' | 'up' | 'down'; readonly error: string | null }
  /** The last run of each job on this instance. */
  readonly lastRuns: () => ReadonlyArray<JobRun>
  /** Queues a job now and resolves with its run, once a worker on this instance finished it. */
  readonly runNow: (name: JobName) => Promise<JobRun>
  /** One round trip to the job engine's tables. */
  readonly ping: () => Promise<void>
  readonly stop: () => Promise<void>
}

export interface JobsOptions {
  /** Embedded PGlite, or server Postgres where every app instance shares one pg-boss schema. */
  readonly engine: { readonly pglite: Pick<PGlite, 'query' | 'exec'> } | { readonly connectionString: string }
  readonly log: (line: string) => void
  /** Save the cron schedules (default true; tests that drive jobs by hand turn it off). */
  readonly schedule?: boolean
  /** How often idle workers look for work (default 10 s; schedules fire at most once a minute). */
  readonly pollingIntervalSeconds?: number
  /** pg-boss's schema in the store's database (default `pgboss`). */
  readonly schema?: string
}

/**
 * Runs the jobs on pg-boss. Safe with several instances on one Postgres: schedules are rows keyed by
 * name (saving them again changes nothing), the cron fires each slot once across instances, and every
 * queue is `stately` (at most one queued and one running job), on top of the programs' own leases.
 */
export const startJobs = (context: JobContext, options: JobsOptions): Jobs => {
  const schema = options.schema ?? 'pgboss'
  const boss = new PgBoss(
    'pglite' in options.engine
      ? { db: pgliteJobDatabase(options.engine.pglite), schema }
      : { connectionString: options.engine.connectionString, max: 4, schema },
  )
  let state: 'starting' | 'up' | 'down' = 'starting'
  let lastError: string | null = null
  const runs = new Map<JobName, JobRun>()
  const waiters = new Map<JobName, Set<(run: JobRun) => void>>()
  const workers = new Map<JobName, string>()
  boss.on('error', (error) => {
    lastError = error.message
    options.log(`jobs: ${error.message}`)
  })

  const perform = async (definition: JobDefinition, jobId: string) => {
    const startedAt = new Date().toISOString()
    let summary: JobSummary | null = null
    let error: string | null = null
    try {
      summary = await definition.run(context)
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause)
    }
    const run: JobRun = {
      name: definition.name as JobName,
      jobId,
      startedAt,
      finishedAt: new Date().toISOString(),
      ok: error === null,
      summary,
      error,
    }
    runs.set(run.name, run)
    const waiting = waiters.get(run.name)
    waiters.delete(run.name)
    for (const resolve of waiting ?? []) resolve(run)
    if (error !== null) {
      options.log(`job ${run.name} failed: ${error}`)
      // pg-boss records the failure and retries once.
      throw new Error(error)
    }
    return summary
  }

  const ready = (async () => {
    await boss.start()
    for (const definition of jobDefinitions) {
      await boss.createQueue(definition.name, {
        policy: 'stately',
        retryLimit: 1,
        retryDelay: 30,
        expireInSeconds: 15 * 60,
        deleteAfterSeconds: 7 * 86_400,
      })
      if (options.schedule ?? true) await boss.schedule(definition.name, definition.cron, {}, { tz: 'UTC' })
      const workerId = await boss.work(
        definition.name,
        { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10, batchSize: 1 },
        async (jobs) => Promise.all(jobs.map((job) => perform(definition, job.id))),
      )
      workers.set(definition.name, workerId)
    }
    state = 'up'
  })().catch((error: unknown) => {
    state = 'down'
    lastError = error instanceof Error ? error.message : String(error)
    options.log(`jobs did not start: ${lastError}`)
  })

  return {
    ready,
    status: () => ({ state, error: lastError }),
    lastRuns: () => [...runs.values()],
    runNow: async (name) => {
      await ready
      const done = new Promise<JobRun>((resolve) => {
        const set = waiters.get(name) ?? new Set()
        set.add(resolve)
        waiters.set(name, set)
      })
      // A stately queue holds one waiting job: when one is already queued, this run is that one.
      await boss.send(name, {})
      const workerId = workers.get(name)
      if (workerId) boss.notifyWorker(workerId)
      return done
    },
    ping: async () => {
      await boss.getQueue('callback-reminders')
    },
    stop: async () => {
      await ready
      if (state === 'up') await boss.stop({ graceful: true, close: true, timeout: 10_000 })
      state = 'down'
    },
  }
}
