import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Analytics, type Audit } from '@ringlane/core'
import { Effect, Redacted } from 'effect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliverOpsAlerts, lastOpsDelivery, noteRejectedWebhook, type OpsContext } from './ops-alerts.server'

const SECRET = 'an-ops-secret-the-integrator-sets-0123'
const answers: number[] = []
const received: Array<{ body: string; headers: IncomingMessage['headers'] }> = []
const server = createServer((request, response) => {
  let body = ''
  request.on('data', (chunk) => {
    body += chunk
  })
  request.on('end', () => {
    received.push({ body, headers: request.headers })
    response.writeHead(answers.shift() ?? 200).end()
  })
})
const audited: Audit.AuditEntry[] = []
let context: OpsContext

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  // The dialler's reads the alerts use: the unsigned queue is below its threshold, the source is fine.
  const ringlane = {
    queues: {
      levels: async () => [
        { queueId: 'unsigned', waiting: 3, claimed: 0, generation: 2, regeneratedAt: new Date() },
      ],
    },
    config: async () => ({ queues: [{ id: 'unsigned', label: 'Unsigned', threshold: 20 }] }),
    leads: { breakerState: async () => 'closed' as const },
  }
  context = {
    ringlane: ringlane as unknown as OpsContext['ringlane'],
    env: {
      OPS_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/ops?token=tool-token`,
      OPS_WEBHOOK_SECRET: Redacted.make(SECRET),
      OPS_ALERT_BELOW_THRESHOLD_MINUTES: 0,
    } as unknown as OpsContext['env'],
    audit: {
      record: (entry) => Effect.sync(() => void audited.push(entry)),
      list: () => Effect.succeed([]),
    },
    publicBaseUrl: 'https://dialler.test',
  }
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('the ops webhook', () => {
  it('sends a failed delivery again at the next run, signed, and shows and audits the failure', async () => {
    answers.push(503)
    expect(await deliverOpsAlerts(context, () => [])).toEqual({ opsAlerts: 1, opsAlertsDelivered: 0 })
    expect(lastOpsDelivery()).toMatchObject({ ok: false, status: 503, attempts: 1 })
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'ops_alert.delivery_failed',
        subject: 'ops-webhook',
        actor: 'system',
      }),
    ])
    // Neither the tool's URL (it may carry a token) nor the secret is written anywhere.
    expect(JSON.stringify(audited)).not.toMatch(/tool-token|an-ops-secret/)

    expect(await deliverOpsAlerts(context, () => [])).toEqual({ opsAlerts: 1, opsAlertsDelivered: 1 })
    expect(lastOpsDelivery()).toMatchObject({ ok: true, status: 200, attempts: 2 })
    const last = received.at(-1)
    if (!last) throw new Error('nothing received')
    const timestamp = Number(last.headers['x-ringlane-timestamp'])
    const signature = String(last.headers['x-ringlane-signature'])
    expect(await Analytics.verifyOpsSignature(last.body, SECRET, timestamp, signature)).toBe(true)
    expect(
      await Analytics.verifyOpsSignature(
        last.body,
        'another-secret-entirely-0123456789',
        timestamp,
        signature,
      ),
    ).toBe(false)
    expect(JSON.parse(last.body)).toMatchObject({
      version: 1,
      source: 'https://dialler.test',
      alerts: [{ id: 'queue_below_threshold:unsigned', kind: 'queue_below_threshold', severity: 'warning' }],
    })
  })

  it('sends nothing while the alerts stay the same, and again when they change', async () => {
    const before = received.length
    await deliverOpsAlerts(context, () => [])
    expect(received.length).toBe(before)
    for (let i = 0; i < 20; i++) noteRejectedWebhook()
    await deliverOpsAlerts(context, () => [
      { name: 'daily-cleanup', ok: false, finishedAt: new Date().toISOString(), error: 'disk full' },
    ])
    expect(received.length).toBe(before + 1)
    const ids = (JSON.parse(received.at(-1)?.body ?? '{}') as { alerts: Analytics.OpsAlert[] }).alerts.map(
      (a) => a.id,
    )
    expect(ids).toEqual(['job_failing:daily-cleanup', 'queue_below_threshold:unsigned', 'webhook_rejections'])
  })
})
