import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, stopTestApp } from '../server/app.test.support'
import { currentAgent, inRequestScope, signIn } from '../server/auth.server'
import { clientIp } from '../server/client-ip.server'
import type { DiallerApp } from '../server/dialler.server'
import { action } from './login.server'

let dir: string
let running: DiallerApp
let login: { email: string; password: string }

beforeAll(async () => {
  ;({ dir, running } = await startTestApp('login', '3995'))
  const agent = running.demoLogins.find((l) => l.role === 'agent')
  if (!agent) throw new Error('the embedded demo has an agent login')
  login = agent
})
afterAll(() => stopTestApp(dir, running))

/** Posts the sign-in form as the browser does; the status, the form's answer and any cookie set. */
const signInWith = async (
  fields: Record<string, string>,
  headers: Record<string, string> = {},
  context: Record<string, unknown> = {},
) => {
  const result = await action({
    request: new Request(new URL('/login', running.publicBaseUrl), {
      method: 'POST',
      headers: {
        origin: running.publicBaseUrl,
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    }),
    params: {},
    context,
  })
  if (result instanceof Response)
    return { status: result.status, answer: null, cookie: result.headers.get('set-cookie') }
  const { data, init } = result as unknown as {
    data: { fields: Record<string, string>; error: string | null }
    init: { status?: number } | null
  }
  return { status: init?.status ?? 200, answer: data, cookie: null }
}

const attempts = async () =>
  Number(
    (
      await running.db
        .selectFrom('login_attempts')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('signing in with bad input', () => {
  it('answers an email with a NUL byte with a 400 naming the email field, and writes nothing', async () => {
    const before = await attempts()
    const { status, answer } = await signInWith({ email: `${login.email}\0`, password: login.password })
    expect(status).toBe(400)
    expect(Object.keys(answer?.fields ?? {})).toEqual(['email'])
    expect(answer?.fields.email).toMatch(/email/i)
    expect(await attempts()).toBe(before)
  })

  it('refuses the right password with a NUL byte after it', async () => {
    const { status, cookie } = await signInWith({ email: login.email, password: `${login.password}\0` })
    expect(status).toBe(400)
    expect(cookie).toBeNull()
    // and below the form, the password check itself never matches a password holding NUL
    const { verifyPassword, hashPassword } = await import('../server/passwords.server')
    const stored = await hashPassword('correct horse')
    expect(await verifyPassword('correct horse\0', stored)).toBe(false)
    expect(await verifyPassword('correct horse\0battery', stored)).toBe(false)
    expect(await verifyPassword('correct horse', stored)).toBe(true)
  })

  it('goes to the start page, not a 500, when the login link’s next holds control characters', async () => {
    const login2 = running.demoLogins.find((l) => l.role === 'supervisor')
    if (!login2) throw new Error('the embedded demo has a supervisor login')
    // and a backslash, which browsers read as a slash: `/\evil.example` is another site
    for (const next of ['/supervisor\0\r\nSet-Cookie: x=1', '/\\evil.example']) {
      const result = await action({
        request: new Request(new URL('/login', running.publicBaseUrl), {
          method: 'POST',
          headers: { origin: running.publicBaseUrl, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...login2, next }).toString(),
        }),
        params: {},
        context: {},
      })
      expect(result).toBeInstanceOf(Response)
      expect((result as Response).status).toBe(302)
      expect((result as Response).headers.get('location')).toBe('/')
    }
  })

  it('still signs in with the right password', async () => {
    const { status, cookie } = await signInWith(login)
    expect(status).toBe(302)
    expect(cookie).toMatch(/ringlane-session=/)
  })
})

describe('the per-address sign-in limit', () => {
  it('counts the socket’s address: a made-up X-Forwarded-For does not get past it', async () => {
    const from = { remoteAddress: '203.0.113.9' }
    for (let i = 0; i < 5; i++) {
      const { status } = await signInWith(
        { email: `nobody${i}@example.com`, password: 'wrong' },
        { 'x-forwarded-for': `198.51.100.${i}` },
        from,
      )
      expect(status).toBe(401)
    }
    const { status, answer } = await signInWith(
      { email: 'nobody-else@example.com', password: 'wrong' },
      { 'x-forwarded-for': '198.51.100.77' },
      from,
    )
    expect(status).toBe(401)
    expect(answer?.error).toMatch(/Too many failed sign-ins/)
    // another address is not held back by this one's failures
    expect((await signInWith(login, {}, { remoteAddress: '203.0.113.10' })).status).toBe(302)
  })

  it('reads X-Forwarded-For only through the trusted proxies (TRUST_PROXY)', () => {
    const request = new Request('http://localhost/login', {
      headers: { 'x-forwarded-for': '198.51.100.1, 192.0.2.7' },
    })
    const proxy = { remoteAddress: '10.0.0.2' }
    expect(clientIp(request, proxy, 0)).toBe('10.0.0.2')
    // one proxy: it appended the address it was reached from; what the client wrote is to its left
    expect(clientIp(request, proxy, 1)).toBe('192.0.2.7')
    expect(clientIp(request, proxy, 2)).toBe('198.51.100.1')
    // more hops than the header has: the leftmost entry, never undefined
    expect(clientIp(request, proxy, 5)).toBe('198.51.100.1')
    expect(clientIp(new Request('http://localhost/login'), {}, 0)).toBe('unknown')
  })
})

describe('who is signed in, once per request', () => {
  it("reads the session once for a request's action and loaders, and again for the next request", async () => {
    const { setCookie } = await signIn(running, running.publicBaseUrl, { ...login, ip: '10.0.0.9' })
    const cookie = setCookie.split(';')[0] ?? ''
    // Each loader of a request gets its own Request object, all with the same cookie.
    const page = () => new Request(new URL('/agent', running.publicBaseUrl), { headers: { cookie } })
    const seen = await inRequestScope(async () => {
      const first = await currentAgent(running, running.publicBaseUrl, page())
      // The session ends (another tab signed out) while this request runs: it keeps its answer...
      await running.db.deleteFrom('app_sessions').execute()
      const second = await currentAgent(running, running.publicBaseUrl, page())
      return [first?.email, second?.email]
    })
    expect(seen).toEqual([login.email, login.email])
    // ...and the next request sees the sign-out.
    expect(await inRequestScope(() => currentAgent(running, running.publicBaseUrl, page()))).toBeNull()
    expect(await currentAgent(running, running.publicBaseUrl, page())).toBeNull()
  })
})
