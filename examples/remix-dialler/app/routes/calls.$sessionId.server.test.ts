import type { LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, stopTestApp } from '../server/app.test.support'
import { signIn } from '../server/auth.server'
import type { DiallerApp } from '../server/dialler.server'
import { hashPassword } from '../server/passwords.server'
import { run } from '../server/run.server'
import { loader } from './calls.$sessionId.server'

let dir: string
let running: DiallerApp
const cookies: Record<'agent' | 'otherAgent' | 'supervisor', string> = {
  agent: '',
  otherAgent: '',
  supervisor: '',
}
let sessionId: string

const cookieOf = async (email: string, password: string) =>
  (await signIn(running, running.publicBaseUrl, { email, password, ip: '127.0.0.1' })).setCookie.split(
    ';',
  )[0] ?? ''

beforeAll(async () => {
  ;({ dir, running } = await startTestApp('call-page', '3995'))
  const login = (role: string) => {
    const found = running.demoLogins.find((l) => l.role === role)
    if (!found) throw new Error(`the embedded demo has a ${role} login`)
    return found
  }
  cookies.agent = await cookieOf(login('agent').email, login('agent').password)
  cookies.supervisor = await cookieOf(login('supervisor').email, login('supervisor').password)
  const agent = (await running.ringlane.agents.list()).find((a) => a.email === login('agent').email)
  if (!agent) throw new Error('the demo agent exists')
  await running.ringlane.agents.create(
    {
      email: 'second.agent@example.com',
      displayName: 'Second agent',
      role: 'agent',
      queueIds: [...agent.queueIds],
    },
    await hashPassword('a long enough password'),
  )
  cookies.otherAgent = await cookieOf('second.agent@example.com', 'a long enough password')
  // The demo agent places a call: it is theirs.
  await running.ringlane.agents.changeState(agent.id, 'available')
  const entry = await running.ringlane.queues.claimNext(agent.id)
  if (!entry) throw new Error('the demo queues hold a lead')
  const started = await running.ringlane.dialing.startCall(agent.id, entry.id)
  if (started._tag !== 'Started') throw new Error(`the call was refused: ${JSON.stringify(started)}`)
  sessionId = started.session.id
})
afterAll(() => stopTestApp(dir, running))

/** Opens a call's page as this person's browser does: its data, or the status it answered with. */
const open = async (who: keyof typeof cookies, id: string) => {
  try {
    return await loader({
      request: new Request(new URL(`/calls/${id}`, running.publicBaseUrl), {
        headers: { cookie: cookies[who] },
      }),
      params: { sessionId: id },
      context: {},
    } as LoaderFunctionArgs)
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

describe('a call’s page', () => {
  it('opens for the call’s own agent and for a supervisor, with its events', async () => {
    const mine = await open('agent', sessionId)
    expect(mine).toMatchObject({
      call: { id: sessionId, agent: 'Demo agent' },
      backTo: '/agent/history',
      leadHref: null,
    })
    const supervised = await open('supervisor', sessionId)
    expect(supervised).toMatchObject({ call: { id: sessionId }, backTo: '/supervisor/calls' })
    expect(typeof supervised === 'object' && supervised.leadHref).toMatch(/^\/supervisor\/leads\//)
  })

  it('is not found for another agent, for an unknown call and for an id that is not one', async () => {
    expect(await open('otherAgent', sessionId)).toBe(404)
    expect(await open('supervisor', '00000000-0000-4000-8000-000000000000')).toBe(404)
    expect(await open('supervisor', 'not-a-call')).toBe(404)
  })

  it('records who opened it in the audit log', async () => {
    const entries = await run(running.audit.list({ action: 'call.viewed', subject: sessionId, limit: 10 }))
    // The agent's and the supervisor's openings above.
    expect(entries.length).toBeGreaterThanOrEqual(2)
  })
})
