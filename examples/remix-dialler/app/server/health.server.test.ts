import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as health } from '../routes/api.health'
import { loader as queueHealth } from '../routes/api.health.queues'
import { startTestApp, stopTestApp } from './app.test.support'
import { signIn } from './auth.server'
import type { DiallerApp } from './dialler.server'

let dir: string
let running: DiallerApp

beforeAll(async () => {
  ;({ dir, running } = await startTestApp('health', '3997'))
  await running.jobs.ready
})
afterAll(() => stopTestApp(dir, running))

const cookieFor = async (role: 'agent' | 'supervisor') => {
  const login = running.demoLogins.find((l) => l.role === role)
  if (!login) throw new Error(`no demo ${role}`)
  const { setCookie } = await signIn(running, running.publicBaseUrl, { ...login, ip: `test-${role}` })
  return setCookie.split(';')[0] ?? ''
}
const get = (path: string, cookie?: string) => ({
  request: new Request(new URL(path, running.publicBaseUrl), { headers: cookie ? { cookie } : {} }),
  params: {},
  context: {},
})

describe('/api/health', () => {
  it('tells anyone the status and each part’s state only', async () => {
    const response = await health(get('/api/health'))
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toEqual({
      status: 'up',
      checkedAt: expect.any(String),
      checks: {
        db: { state: 'up' },
        source: { state: 'up' },
        telephony: { state: 'up' },
        storage: { state: 'up' },
        jobs: { state: 'up' },
      },
    })
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('gives supervisors latencies and backends', async () => {
    const response = await health(get('/api/health', await cookieFor('supervisor')))
    const body = await response.json()
    expect(body.checks.db).toEqual({ state: 'up', latencyMs: expect.any(Number), backend: 'pglite' })
    expect(body.checks.telephony.backend).toBe('simulator')
    expect(JSON.stringify(body)).not.toMatch(/secret|password|\+44/i)
  })

  it('answers 503 naming the part that is down', async () => {
    await running.jobs.stop()
    const response = await health(get('/api/health'))
    expect(response.status).toBe(503)
    expect((await response.json()).checks.jobs).toEqual({ state: 'down' })
  })
})

describe('/api/health/queues', () => {
  it('is for supervisors: 401 signed out, 403 for agents', async () => {
    expect((await queueHealth(get('/api/health/queues'))).status).toBe(401)
    expect((await queueHealth(get('/api/health/queues', await cookieFor('agent')))).status).toBe(403)
  })

  it('shows levels against thresholds and the last regeneration', async () => {
    const response = await queueHealth(get('/api/health/queues', await cookieFor('supervisor')))
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.lastRegeneratedAt).toEqual(expect.any(String))
    expect(body.queues.length).toBeGreaterThan(0)
    expect(body.queues[0]).toMatchObject({
      queueId: expect.any(String),
      waiting: expect.any(Number),
      threshold: expect.any(Number),
      belowThreshold: expect.any(Boolean),
    })
  })
})
