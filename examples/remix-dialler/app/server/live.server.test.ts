import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as agentDesk } from '../routes/agent._index'
import { applyDashboardEvent, parseDashboardEvent } from '../utils/live-dashboard'
import { startTestApp, stopTestApp } from './app.test.support'
import { signIn } from './auth.server'
import type { DiallerApp } from './dialler.server'
import type { LiveEvent } from './events.server'
import type { LiveSnapshot as LiveView } from './supervisor.server'
import { liveSnapshot } from './supervisor.server'

let dir: string
let running: DiallerApp

beforeAll(async () => {
  ;({ dir, running } = await startTestApp('live', '3996'))
})
afterAll(() => stopTestApp(dir, running))

const waitFor = async <T>(probe: () => Promise<T | undefined> | T | undefined, what: string) => {
  for (let i = 0; i < 300; i++) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** What a supervisor's page shows after its first view and then these events, as the page applies them. */
const shown = (view: LiveView, events: ReadonlyArray<LiveEvent>) =>
  events.reduce((live, event) => {
    const parsed = parseDashboardEvent({
      id: null,
      type: event.type,
      data: JSON.parse(JSON.stringify(event)),
    })
    return parsed ? applyDashboardEvent(live, parsed).live : live
  }, view)

describe('the live dashboard after an agent records an outcome', () => {
  it('shows no call for an agent who moved on, though the provider still has it live', async () => {
    const login = running.demoLogins.find((l) => l.role === 'agent')
    if (!login) throw new Error('no demo agent')
    const { setCookie } = await signIn(running, running.publicBaseUrl, { ...login, ip: 'test-live' })
    const cookie = setCookie.split(';')[0] ?? ''
    const { id: agentId } = await running.db
      .selectFrom('agents')
      .select('id')
      .where('email', '=', login.email)
      .executeTakeFirstOrThrow()
    const desk = async (fields: Record<string, string>) => {
      const body = new FormData()
      for (const [name, value] of Object.entries(fields)) body.set(name, value)
      const result = await agentDesk({
        request: new Request(new URL('/agent', running.publicBaseUrl), {
          method: 'POST',
          headers: { cookie, origin: new URL(running.publicBaseUrl).origin },
          body,
        }),
        params: {},
        context: {},
      })
      const answer = ('data' in result ? result.data : result) as { ok: boolean; sessionId?: string }
      if (!answer.ok) throw new Error(`${fields.intent} failed: ${JSON.stringify(answer)}`)
      return answer
    }
    /** Takes the next lead and starts its call; a lead the simulator would make busy is skipped. */
    const nextCall = async () => {
      for (;;) {
        await desk({ intent: 'next' })
        const entry = await running.ringlane.queues.held(agentId)
        if (!entry) throw new Error('no lead to call')
        // Numbers ending in 7 are busy after two seconds (the demo's scenarios): this call must stay live.
        if (entry.phone.endsWith('7')) {
          await desk({ intent: 'skip', entryId: entry.id, reason: 'a call that stays live is wanted' })
          continue
        }
        const { sessionId } = await desk({ intent: 'start-call', entryId: entry.id })
        if (!sessionId) throw new Error('no session')
        return sessionId
      }
    }
    const simulator = running.simulator
    if (!simulator) throw new Error('the demo runs on simulated telephony')
    const status = async (sessionId: string) =>
      (
        await running.db
          .selectFrom('call_sessions')
          .select('status')
          .where('id', '=', sessionId)
          .executeTakeFirstOrThrow()
      ).status

    await desk({ intent: 'available' })
    const sessionId = await nextCall()
    const heard: LiveEvent[] = []
    const { unsubscribe } = running.events.subscribe(null, ({ event }) => heard.push(event))
    try {
      const { callId } = await simulator.placeBrowserCall(agentId, { ringlaneSession: sessionId })
      await waitFor(
        () => heard.some((e) => e.type === 'call' && e.sessionId === sessionId) || undefined,
        'the provider to report the call',
      )
      const before = await liveSnapshot(running)
      expect(before.calls.map((c) => c.sessionId)).toContain(sessionId)
      // A supervisor's view names the lead on the call, not its id.
      const supervisor = running.demoLogins.find((l) => l.role === 'supervisor')
      const { id: supervisorId } = await running.db
        .selectFrom('agents')
        .select('id')
        .where('email', '=', supervisor?.email ?? '')
        .executeTakeFirstOrThrow()
      const named = (await liveSnapshot(running, supervisorId)).calls.find((c) => c.sessionId === sessionId)
      expect(named?.leadName).toMatch(/^\S+ \S+/)
      expect(named?.leadName).not.toMatch(/^Lead \d/)
      const seen = heard.length

      await desk({ intent: 'outcome', sessionId, disposition: 'no_answer' })
      // The provider still has the call: it stays open, for its own final status.
      expect(['initiated', 'queued', 'ringing', 'in-progress']).toContain(await status(sessionId))
      expect((await liveSnapshot(running)).calls.map((c) => c.sessionId)).not.toContain(sessionId)
      expect(shown(before, heard.slice(seen)).calls.map((c) => c.sessionId)).not.toContain(sessionId)
      expect((await running.ringlane.agents.state(agentId)).state).toBe('available')

      // The agent dials their next call at once, and the provider goes on reporting the first one.
      const next = await nextCall()
      await waitFor(async () => ((await status(sessionId)) === 'ringing' ? true : undefined), 'ringing')
      await simulator.hangUp(agentId, callId)
      expect(await status(sessionId)).toBe('canceled')
      // Live events follow the change a moment later, as they reach every instance's streams.
      await waitFor(
        () =>
          heard.some((e) => e.type === 'call' && e.sessionId === sessionId && e.status === 'canceled') ||
          undefined,
        'the end to reach the live stream',
      )
      const late = heard.slice(seen).filter((e) => e.type === 'call' && e.sessionId === sessionId)
      // At least the outcome itself and the call's end, each said once.
      expect(late.length).toBeGreaterThanOrEqual(2)
      expect(late.every((e) => e.type === 'call' && e.outcomeRecorded)).toBe(true)
      expect(shown(before, heard.slice(seen)).calls.map((c) => c.sessionId)).not.toContain(sessionId)
      expect((await liveSnapshot(running)).calls.map((c) => c.sessionId)).not.toContain(sessionId)
      // Its end did not send the agent to wrap-up: they are on their next call.
      expect((await running.ringlane.agents.state(agentId)).state).toBe('on_call')
      expect(await status(next)).toBe('initiated')
    } finally {
      unsubscribe()
    }
  })
})
