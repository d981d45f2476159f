import { Analytics } from '@ringlane/core'
import { Effect, Redacted } from 'effect'
import type { DiallerApp } from './dialler.server'

/** What the alerts are judged on here: the dialler, this instance's job runs and webhook refusals. */
export type OpsContext = Pick<DiallerApp, 'ringlane' | 'env' | 'audit' | 'publicBaseUrl'>
type JobRuns = () => ReadonlyArray<{ name: string; ok: boolean; finishedAt: string; error: string | null }>

const HOUR = 3_600_000
/** Rejected webhooks remembered (per instance), newest last: enough for any window up to an hour. */
const rejected: Date[] = []

/** Counts a webhook refused for its signature, for the "spike of rejected webhooks" alert. */
export const noteRejectedWebhook = (at = new Date()) => {
  rejected.push(at)
  while (rejected.length > 0 && (+at - +(rejected[0] ?? at) > HOUR || rejected.length > 10_000))
    rejected.shift()
}

/** Since when each queue has been below its threshold, as this instance has seen it. */
const belowSince = new Map<string, Date>()

/** The alerts that hold now, from the queues, the breaker, this instance's jobs and webhooks. */
export const currentOpsAlerts = async (running: Pick<DiallerApp, 'ringlane' | 'env'>, jobRuns: JobRuns) => {
  const [levels, config, sourceBreaker] = await Promise.all([
    running.ringlane.queues.levels(),
    running.ringlane.config(),
    running.ringlane.leads.breakerState(),
  ])
  const now = new Date()
  return Analytics.evaluateOpsAlerts(
    {
      now,
      queues: config.queues.map((queue) => {
        const level = levels.find((l) => l.queueId === queue.id)
        const waiting = level?.waiting ?? 0
        if (waiting >= queue.threshold) belowSince.delete(queue.id)
        else if (!belowSince.has(queue.id)) belowSince.set(queue.id, now)
        return {
          queueId: queue.id,
          label: queue.label,
          waiting,
          threshold: queue.threshold,
          regeneratedAt: level?.regeneratedAt ?? null,
          belowSince: belowSince.get(queue.id) ?? null,
        }
      }),
      rejectedWebhooksAt: rejected,
      jobs: jobRuns().map((run) => ({ ...run, finishedAt: new Date(run.finishedAt) })),
      sourceBreaker,
    },
    {
      ...Analytics.defaultOpsAlertRules,
      belowThresholdMinutes: running.env.OPS_ALERT_BELOW_THRESHOLD_MINUTES,
    },
  )
}

/** The last delivery to the ops tool, shown on the dashboard (failures included). */
export interface OpsDelivery {
  readonly at: string
  readonly ok: boolean
  /** The HTTP status, or null when the tool could not be reached. */
  readonly status: number | null
  readonly error: string | null
  /** Tries of the same set of alerts so far. */
  readonly attempts: number
}

let delivered: string | null = null
let last: OpsDelivery | null = null

export const lastOpsDelivery = () => last

const TIMEOUT_MS = 5_000

/**
 * Sends the alerts to the ops tool (`OPS_WEBHOOK_URL`) when they changed since the last delivery that
 * worked, signed with `OPS_WEBHOOK_SECRET`. Runs after each queue-level check (every 5 minutes): a
 * delivery that failed is tried again at the next run (as many times as it takes), with the alerts of then.
 * Each failure is written to the audit log (`ops_alert.delivery_failed`) and shown on the dashboard.
 */
export const deliverOpsAlerts = async (running: OpsContext, jobRuns: JobRuns) => {
  const { OPS_WEBHOOK_URL: url, OPS_WEBHOOK_SECRET: secret } = running.env
  if (!url || !secret) return {}
  const alerts = await currentOpsAlerts(running, jobRuns)
  const key = alerts.map((a) => a.id).join('|')
  if (key === delivered) return { opsAlerts: alerts.length }
  const now = new Date()
  const body = Analytics.opsAlertPayload(alerts, now, running.publicBaseUrl)
  const timestamp = Math.floor(+now / 1000)
  const attempts = last && !last.ok ? last.attempts + 1 : 1
  let status: number | null = null
  let error: string | null = null
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [Analytics.OPS_TIMESTAMP_HEADER]: String(timestamp),
        [Analytics.OPS_SIGNATURE_HEADER]: await Analytics.signOpsPayload(
          body,
          Redacted.value(secret),
          timestamp,
        ),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    status = response.status
    if (!response.ok) error = `the ops tool answered ${response.status}`
  } catch (cause) {
    // The URL is not repeated: it may carry the tool's own token.
    error = cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 200) : 'failed'
  }
  last = { at: now.toISOString(), ok: error === null, status, error, attempts }
  if (error === null) {
    delivered = key
    return { opsAlerts: alerts.length, opsAlertsDelivered: 1 }
  }
  await Effect.runPromise(
    running.audit.record({
      actor: 'system',
      action: 'ops_alert.delivery_failed',
      subject: 'ops-webhook',
      detail: { status, error, attempts, alerts: alerts.length },
      at: now,
    }),
  )
  // Not thrown: the queue check itself worked, and a failed run would raise an alert of its own.
  return { opsAlerts: alerts.length, opsAlertsDelivered: 0 }
}
