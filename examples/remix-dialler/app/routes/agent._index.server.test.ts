import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp } from '../server/app.server'
import { signIn } from '../server/auth.server'
import type { DiallerApp } from '../server/dialler.server'
import { action, callbackDueAt } from './agent._index.server'

let dir: string
let running: DiallerApp
let cookie: string
let agentId: string

beforeAll(async () => {
  // A server far from its agents: reading the form in the server's zone would be 11–13 hours out.
  process.env.TZ = 'Pacific/Auckland'
  dir = mkdtempSync(join(tmpdir(), 'ringlane-desk-'))
  process.env.RINGLANE_DATA_DIR = dir
  process.env.DEMO_PEOPLE = '50'
  process.env.PORT = '3997'
  running = await startApp(() => {})
  const login = running.demoLogins.find((l) => l.role === 'agent')
  if (!login) throw new Error('the embedded demo has an agent login')
  const signedIn = await signIn(running, running.publicBaseUrl, { ...login, ip: '127.0.0.1' })
  cookie = signedIn.setCookie.split(';')[0] ?? ''
  agentId = signedIn.agent.id
})
afterAll(async () => {
  await running?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Posts the desk form as the browser does, and reads the action's answer. */
const post = async (fields: Record<string, string>) => {
  const result = await action({
    request: new Request(new URL('/agent?index', running.publicBaseUrl), {
      method: 'POST',
      headers: {
        cookie,
        origin: running.publicBaseUrl,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(fields).toString(),
    }),
    params: {},
    context: {},
  })
  const answer = ('data' in result ? result.data : result) as {
    ok: boolean
    sessionId?: string
    fields?: Record<string, string>
    error?: string
  }
  return answer
}

/** Takes the next lead and opens a call to it, as the desk's buttons do. */
const callNextLead = async () => {
  expect(await post({ intent: 'available' })).toMatchObject({ ok: true })
  expect(await post({ intent: 'next' })).toMatchObject({ ok: true })
  const held = await running.db
    .selectFrom('queue_entries')
    .select(['id', 'lead_id'])
    .where('claimed_by', '=', agentId)
    .where('status', '=', 'claimed')
    .executeTakeFirstOrThrow()
  const started = await post({ intent: 'start-call', entryId: held.id })
  expect(started).toMatchObject({ ok: true })
  return { sessionId: started.sessionId ?? '', leadId: held.lead_id }
}

const dueAtOf = async (leadId: string) =>
  (
    await running.db
      .selectFrom('callbacks')
      .select('due_at')
      .where('lead_id', '=', leadId)
      .executeTakeFirstOrThrow()
  ).due_at

/** Calls the next lead and books a callback at `callbackAt`, in `timeZone` if sent: when it is due, in UTC. */
const callbackBooked = async (callbackAt: string, timeZone?: string) => {
  const { sessionId, leadId } = await callNextLead()
  const outcome = { intent: 'outcome', sessionId, disposition: 'callback_requested', callbackAt }
  expect(await post(timeZone ? { ...outcome, timeZone } : outcome)).toMatchObject({ ok: true })
  return new Date(await dueAtOf(leadId)).toISOString()
}

/** A day `days` from now, `YYYY-MM-DD`: callbacks are due within 90 days. */
const dayAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/** The last Sunday of a month, or the nth, by arithmetic: the statutory clock-change days. */
const sunday = (year: number, month: number, nth: number) => {
  if (nth > 0) return 1 + ((7 - new Date(Date.UTC(year, month, 1)).getUTCDay()) % 7) + (nth - 1) * 7
  const last = new Date(Date.UTC(year, month + 1, 0))
  return last.getUTCDate() - last.getUTCDay()
}

/** 10:00 on `day` in London and New York as UTC, worked out from the summer-time rules, not Intl. */
const tenAm = (day: string) => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const wall = Date.UTC(year, month - 1, date, 10)
  const bst =
    wall >= Date.UTC(year, 2, sunday(year, 2, -1), 2) && wall < Date.UTC(year, 9, sunday(year, 9, -1), 2)
  const edt =
    wall >= Date.UTC(year, 2, sunday(year, 2, 2), 3) && wall < Date.UTC(year, 10, sunday(year, 10, 1), 2)
  return {
    london: new Date(wall - (bst ? 60 : 0) * 60_000).toISOString(),
    newYork: new Date(wall + (edt ? 4 : 5) * 3_600_000).toISOString(),
  }
}

describe('a callback time from the outcome form', () => {
  it('is read on the agent’s clock and stored in UTC, with or without JavaScript', async () => {
    const soon = dayAhead(10)
    const later = dayAhead(80)
    // 10:00 in London is 09:00 UTC in summer time and 10:00 UTC in winter, whatever the server's zone.
    expect(await callbackBooked(`${soon}T10:00`, 'Europe/London')).toBe(tenAm(soon).london)
    // Without JavaScript the page sends no zone: the call centre's (London) is used.
    expect(await callbackBooked(`${later}T10:00`)).toBe(tenAm(later).london)
    expect(await callbackBooked(`${soon}T10:00`, 'America/New_York')).toBe(tenAm(soon).newYork)
  })

  it('refuses a time the clocks skip and a zone nobody knows, saying so on the field', async () => {
    const { sessionId } = await callNextLead()
    const outcome = { intent: 'outcome', sessionId, disposition: 'callback_requested' }
    expect(
      await post({ ...outcome, callbackAt: '2027-03-28T01:30', timeZone: 'Europe/London' }),
    ).toMatchObject({
      ok: false,
      fields: { callbackAt: '2027-03-28 01:30 does not exist in Europe/London: the clocks go forward then' },
    })
    expect(
      await post({ ...outcome, callbackAt: `${dayAhead(5)}T10:00`, timeZone: 'Mars/Base' }),
    ).toMatchObject({
      ok: false,
      fields: { callbackAt: 'Your browser sent a time zone we do not know (Mars/Base)' },
    })
  })

  it('converts without a server: nothing, a time, or why not', () => {
    expect(callbackDueAt('', 'Europe/London')).toBeNull()
    expect(callbackDueAt('2026-10-25T01:30', 'Europe/London')).toEqual(new Date('2026-10-25T00:30:00Z'))
    expect(callbackDueAt('soon', 'Europe/London')).toBe('Choose a date and time to call back')
  })
})

describe('hanging up an engine call from the desk', () => {
  it("refuses a call that is not the agent's own, and a malformed one", async () => {
    // A session the agent does not have (another's, or none) is refused; so is a malformed id.
    expect(
      await post({ intent: 'hang-up', sessionId: '4f2c9b8e-6d3a-4c1b-9e7f-0a1b2c3d4e5f' }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('not one of yours') })
    expect(await post({ intent: 'hang-up', sessionId: 'not-a-session' })).toMatchObject({
      ok: false,
      fields: { sessionId: expect.any(String) },
    })
  })
})
