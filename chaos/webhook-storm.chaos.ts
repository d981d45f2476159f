/**
 * (b) A status-callback storm over HTTP through the app's Twilio webhook route, the app started with
 * Twilio configured against a fake auth token and server Postgres. ≥ 2,000 calls' realistic sequences
 * (bench/webhooks' load shape, signed with the `twilio` library), every request sent three times and
 * the whole lot shuffled, with tampered and unsigned requests mixed in. Every call must end as in-order
 * delivery says, no session may leave a terminal state, and a refused request writes no row (the
 * refusal's own audit record aside: that record is the point of refusing).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { Calls, type E164, type Leads, type Queues, Telephony } from '@ringlane/core'
import { Effect } from 'effect'
import twilio from 'twilio'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runLoad, type SignedRequest } from '../bench/webhooks/load.ts'
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  callWebhooks,
  fakeCredentialsTwilio,
  PUBLIC_BASE_URL,
} from '../bench/webhooks/load-shape.ts'
import { type RunningApp, signIn, startApp } from './support/app.ts'
import { note, printFigures } from './support/figures.ts'
import {
  changedTables,
  createAccounts,
  freshDatabase,
  openStore,
  PASSWORD,
  rowCounts,
} from './support/store.ts'

const CALLS = Number(process.env.CHAOS_STORM_CALLS ?? 2000)
const REPLAYS = 3
const AGENTS = 100
const url = process.env.TEST_DATABASE_URL

let database: Awaited<ReturnType<typeof freshDatabase>>
let store: Awaited<ReturnType<typeof openStore>>
let app: RunningApp

beforeAll(async () => {
  if (!url) throw new Error('TEST_DATABASE_URL must name server Postgres: this scenario needs it')
  database = await freshDatabase(url, 'ringlane_chaos_storm')
  const accounts = await createAccounts(
    { url: database.url },
    Array.from({ length: AGENTS }, (_, i) => ({ email: `storm${i}@chaos.test`, role: 'agent' as const })),
  )
  // The bench's account and public URL, so its load shape signs for this app.
  app = await startApp({
    databaseUrl: database.url,
    twilio: true,
    demoPeople: 200,
    env: { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL },
  })
  store = await openStore({ url: database.url })
  // Agents on calls are signed in, as on a real floor: the sign-off job ends the calls of agents with no
  // live session (ghosts), which would change how those calls end.
  for (const account of accounts) await signIn(app.origin, account.email, PASSWORD)
})
afterAll(async () => {
  await app?.stop()
  if (app) await rm(app.dataDir, { recursive: true, force: true })
  await store?.close()
  await database?.drop()
})

const shuffle = <T>(items: T[], next: () => number) => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[items[i], items[j]] = [items[j] as T, items[i] as T]
  }
  return items
}

it('(b) shuffled, replayed, tampered and unsigned status callbacks through the app', async () => {
  const { calls, agents } = store.stores
  const accounts = await Effect.runPromise(agents.listAgents())
  const now = new Date()
  for (const agent of accounts)
    await Effect.runPromise(
      agents.setAgentState(agent.id, 'offline', { state: 'on_call', reason: null }, now),
    ).catch(() => undefined)
  const opened = []
  for (let i = 0; i < CALLS; i++) {
    const session = await Effect.runPromise(
      calls.createSession({
        agentId: (accounts[i % accounts.length] as (typeof accounts)[number]).id,
        leadId: String(i + 1) as Leads.LeadId,
        queueId: 'unsigned' as Queues.QueueId,
        entryId: randomUUID(),
        phone: '+447700900123' as E164,
        provider: 'twilio',
        startedAt: now,
      }),
    )
    opened.push({
      session,
      sessionId: session.id,
      providerCallId: `CA${randomBytes(16).toString('hex')}`,
      startedAt: now,
    })
  }
  const { streams, requests } = callWebhooks(opened, 14)
  let seed = 7
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return seed / 2_147_483_648
  }
  // Tampered: a real signature over another body (the status changed to a final one), or a signature
  // for another URL. Unsigned: no signature at all.
  const tampered: SignedRequest[] = requests
    .filter((_, i) => i % 25 === 0)
    .map((request, i) =>
      i % 2 === 0
        ? {
            ...request,
            body: request.body.replace(/CallStatus=([a-z-]+)/, (_, status) =>
              status === 'completed' ? 'CallStatus=busy' : 'CallStatus=completed',
            ),
          }
        : {
            ...request,
            signature: twilio.getExpectedTwilioSignature(
              AUTH_TOKEN,
              `${PUBLIC_BASE_URL}/elsewhere`,
              Object.fromEntries(new URLSearchParams(request.body)),
            ),
          },
    )
  const unsigned: SignedRequest[] = requests
    .filter((_, i) => i % 25 === 12)
    .map((request) => ({ ...request, signature: '' }))
  const valid = requests.flatMap((request) => Array.from({ length: REPLAYS }, () => request))
  const storm = shuffle([...valid, ...tampered, ...unsigned], next)
  note(
    `(b) ${CALLS} calls, ${requests.length} webhooks × ${REPLAYS} + ${tampered.length} tampered + ${unsigned.length} unsigned, shuffled`,
  )

  // Watch every session while the storm runs: once terminal, never open again.
  const ids = opened.map((o) => o.sessionId)
  const terminalSeen = new Set<string>()
  let regressions = 0
  let watching = true
  const open = new Set(Telephony.openCallStatuses as ReadonlyArray<string>)
  const watch = (async () => {
    while (watching) {
      const rows = await store.query<{ id: string; status: string }>(
        'select id, status from call_sessions where id = any($1::uuid[])',
        [ids],
      )
      for (const row of rows) {
        if (!open.has(row.status)) terminalSeen.add(row.id)
        else if (terminalSeen.has(row.id)) regressions++
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  })()
  const load = await runLoad({ port: app.port, requests: storm, concurrency: 32 })
  watching = false
  await watch

  // In-order delivery, applied by the state machine itself: where each call must end.
  const telephony = fakeCredentialsTwilio()
  let wrongFinal = 0
  for (const [i, stream] of streams.entries()) {
    let expected = (opened[i] as (typeof opened)[number]).session
    for (const params of stream.params) {
      const event = await Effect.runPromise(
        telephony.parseCallEvent({ ...params, [Calls.SESSION_PARAM]: stream.call.sessionId }),
      )
      expected = Calls.applyCallEvent(expected, event)
    }
    const actual = await Effect.runPromise(calls.findSession(stream.call.sessionId))
    if (actual._tag === 'None' || JSON.stringify(actual.value) !== JSON.stringify(expected)) wrongFinal++
  }

  // Refused requests alone, one at a time, counting every table's rows around them.
  const before = await rowCounts(store.query)
  const refusedAlone = [...tampered.slice(0, 100), ...unsigned.slice(0, 100)]
  const refusedStatuses: Record<number, number> = {}
  for (const request of refusedAlone) {
    const response = await fetch(`http://127.0.0.1:${app.port}${request.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(request.signature && { 'x-twilio-signature': request.signature }),
      },
      body: request.body,
    })
    await response.arrayBuffer()
    refusedStatuses[response.status] = (refusedStatuses[response.status] ?? 0) + 1
  }
  const changed = changedTables(before, await rowCounts(store.query))
  const written = changed.filter((c) => c.table !== 'audit_log')
  const audited = changed.find((c) => c.table === 'audit_log')

  const figures = {
    calls: CALLS,
    webhooks: requests.length,
    requests_sent: storm.length,
    replays: REPLAYS,
    tampered: tampered.length,
    unsigned: unsigned.length,
    statuses: load.statuses,
    seconds: Math.round(load.ms / 100) / 10,
    calls_ending_wrong: wrongFinal,
    terminal_regressions: regressions,
    refused_alone: refusedAlone.length,
    refused_alone_statuses: refusedStatuses,
    rows_written_by_refused: written.reduce((sum, c) => sum + Math.abs(c.after - c.before), 0),
    refusal_audit_records: audited ? audited.after - audited.before : 0,
  }
  printFigures('b-webhook-storm', figures)
  expect(load.statuses).toEqual({ 204: valid.length, 403: tampered.length + unsigned.length })
  expect(figures.calls_ending_wrong).toBe(0)
  expect(figures.terminal_regressions).toBe(0)
  expect(refusedStatuses).toEqual({ 403: refusedAlone.length })
  expect(written).toEqual([])
})
