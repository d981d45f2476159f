import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  defaultOpsAlertRules,
  evaluateOpsAlerts,
  type OpsSignals,
  opsAlertPayload,
  signOpsPayload,
  verifyOpsSignature,
} from './ops-alerts.js'

const now = new Date('2026-11-26T10:00:00Z')
const minutesAgo = (m: number) => new Date(+now - m * 60_000)
const calm: OpsSignals = { now, queues: [], rejectedWebhooksAt: [], jobs: [], sourceBreaker: 'closed' }
const queue = (
  waiting: number,
  threshold: number,
  belowSince: Date | null,
  regeneratedAt: Date | null = null,
) => ({
  queueId: 'unsigned',
  label: 'Unsigned',
  waiting,
  threshold,
  regeneratedAt,
  belowSince,
})

describe('operations alerts', () => {
  it('says nothing when all is well', () => {
    expect(evaluateOpsAlerts(calm)).toEqual([])
  })

  it('alerts on a queue once it has stayed below its threshold for 15 minutes (regeneration did not refill it)', () => {
    expect(evaluateOpsAlerts({ ...calm, queues: [queue(3, 20, minutesAgo(14))] })).toEqual([])
    expect(evaluateOpsAlerts({ ...calm, queues: [queue(3, 20, minutesAgo(16), minutesAgo(4))] })).toEqual([
      {
        id: 'queue_below_threshold:unsigned',
        kind: 'queue_below_threshold',
        severity: 'warning',
        message:
          'Unsigned has 3 waiting, below its threshold of 20, for 16 minutes; last regenerated 4 minutes ago',
      },
    ])
    // Empty and never built: critical.
    expect(evaluateOpsAlerts({ ...calm, queues: [queue(0, 20, minutesAgo(30))] })[0]).toMatchObject({
      severity: 'critical',
      message: 'Unsigned has 0 waiting, below its threshold of 20, for 30 minutes; last regenerated never',
    })
    // At the threshold is not below it, however long ago it was.
    expect(evaluateOpsAlerts({ ...calm, queues: [queue(20, 20, minutesAgo(60))] })).toEqual([])
    // With no wait configured, below is an alert at once.
    expect(
      evaluateOpsAlerts(
        { ...calm, queues: [queue(3, 20, null)] },
        { ...defaultOpsAlertRules, belowThresholdMinutes: 0 },
      ),
    ).toHaveLength(1)
  })

  it('alerts on 20 rejected webhooks within 5 minutes, not on older ones', () => {
    const times = (n: number, ago: number) => Array.from({ length: n }, () => minutesAgo(ago))
    expect(evaluateOpsAlerts({ ...calm, rejectedWebhooksAt: times(19, 1) })).toEqual([])
    expect(evaluateOpsAlerts({ ...calm, rejectedWebhooksAt: [...times(19, 1), ...times(30, 6)] })).toEqual([])
    expect(evaluateOpsAlerts({ ...calm, rejectedWebhooksAt: times(20, 4) }).map((a) => a.id)).toEqual([
      'webhook_rejections',
    ])
  })

  it('alerts on each job whose last run failed, and on a breaker that is not closed, critical first', () => {
    const alerts = evaluateOpsAlerts({
      ...calm,
      jobs: [
        { name: 'queue-regeneration', ok: false, finishedAt: now, error: 'connection refused' },
        { name: 'daily-cleanup', ok: true, finishedAt: now, error: null },
      ],
      sourceBreaker: 'open',
    })
    expect(alerts.map((a) => [a.id, a.severity])).toEqual([
      ['source_breaker_open', 'critical'],
      ['job_failing:queue-regeneration', 'warning'],
    ])
    expect(alerts[1]?.message).toBe('The queue-regeneration job failed at its last run: connection refused')
  })

  it('any queue below its threshold for 15 minutes or more is alerted, and only those', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 120 })),
        (waiting, threshold, ago) => {
          const alerts = evaluateOpsAlerts({
            ...calm,
            queues: [queue(waiting, threshold, ago === null ? null : minutesAgo(ago))],
          })
          // belowSince null while below means it just fell below: 0 minutes.
          const expected = waiting < threshold && ago !== null && ago >= 15
          expect(alerts.length).toBe(expected ? 1 : 0)
        },
      ),
    )
  })
})

describe('the ops webhook signature', () => {
  it('is v1= and the hex HMAC-SHA256 of "timestamp.body" with the secret', async () => {
    const body = opsAlertPayload([], now, 'dialler.test')
    expect(JSON.parse(body)).toEqual({
      version: 1,
      source: 'dialler.test',
      at: now.toISOString(),
      alerts: [],
    })
    const expected = `v1=${createHmac('sha256', 'a-secret-of-the-integrator').update(`1764151200.${body}`).digest('hex')}`
    expect(await signOpsPayload(body, 'a-secret-of-the-integrator', 1764151200)).toBe(expected)
    expect(await verifyOpsSignature(body, 'a-secret-of-the-integrator', 1764151200, expected)).toBe(true)
    expect(await verifyOpsSignature(`${body} `, 'a-secret-of-the-integrator', 1764151200, expected)).toBe(
      false,
    )
    expect(await verifyOpsSignature(body, 'a-secret-of-the-integrator', 1764151201, expected)).toBe(false)
  })
})
