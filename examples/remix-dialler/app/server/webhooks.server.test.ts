import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ActionFunctionArgs } from '@remix-run/node'
import type { Telephony } from '@ringlane/core'
import { signedWebhook } from '@ringlane/simulator'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as callStatus } from '../routes/webhooks.simulator.call-status'
import { action as smsInbound } from '../routes/webhooks.simulator.sms-inbound'
import { action as smsStatus } from '../routes/webhooks.simulator.sms-status'
import { action as transcriptReady } from '../routes/webhooks.simulator.transcript-ready'
import { action as voice } from '../routes/webhooks.simulator.voice'
import { action as twilioCallStatus } from '../routes/webhooks.twilio.call-status'
import { action as twilioRecordingStatus } from '../routes/webhooks.twilio.recording-status'
import { action as twilioInbound } from '../routes/webhooks.twilio.sms-inbound'
import { action as twilioSmsStatus } from '../routes/webhooks.twilio.sms-status'
import { action as twilioVoice } from '../routes/webhooks.twilio.voice'
import { startTestApp, stopTestApp } from './app.test.support'
import type { DiallerApp } from './dialler.server'

let dir: string
let running: DiallerApp

beforeAll(async () => {
  ;({ dir, running } = await startTestApp('webhooks', '3998'))
})
afterAll(() => stopTestApp(dir, running))

type RouteAction = (args: ActionFunctionArgs) => Promise<Response>

const post = (route: RouteAction, webhook: Telephony.WebhookRequest, change?: (body: string) => string) =>
  route({
    request: new Request(webhook.url, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries(webhook.headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
      body: change ? change(webhook.body) : webhook.body,
    }),
    params: {},
    context: {},
  })

/** A webhook the simulator signs for the app's own secret, with any parameters. */
const signed = (path: string, params: Record<string, string>): Telephony.WebhookRequest => {
  // The secret the embedded dialler made for itself in its data dir.
  const secret = readFileSync(join(dir, 'ringlane.secret'), 'utf8').trim()
  return signedWebhook(secret, new URL(path, running.publicBaseUrl).toString(), params)
}

const conversationsFor = async (phone: string) => {
  const rows = await sql<{
    n: string
  }>`select count(*) as n from sms_conversations where phone = ${phone}`.execute(running.db)
  return Number(rows.rows[0]?.n)
}

describe('inbound SMS over HTTP (simulator)', () => {
  it('stores a signed text in its conversation: 204', async () => {
    const webhook = running.simulatedSms?.inboundWebhook({
      from: '+447700900101',
      body: 'Is this about my claim?',
    })
    if (!webhook) throw new Error('SMS is not simulated')
    const response = await post(smsInbound, webhook)
    expect(response.status).toBe(204)
    expect(await conversationsFor('+447700900101')).toBe(1)
  })

  it('refuses an unsigned text with 403 and writes no conversation', async () => {
    const webhook = running.simulatedSms?.inboundWebhook({ from: '+447700900102', body: 'hello' })
    if (!webhook) throw new Error('SMS is not simulated')
    const response = await post(smsInbound, {
      ...webhook,
      headers: { 'content-type': webhook.headers['content-type'] },
    })
    expect(response.status).toBe(403)
    expect(await conversationsFor('+447700900102')).toBe(0)
  })

  it('refuses a tampered text with 403 and writes nothing', async () => {
    const webhook = running.simulatedSms?.inboundWebhook({ from: '+447700900103', body: 'hello' })
    if (!webhook) throw new Error('SMS is not simulated')
    const response = await post(smsInbound, webhook, (body) => body.replace('hello', 'STOP'))
    expect(response.status).toBe(403)
    expect(await conversationsFor('+447700900103')).toBe(0)
  })

  it('answers a signed but malformed text with 400 naming the field', async () => {
    const response = await post(
      smsInbound,
      signed('/webhooks/simulator/sms-inbound', { MessageSid: 'SM1', Body: 'hi' }),
    )
    expect(response.status).toBe(400)
    expect(await response.text()).toMatch(/^From: /)
  })

  it('leaves a Twilio route unanswered (404) while the simulator runs', async () => {
    const webhook = running.simulatedSms?.inboundWebhook({ from: '+447700900104', body: 'hello' })
    if (!webhook) throw new Error('SMS is not simulated')
    const response = await post(twilioInbound, {
      ...webhook,
      url: webhook.url.replace('simulator/sms-inbound', 'twilio/sms-inbound'),
    })
    expect(response.status).toBe(404)
    expect(await conversationsFor('+447700900104')).toBe(0)
  })

  it('answers 404 on every Twilio route while Twilio is off, signed or not, as the README says', async () => {
    const routes: ReadonlyArray<readonly [string, RouteAction]> = [
      ['voice', twilioVoice],
      ['call-status', twilioCallStatus],
      ['recording-status', twilioRecordingStatus],
      ['sms-inbound', twilioInbound],
      ['sms-status', twilioSmsStatus],
    ]
    for (const [kind, route] of routes) {
      const path = `/webhooks/twilio/${kind}`
      const unsigned = signed(path, { From: '+447700900105', Body: 'hi' })
      const response = await post(route, { ...unsigned, headers: {} })
      expect(response.status, kind).toBe(404)
      expect(await response.text(), kind).toMatch(/twilio webhooks are not in use here/)
      expect((await post(route, signed(path, { From: '+447700900105', Body: 'hi' }))).status, kind).toBe(404)
    }
    expect(await conversationsFor('+447700900105')).toBe(0)
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8')
    expect(readme).toMatch(/provider not in use[^.]*404/)
  })
})

describe('delivery reports and call webhooks over HTTP (simulator)', () => {
  it('applies a signed delivery report (204) and names a bad status (400)', async () => {
    const url = new URL('/webhooks/simulator/sms-status', running.publicBaseUrl).toString()
    const report = running.simulatedSms?.statusWebhook({
      callbackUrl: url,
      providerMessageId: 'SMunknown',
      status: 'delivered',
    })
    if (!report) throw new Error('SMS is not simulated')
    expect((await post(smsStatus, report)).status).toBe(204)
    const bad = await post(
      smsStatus,
      signed('/webhooks/simulator/sms-status', { MessageSid: 'SM2', MessageStatus: 'lost' }),
    )
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/^MessageStatus: /)
  })

  it('refuses an unsigned call status with 403, and a voice webhook naming no session with 400', async () => {
    const status = signed('/webhooks/simulator/call-status', { CallSid: 'CA1', CallStatus: 'completed' })
    const unsigned = await post(callStatus, { ...status, headers: {} })
    expect(unsigned.status).toBe(403)
    const noSession = await post(
      voice,
      signed('/webhooks/simulator/voice', { CallSid: 'CA2', From: 'client:x' }),
    )
    expect(noSession.status).toBe(400)
    expect(await noSession.text()).toMatch(/session/)
  })
})

describe('transcript-ready callbacks over HTTP (simulator)', () => {
  const transcriptRows = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from transcripts`.execute(running.db)).rows[0]?.n)
  const path = '/webhooks/simulator/transcript-ready'

  it('acknowledges a signed callback for a transcript it does not know, writing nothing', async () => {
    const before = await transcriptRows()
    const response = await post(transcriptReady, signed(path, { TranscriptSid: 'GT-nobody' }))
    expect(response.status).toBe(204)
    expect(await transcriptRows()).toBe(before)
  })

  it('refuses an unsigned or tampered callback with 403, and a malformed one with 400 naming the field', async () => {
    const webhook = signed(path, { TranscriptSid: 'GT-nobody' })
    expect((await post(transcriptReady, { ...webhook, headers: {} })).status).toBe(403)
    expect((await post(transcriptReady, webhook, (body) => body.replace('nobody', 'somebody'))).status).toBe(
      403,
    )
    const malformed = await post(transcriptReady, signed(path, { Status: 'done' }))
    expect(malformed.status).toBe(400)
    expect(await malformed.text()).toContain('TranscriptSid')
  })
})
