import type { Jobs as SdkJobs } from '@ringlane/core'
import { type JobRunner, type JobRunnerOptions, type JobSummary, startJobRunner } from '@ringlane/postgres'
import { signOffExpiredSessions } from './auth.server'
import type { DiallerApp } from './dialler.server'
import { publishQueueLevels } from './live.server'
import { deliverOpsAlerts, type OpsContext } from './ops-alerts.server'

/** What the jobs work with: the running dialler's parts, nothing request-bound. */
export type JobContext = Pick<DiallerApp, 'ringlane' | 'events' | 'db'> & OpsContext

export type JobName = SdkJobs.JobName

/** The dialler's jobs on pg-boss: status, last runs, `runNow` for tests and health. */
export type Jobs = JobRunner<JobName>

const DAY = 86_400_000

/** The app's own part of the daily cleanup: expired sign-in sessions and old sign-in attempts. */
const cleanUpAppTables = async ({ db }: Pick<JobContext, 'db'>): Promise<JobSummary> => {
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
  return {
    expiredSessions: Number(sessions.numDeletedRows),
    oldLoginAttempts: Number(attempts.numDeletedRows),
  }
}

export type JobsOptions = Pick<
  JobRunnerOptions<JobName>,
  'engine' | 'log' | 'schedule' | 'pollingIntervalSeconds' | 'schema'
>

/**
 * Runs the SDK's jobs (`ringlane.jobs`: queue levels, regeneration, conversions, callback reminders,
 * stale claims and calls, recording retries, retention) on the adapter's pg-boss runner, adding the
 * app's part: live dashboards hear the queue levels after the queue jobs, and the daily cleanup also
 * clears the app's own tables. Callback reminders reach agents as `CallbackDue` domain events.
 */
export const startJobs = (context: JobContext, options: JobsOptions): Jobs => {
  const runner: Jobs = startJobRunner({
    jobs: context.ringlane.jobs,
    ...options,
    after: {
      // Then the ops tool hears the alerts if they changed (a failed delivery fails this run, and is
      // tried again at the next).
      'queue-level-check': async () => {
        await publishQueueLevels(context)
        return deliverOpsAlerts(context, () => runner.lastRuns())
      },
      'queue-regeneration': () => publishQueueLevels(context),
      'daily-cleanup': () => cleanUpAppTables(context),
      // Desk housekeeping: agents whose sessions all expired leave the floor.
      'stale-claims': () => signOffExpiredSessions(context),
    },
  })
  return runner
}
