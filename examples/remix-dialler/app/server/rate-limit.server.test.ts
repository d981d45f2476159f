import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { signedWebhook } from '@ringlane/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as supervisorSms } from '../routes/supervisor.sms.server'
import { action as simulatorSmsStatus } from '../routes/webhooks.simulator.sms-status'
import { startTestApp, stopTestApp } from './app.test.support'
import { signIn } from './auth.server'
import type { DiallerApp } from './dialler.server'
import { readEnv } from './env.server'
import { takeRequest } from './rate-limit.server'

let dir: string
let running: DiallerApp

beforeAll(async () => {
  process.env.RATE_LIMIT_WEBHOOKS = '3'
  process.env.RATE_LIMIT_ACTIONS = '3'
  ;({ dir, running } = await startTestApp('rate-limit', '3993'))
})
afterAll(async () => {
  delete process.env.RATE_LIMIT_WEBHOOKS
  delete process.env.RATE_LIMIT_ACTIONS
  await stopTestApp(dir, running)
})

/** A delivery report the simulator signs for the app's own secret, as the simulator posts it. */
const deliveryReport = (n: number) => {
  const secret = readFileSync(join(dir, 'ringlane.secret'), 'utf8').trim()
  const url = new URL('/webhooks/simulator/sms-status', running.publicBaseUrl).toString()
  const webhook = signedWebhook(secret, url, { MessageSid: `SMlimit${n}`, MessageStatus: 'delivered' })
  return simulatorSmsStatus({
    request: new Request(webhook.url, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries(webhook.headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
      body: webhook.body,
    }),
    params: {},
    context: {},
  })
}

describe('webhooks per provider (RATE_LIMIT_WEBHOOKS a minute, per instance)', () => {
  it('takes the limit, then answers 429 with Retry-After', async () => {
    for (let n = 0; n < 3; n++) expect((await deliveryReport(n)).status).toBe(204)
    const over = await deliveryReport(3)
    expect(over.status).toBe(429)
    const retryAfter = Number(over.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
  })
})

const supervisorCookie = async () => {
  const login = running.demoLogins.find((l) => l.role === 'supervisor')
  if (!login) throw new Error('the embedded demo has a supervisor login')
  return (
    (await signIn(running, running.publicBaseUrl, { ...login, ip: '127.0.0.1' })).setCookie.split(';')[0] ??
    ''
  )
}

/** Closes a conversation from the inbox as the supervisor's browser does; the status answered. */
const closeConversation = async (cookie: string, remoteAddress: string) => {
  try {
    const result = await supervisorSms({
      request: new Request(new URL('/supervisor/sms', running.publicBaseUrl), {
        method: 'POST',
        headers: {
          cookie,
          origin: running.publicBaseUrl,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ intent: 'close', conversationId: crypto.randomUUID() }).toString(),
      }),
      params: {},
      context: { remoteAddress },
    })
    return {
      status: (result as unknown as { init: { status?: number } | null }).init?.status ?? 200,
      retryAfter: null,
    }
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    return { status: thrown.status, retryAfter: thrown.headers.get('retry-after') }
  }
}

describe('form posts per session and address (RATE_LIMIT_ACTIONS a minute, per instance)', () => {
  it('takes the limit, then answers 429 with Retry-After; another session or address is not held back', async () => {
    const cookie = await supervisorCookie()
    for (let n = 0; n < 3; n++) expect((await closeConversation(cookie, '203.0.113.20')).status).toBe(400)
    const over = await closeConversation(cookie, '203.0.113.20')
    expect(over.status).toBe(429)
    expect(Number(over.retryAfter)).toBeGreaterThanOrEqual(1)
    expect((await closeConversation(cookie, '203.0.113.21')).status).toBe(400)
    expect((await closeConversation(await supervisorCookie(), '203.0.113.20')).status).toBe(400)
  })
})

describe('the limiter', () => {
  it('counts per key in one-minute windows; 0 is no limit', () => {
    const t = 1_000_000
    expect(takeRequest('unit:a', 2, t)).toBeNull()
    expect(takeRequest('unit:a', 2, t + 1)).toBeNull()
    expect(takeRequest('unit:a', 2, t + 20_000)).toBe(40)
    expect(takeRequest('unit:b', 2, t + 20_000)).toBeNull()
    expect(takeRequest('unit:a', 2, t + 60_000)).toBeNull()
    for (let i = 0; i < 100; i++) expect(takeRequest('unit:c', 0, t)).toBeNull()
  })

  it('is configured in the environment and checked at start', () => {
    expect(readEnv({})).toMatchObject({ RATE_LIMIT_ACTIONS: 120, RATE_LIMIT_WEBHOOKS: 1200 })
    expect(readEnv({ RATE_LIMIT_ACTIONS: '0' }).RATE_LIMIT_ACTIONS).toBe(0)
    expect(() => readEnv({ RATE_LIMIT_WEBHOOKS: 'lots' })).toThrow(
      /RATE_LIMIT_WEBHOOKS: must be a whole number/,
    )
  })
})
