import type { LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, stopTestApp } from '../server/app.test.support'
import { signIn } from '../server/auth.server'
import type { DiallerApp } from '../server/dialler.server'
import { loader as leadLoader } from './supervisor.leads.$leadId.server'
import { loader as smsLoader } from './supervisor.sms.server'

let dir: string
let running: DiallerApp
let cookie: string
let supervisorId: string

beforeAll(async () => {
  ;({ dir, running } = await startTestApp('supervisor', '3994'))
  const login = running.demoLogins.find((l) => l.role === 'supervisor')
  if (!login) throw new Error('the embedded demo has a supervisor login')
  const signedIn = await signIn(running, running.publicBaseUrl, { ...login, ip: '127.0.0.1' })
  cookie = signedIn.setCookie.split(';')[0] ?? ''
  supervisorId = signedIn.agent.id
})
afterAll(() => stopTestApp(dir, running))

/** Opens a page as the signed-in supervisor's browser does: the loader's answer, or the Response thrown. */
const open = async <T>(
  loader: (args: LoaderFunctionArgs) => Promise<T>,
  path: string,
  params: Record<string, string> = {},
) => {
  try {
    return await loader({
      request: new Request(new URL(path, running.publicBaseUrl), { headers: { cookie } }),
      params,
      context: {},
    })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

const aLeadId = async () =>
  (await running.db.selectFrom('queue_entries').select('lead_id').executeTakeFirstOrThrow()).lead_id

describe('the supervisor’s SMS inbox', () => {
  it('shows a texted magic link with its token masked, as the agent’s desk does', async () => {
    const leadId = await aLeadId()
    const linkType = running.linkTypes[0]?.type
    if (!linkType) throw new Error('the demo has link types')
    await running.ringlane.magicLinks.sendBySms({ leadId, linkType, issuedBy: supervisorId })
    const [link] = await running.ringlane.magicLinks.forLead(leadId)
    const conversation = (await running.ringlane.messaging.conversations({ limit: 200 })).find(
      (c) => c.leadId === leadId,
    )
    if (!conversation) throw new Error('the link went in the lead’s conversation')
    const page = await open(smsLoader, `/supervisor/sms?c=${conversation.id}`)
    if (page instanceof Response) throw new Error(`the inbox answered ${page.status}`)
    const bodies = page.thread?.messages.map((m) => m.body) ?? []
    expect(bodies.some((b) => b.includes('token=…'))).toBe(true)
    expect(JSON.stringify(page)).not.toMatch(/token=[A-Za-z0-9_-]/)
    expect(link).toBeDefined()
  })
})

describe('the supervisor’s SMS inbox pages', () => {
  it('lists every conversation once across its pages, most urgent first, and refuses an edited link', async () => {
    // More conversations than a page holds: 60 people text, every fifth asking for a callback.
    const sms = running.simulatedSms
    if (!sms) throw new Error('the embedded demo simulates SMS')
    for (let n = 0; n < 60; n++)
      await running.webhooks.smsInbound(
        sms.inboundWebhook({
          from: `+447700900${600 + n}`,
          body: n % 5 === 0 ? 'Please call me back' : 'thanks',
        }),
      )
    const listed: Array<{ id: string; priority: string }> = []
    let path: string | null = '/supervisor/sms'
    while (path) {
      const page: Awaited<ReturnType<typeof smsLoader>> | Response = await open(smsLoader, path)
      if (page instanceof Response) throw new Error(`the inbox answered ${page.status}`)
      listed.push(...page.conversations)
      path = page.pages.next
    }
    const total = (await running.ringlane.messaging.conversations({ limit: 500 })).length
    expect(total).toBeGreaterThan(50)
    expect(new Set(listed.map((c) => c.id)).size).toBe(total)
    expect(listed).toHaveLength(total)
    // The high-priority ones (callback requests) come first, on the first page.
    const firstNormal = listed.findIndex((c) => c.priority !== 'high')
    expect(listed.slice(firstNormal).some((c) => c.priority === 'high')).toBe(false)

    const edited = await open(smsLoader, '/supervisor/sms?cursor=not-a-cursor')
    expect(edited).toBeInstanceOf(Response)
    expect((edited as Response).status).toBe(400)
  })
})

describe('the supervisor’s lead page', () => {
  it('answers 404 for an id that is not a lead id', async () => {
    const page = await open(leadLoader, '/supervisor/leads/abc', { leadId: 'abc' })
    expect(page).toBeInstanceOf(Response)
    expect((page as Response).status).toBe(404)
  })

  it('answers 404, not 400 or 500, for ids no lead can have', async () => {
    for (const id of ['a.b', 'x'.repeat(65), '9'.repeat(19), "1' or '1'='1"]) {
      const page = await open(leadLoader, `/supervisor/leads/${encodeURIComponent(id)}`, { leadId: id })
      expect(page).toBeInstanceOf(Response)
      expect((page as Response).status).toBe(404)
    }
  })

  it('answers 404 for a lead id that is not in the source', async () => {
    // Shaped like the demo's ids, past its 50 people. (Flipping a real id's last digit named another
    // person as often as not, depending on which entry came first.)
    const missing = String(Number(await aLeadId()) + 1_000_000)
    const page = await open(leadLoader, `/supervisor/leads/${missing}`, { leadId: missing })
    expect(page).toBeInstanceOf(Response)
    expect((page as Response).status).toBe(404)
  })

  it('still opens a lead that is there', async () => {
    const leadId = await aLeadId()
    const page = await open(leadLoader, `/supervisor/leads/${leadId}`, { leadId })
    expect(page).not.toBeInstanceOf(Response)
  })
})
