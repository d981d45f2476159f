import { expect, test } from '@playwright/test'
import { demoLogin } from './demo'

type Who = 'anonymous' | 'agent' | 'supervisor' | 'admin'
/** What a role gets: the page, a redirect to sign in, or 403. */
type Expect = 'ok' | 'login' | 'forbidden'

const staff = (who: Who): Expect => (who === 'anonymous' ? 'login' : who === 'agent' ? 'forbidden' : 'ok')
const adminOnly = (who: Who): Expect => (who === 'anonymous' ? 'login' : who === 'admin' ? 'ok' : 'forbidden')
const agentOnly = (who: Who): Expect => (who === 'anonymous' ? 'login' : who === 'agent' ? 'ok' : 'forbidden')
const anyone = (who: Who): Expect => (who === 'anonymous' ? 'login' : 'ok')

/** Every page and resource route that needs a role, with who may use it. */
const pages: ReadonlyArray<readonly [string, (who: Who) => Expect]> = [
  ['/agent', agentOnly],
  ['/supervisor', staff],
  ['/supervisor/metrics', staff],
  ['/supervisor/metrics?from=2026-01-01&to=2026-01-31', staff],
  ['/supervisor/queues', staff],
  ['/supervisor/recordings', staff],
  ['/supervisor/sms', staff],
  ['/supervisor/magic-links', staff],
  ['/supervisor/campaigns', staff],
  ['/supervisor/campaigns/demo-claims', staff],
  ['/supervisor/routing', staff],
  ['/supervisor/routing/skills', staff],
  ['/supervisor/compliance', staff],
  ['/supervisor/compliance-csv', staff],
  ['/supervisor/do-not-call', staff],
  ['/admin/agents', adminOnly],
  ['/admin/audit', adminOnly],
]

/** Posts to actions: the role is checked before anything is read from the form. */
const actions: ReadonlyArray<readonly [string, Record<string, string>, (who: Who) => Expect]> = [
  ['/supervisor/queues', { intent: 'regenerate' }, staff],
  ['/supervisor/recordings', { intent: 'play', recordingId: '00000000-0000-4000-8000-000000000000' }, staff],
  ['/supervisor/sms', { intent: 'close', conversationId: '00000000-0000-4000-8000-000000000000' }, staff],
  ['/supervisor/campaigns', { id: 'x' }, staff],
  [
    '/supervisor/campaigns/demo-claims',
    { intent: 'join', agentId: '00000000-0000-4000-8000-000000000000' },
    staff,
  ],
  ['/supervisor/routing', { id: 'x' }, staff],
  ['/supervisor/routing/nope', { intent: 'save' }, staff],
  ['/supervisor/routing/skills', { agentId: '00000000-0000-4000-8000-000000000000', skills: 'welsh' }, staff],
  ['/supervisor/do-not-call', { intent: 'remove', phone: '07700900000' }, staff],
  ['/admin/agents', { intent: 'deactivate', agentId: '00000000-0000-4000-8000-000000000000' }, adminOnly],
]

const roles: ReadonlyArray<Who> = ['anonymous', 'agent', 'supervisor', 'admin']

/** Signs in over HTTP and returns the session cookie. */
const sessionCookie = async (baseURL: string, who: Who) => {
  if (who === 'anonymous') return ''
  const { email, password } = demoLogin(who)
  const response = await fetch(`${baseURL}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseURL },
    body: new URLSearchParams({ email, password, next: '/' }),
  })
  expect(response.status, `${who} signs in`).toBe(302)
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error(`no session cookie for ${who}`)
  return cookie
}

const check = async (response: Response, expected: Expect, what: string) => {
  // Streams (the SSE route) are not read to the end.
  await response.body?.cancel()
  if (expected === 'login') {
    expect(response.status, what).toBe(302)
    expect(response.headers.get('location') ?? '', what).toMatch(/^\/login\?next=/)
  } else if (expected === 'forbidden') {
    expect(response.status, what).toBe(403)
  } else {
    expect(response.status, what).toBe(200)
  }
}

for (const who of roles) {
  test(`${who}: every supervisor, admin and agent route answers as the role allows`, async ({ baseURL }) => {
    const base = baseURL ?? ''
    const cookie = await sessionCookie(base, who)
    const headers = cookie ? { cookie } : {}
    for (const [path, allowed] of pages) {
      const response = await fetch(`${base}${path}`, { headers, redirect: 'manual' })
      await check(response, allowed(who), `GET ${path} as ${who}`)
    }
    for (const [path, form, allowed] of actions) {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      })
      const expected = allowed(who)
      if (expected === 'ok') {
        // Allowed through the gate: the made-up id is then refused as bad input, never a server error.
        await response.body?.cancel()
        expect(response.status, `POST ${path} as ${who}`).toBeLessThan(500)
        expect(response.status, `POST ${path} as ${who}`).not.toBe(403)
      } else await check(response, expected, `POST ${path} as ${who}`)
    }

    // The live-event stream: open to everyone signed in (agents hear only their own events).
    const events = await fetch(`${base}/api/events`, { headers, redirect: 'manual' })
    await check(events, anyone(who), `GET /api/events as ${who}`)
    if (who !== 'anonymous') expect(events.headers.get('content-type')).toContain('text/event-stream')

    // Recording media: supervisors only, and then only with a valid signature.
    const media = await fetch(`${base}/recordings/media/2026/01/01/x.wav?expires=1&signature=AAAA`, {
      headers,
      redirect: 'manual',
    })
    await media.body?.cancel()
    const mediaExpected = staff(who)
    if (mediaExpected === 'ok') expect(media.status, 'forged recording URL').toBe(403)
    else await check(media, mediaExpected, `GET recording media as ${who}`)

    // A lead's details: staff only (the made-up lead is simply not found).
    const lead = await fetch(`${base}/supervisor/leads/999999999`, { headers, redirect: 'manual' })
    await lead.body?.cancel()
    if (staff(who) === 'ok') expect(lead.status).toBe(404)
    else await check(lead, staff(who), `GET a lead as ${who}`)
  })
}

test('a cross-site form post is refused even with a supervisor session', async ({ baseURL }) => {
  const base = baseURL ?? ''
  const cookie = await sessionCookie(base, 'supervisor')
  const response = await fetch(`${base}/supervisor/queues`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie,
      Origin: 'https://elsewhere.example',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ intent: 'regenerate' }),
  })
  await response.body?.cancel()
  expect(response.status).toBe(403)
})
