import { sql } from 'kysely'
import { currentAgent } from './auth.server'
import type { DiallerApp } from './dialler.server'

export type ComponentName = 'db' | 'source' | 'telephony' | 'storage' | 'jobs'
export interface ComponentHealth {
  readonly state: 'up' | 'down' | 'starting'
  readonly latencyMs: number
  /** What it runs on, e.g. `pglite` or `postgres`, `simulator` or `twilio`. */
  readonly backend: string
  /** Why it is not up; only shown to supervisors and admins. */
  readonly error?: string
}
export interface HealthReport {
  readonly status: 'up' | 'down'
  readonly checkedAt: string
  readonly checks: Readonly<Record<ComponentName, ComponentHealth>>
}

const TIMEOUT_MS = 3_000

const timed = async (backend: string, probe: () => Promise<void>): Promise<ComponentHealth> => {
  const started = performance.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS)
      }),
    ])
    return { state: 'up', latencyMs: Math.round(performance.now() - started), backend }
  } catch (error) {
    return {
      state: 'down',
      latencyMs: Math.round(performance.now() - started),
      backend,
      // Names what failed; drivers' messages carry no credentials (connection strings are never echoed).
      error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'failed',
    }
  } finally {
    clearTimeout(timer)
  }
}

/** Every dependency checked at once, each with its own timeout: one slow part never hides the others. */
export const checkHealth = async (running: DiallerApp): Promise<HealthReport> => {
  const { env } = running
  const jobs = running.jobs.status()
  const [db, source, telephony, storage, jobEngine] = await Promise.all([
    timed(env.DATABASE_URL ? 'postgres' : 'pglite', async () => {
      await sql`select 1`.execute(running.db)
    }),
    timed(
      env.REPLICA_DATABASE_URL?.startsWith('mysql:')
        ? 'mysql'
        : env.REPLICA_DATABASE_URL
          ? 'postgres'
          : 'demo',
      running.probes.source,
    ),
    timed(running.webhooks.provider, running.probes.telephony),
    timed(env.SUPABASE_URL ? 'supabase' : 'local', running.probes.storage),
    jobs.state === 'up'
      ? timed('pg-boss', running.jobs.ping)
      : Promise.resolve<ComponentHealth>({
          state: jobs.state,
          latencyMs: 0,
          backend: 'pg-boss',
          ...(jobs.error ? { error: jobs.error } : {}),
        }),
  ])
  const checks = { db, source, telephony, storage, jobs: jobEngine }
  return {
    status: Object.values(checks).every((check) => check.state === 'up') ? 'up' : 'down',
    checkedAt: new Date().toISOString(),
    checks,
  }
}

/**
 * Who reads what (docs/decisions/0010-jobs-on-pg-boss-and-health-endpoints.md): anyone, a load balancer included, gets the
 * overall status and each part's state; supervisors and admins also get latencies, backends and
 * errors. Nothing personal is in either.
 */
export const healthReader = async (running: DiallerApp, request: Request) => {
  const agent = await currentAgent(running, running.publicBaseUrl, request)
  return {
    signedIn: agent !== null,
    allowed: agent !== null && (agent.role === 'supervisor' || agent.role === 'admin'),
  }
}

export const publicView = (report: HealthReport) => ({
  status: report.status,
  checkedAt: report.checkedAt,
  checks: Object.fromEntries(
    Object.entries(report.checks).map(([name, check]) => [name, { state: check.state }]),
  ),
})

export const noStore = { 'Cache-Control': 'no-store' }
