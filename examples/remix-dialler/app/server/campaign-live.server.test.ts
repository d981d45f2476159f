import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader } from '../routes/supervisor.campaigns.$campaignId.live'
import { startApp } from './app.server'
import { signIn } from './auth.server'
import { loadCampaignLive } from './campaign-live.server'
import type { DiallerApp } from './dialler.server'

const HOUR = 3_600_000
let dir: string
let running: DiallerApp

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ringlane-live-'))
  process.env.RINGLANE_DATA_DIR = dir
  process.env.DEMO_PEOPLE = '50'
  process.env.PORT = '3996'
  running = await startApp(() => {})
})
afterAll(async () => {
  await running?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Answered engine calls as the engine records them in the abandon ledger. */
const answered = (
  campaignId: string,
  agoMs: number,
  outcome: 'connected' | 'abandoned' | 'machine',
  n: number,
) =>
  running.db
    .insertInto('answered_calls')
    .values(
      Array.from({ length: n }, () => ({
        call_id: randomUUID(),
        campaign_id: campaignId,
        answered_at: new Date(Date.now() - agoMs),
        outcome,
      })),
    )
    .execute()

const cookieOf = async (role: 'agent' | 'supervisor') => {
  const login = running.demoLogins.find((l) => l.role === role)
  if (!login) throw new Error(`the embedded demo has a ${role} login`)
  const signedIn = await signIn(running, running.publicBaseUrl, { ...login, ip: '127.0.0.1' })
  return signedIn.setCookie.split(';')[0] ?? ''
}

const campaignOf = async (id: string) => {
  const campaign = await running.ringlane.campaigns.get(id)
  if (!campaign) throw new Error(`the demo has campaign ${id}`)
  return campaign
}

const liveRoute = async (campaignId: string, cookie: string) =>
  loader({
    request: new Request(new URL(`/supervisor/campaigns/${campaignId}/live`, running.publicBaseUrl), {
      headers: { cookie },
    }),
    params: { campaignId },
    context: {},
  })

describe('the campaign live panel', () => {
  it("reads the window's abandon rate from the ledger, whole and per hour, against target and cap", async () => {
    // Last half hour: 1 abandoned of 40 live-answered; four and a half hours ago: 1 of 10.
    await answered('demo-auto', HOUR / 2, 'connected', 39)
    await answered('demo-auto', HOUR / 2, 'abandoned', 1)
    await answered('demo-auto', 4.5 * HOUR, 'connected', 9)
    await answered('demo-auto', 4.5 * HOUR, 'abandoned', 1)
    // Machines are not live answers; yesterday is outside the 24 h window.
    await answered('demo-auto', HOUR / 2, 'machine', 5)
    await answered('demo-auto', 30 * HOUR, 'abandoned', 10)
    const campaign = await campaignOf('demo-auto')
    const live = await loadCampaignLive(running, campaign)
    if (!live.dialled) throw new Error('the demo auto-dial campaign is progressive')
    expect(live.mode).toBe('progressive')
    expect(live.dialling).toBe(true)
    // 2 abandoned of 50 answered by a person: 4 %, over the 2.5 % target and Ofcom's 3 % cap.
    expect(live.abandon).toMatchObject({ connected: 48, abandoned: 2, percent: 4, targetPercent: 2.5 })
    expect(live.abandon.cap).toEqual({ percent: 3, hours: 24 })
    expect(live.chart).toHaveLength(24)
    expect(live.chart.at(-1)).toEqual({ label: '-1h', percent: 2.5, answered: 40 })
    expect(live.chart.find((slice) => slice.label === '-5h')).toEqual({
      label: '-5h',
      percent: 10,
      answered: 10,
    })
    expect(live.chart.filter((slice) => slice.percent === null)).toHaveLength(22)
    // Nobody signed in to it yet: no lines, no dial level.
    expect(live.agents).toEqual({ ready: 0, onCall: 0, wrapUp: 0, paused: 0, signedOut: 1 })
    expect(live.inFlight).toBe(0)
    expect(live.waiting).toBe(0)
    expect(live.dialLevel).toBeNull()
  })

  it("lists the engine's calls that no agent has yet: ringing, and answered waiting; not an agent's", async () => {
    const call = (phone: string, minutesAgo: number, answered: boolean, agentId: string | null) =>
      running.db
        .insertInto('call_sessions')
        .values({
          agent_id: agentId,
          campaign_id: 'demo-auto',
          lead_id: phone.slice(-4),
          queue_id: 'unsigned',
          entry_id: randomUUID(),
          phone,
          provider: 'simulator',
          status: answered ? 'in-progress' : 'ringing',
          started_at: new Date(Date.now() - minutesAgo * 60_000),
          answered_at: answered ? new Date(Date.now() - minutesAgo * 30_000) : null,
          answered_by: answered ? 'human' : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    const agent = running.demoLogins.find((l) => l.role === 'agent')
    const agentId = (await running.ringlane.agents.credentials(agent?.email ?? ''))?.agent.id ?? null
    const ringing = await call('+447700900101', 2, false, null)
    const waiting = await call('+447700900102', 1, true, null)
    await call('+447700900103', 1, true, agentId)
    const live = await loadCampaignLive(running, await campaignOf('demo-auto'))
    if (!live.dialled) throw new Error('the demo auto-dial campaign is progressive')
    expect(live.withoutAgent.map(({ sessionId, phone, state }) => ({ sessionId, phone, state }))).toEqual([
      { sessionId: ringing.id, phone: '+447700900101', state: 'ringing' },
      { sessionId: waiting.id, phone: '+447700900102', state: 'waiting' },
    ])
    expect(live.inFlight).toBe(1)
    expect(live.waiting).toBe(1)
    await running.db.deleteFrom('call_sessions').where('campaign_id', '=', 'demo-auto').execute()
  })

  it('has no numbers for a preview campaign: the engine does not dial it', async () => {
    const campaign = await campaignOf('demo-claims')
    expect(await loadCampaignLive(running, campaign)).toEqual({ dialled: false })
  })

  it('answers supervisors only', async () => {
    const live = await liveRoute('demo-auto', await cookieOf('supervisor'))
    expect(live).toMatchObject({ dialled: true, mode: 'progressive' })
    const refused = await liveRoute('demo-auto', await cookieOf('agent')).catch((thrown: unknown) => thrown)
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).status).toBe(403)
  })
})
