import { Schema } from 'effect'

/**
 * When a state of the dialler is worth waking someone for. Every field has a default; an ops team
 * tunes only what differs.
 */
export const OpsAlertRules = Schema.Struct({
  /**
   * A queue below its threshold is an alert once it has stayed below this long: regeneration (every 5
   * minutes by default) has not refilled it, because the jobs are down or the source has no one left.
   */
  belowThresholdMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 1440)), {
    default: () => 15,
  }),
  /** Rejected (unsigned or tampered) webhooks within `webhookWindowMinutes` that make a spike. */
  rejectedWebhooks: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100_000)), { default: () => 20 }),
  webhookWindowMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1440)), { default: () => 5 }),
})
export type OpsAlertRules = typeof OpsAlertRules.Type
export type OpsAlertRulesInput = typeof OpsAlertRules.Encoded
export const defaultOpsAlertRules: OpsAlertRules = Schema.decodeSync(OpsAlertRules)({})

/** What the alerts are judged on, gathered by the app (each instance knows its own webhooks and jobs). */
export interface OpsSignals {
  readonly now: Date
  readonly queues: ReadonlyArray<{
    readonly queueId: string
    readonly label: string
    readonly waiting: number
    readonly threshold: number
    readonly regeneratedAt: Date | null
    /** Since when it has been below its threshold without a break (the app keeps this); null if it is not. */
    readonly belowSince: Date | null
  }>
  /** When each rejected webhook arrived (older ones are ignored). */
  readonly rejectedWebhooksAt: ReadonlyArray<Date>
  /** Each job's last run here. */
  readonly jobs: ReadonlyArray<{
    readonly name: string
    readonly ok: boolean
    readonly finishedAt: Date
    readonly error: string | null
  }>
  readonly sourceBreaker: 'closed' | 'open' | 'half-open'
}

export type OpsAlertKind =
  | 'queue_below_threshold'
  | 'webhook_rejections'
  | 'job_failing'
  | 'source_breaker_open'

export interface OpsAlert {
  /** Stable while the condition lasts (`queue_below_threshold:unsigned`): a tool de-duplicates on it. */
  readonly id: string
  readonly kind: OpsAlertKind
  readonly severity: 'warning' | 'critical'
  /** One sentence an operator reads: what is wrong and what it costs. */
  readonly message: string
}

const MINUTE = 60_000

/** The alerts that hold now, most severe first, then by id. */
export const evaluateOpsAlerts = (signals: OpsSignals, rules: OpsAlertRules = defaultOpsAlertRules) => {
  const alerts: OpsAlert[] = []
  const now = +signals.now
  for (const queue of signals.queues) {
    const below = queue.waiting < queue.threshold ? (queue.belowSince ?? signals.now) : null
    if (below !== null && now - +below >= rules.belowThresholdMinutes * MINUTE)
      alerts.push({
        id: `queue_below_threshold:${queue.queueId}`,
        kind: 'queue_below_threshold',
        severity: queue.waiting === 0 ? 'critical' : 'warning',
        message: `${queue.label} has ${queue.waiting} waiting, below its threshold of ${queue.threshold}, for ${Math.floor((now - +below) / MINUTE)} minutes; last regenerated ${
          queue.regeneratedAt === null
            ? 'never'
            : `${Math.floor((now - +queue.regeneratedAt) / MINUTE)} minutes ago`
        }`,
      })
  }
  const since = now - rules.webhookWindowMinutes * MINUTE
  const rejected = signals.rejectedWebhooksAt.filter((at) => +at > since && +at <= now).length
  if (rejected >= rules.rejectedWebhooks)
    alerts.push({
      id: 'webhook_rejections',
      kind: 'webhook_rejections',
      severity: 'warning',
      message: `${rejected} webhooks rejected in the last ${rules.webhookWindowMinutes} minutes (a wrong auth token, or someone forging them)`,
    })
  for (const job of signals.jobs)
    if (!job.ok)
      alerts.push({
        id: `job_failing:${job.name}`,
        kind: 'job_failing',
        severity: 'warning',
        message: `The ${job.name} job failed at its last run${job.error ? `: ${job.error.slice(0, 200)}` : ''}`,
      })
  if (signals.sourceBreaker !== 'closed')
    alerts.push({
      id: 'source_breaker_open',
      kind: 'source_breaker_open',
      severity: 'critical',
      message:
        signals.sourceBreaker === 'open'
          ? 'The lead source keeps failing: its breaker is open and no lead can be checked before a dial'
          : 'The lead source failed recently: its breaker is trying it again',
    })
  const rank = { critical: 0, warning: 1 }
  return alerts.sort(
    (a, b) => rank[a.severity] - rank[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

/**
 * The body POSTed to an ops tool: every alert that holds now (an empty list says all is clear again).
 * `version` changes only if a field is removed or changes meaning.
 */
export const opsAlertPayload = (alerts: ReadonlyArray<OpsAlert>, at: Date, source: string) =>
  JSON.stringify({ version: 1, source, at: at.toISOString(), alerts })

/** Headers an ops webhook carries: when it was signed, and `v1=` HMAC-SHA256 of `timestamp.body`. */
export const OPS_SIGNATURE_HEADER = 'X-Ringlane-Signature'
export const OPS_TIMESTAMP_HEADER = 'X-Ringlane-Timestamp'

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')

/**
 * The signature of a payload: `v1=` and the hex HMAC-SHA256, keyed with the integrator's secret, of
 * `${timestamp}.${body}` (Web Crypto, so it runs wherever core does).
 */
export const signOpsPayload = async (body: string, secret: string, timestamp: number) => {
  const encoder = new TextEncoder()
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return `v1=${hex(await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)))}`
}

/** For the receiving side: whether a signature is this payload's (compared without an early exit). */
export const verifyOpsSignature = async (
  body: string,
  secret: string,
  timestamp: number,
  signature: string,
) => {
  const expected = await signOpsPayload(body, secret, timestamp)
  if (expected.length !== signature.length) return false
  let difference = 0
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ signature.charCodeAt(i)
  return difference === 0
}
