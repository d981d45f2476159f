/**
 * (c) The app killed with SIGKILL while its agents are mid-calls (simulated telephony: the calls live
 * in the killed process and die with it), then started again on the same data. The agents come back
 * and finish what their desks show, then the stale-calls reconciliation runs (support/reconcile.ts);
 * after that no session may be open, no agent on a call, and nothing the app acknowledged before the
 * kill may be missing. On embedded PGlite and server Postgres.
 */
import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { desk, type RunningApp, type Session, signIn, startApp } from './support/app.ts'
import { note, printFigures } from './support/figures.ts'
import { reconcileLater } from './support/reconcile.ts'
import { createAccounts, freshDatabase, openStore, PASSWORD, type StoreAt } from './support/store.ts'

const AGENTS = 20
/** The kill comes once this many calls have started (or after KILL_AT_MOST_MS), mid-way through more. */
const KILL_AFTER_CALLS = 30
const KILL_AT_MOST_MS = 60_000
const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One agent's day until the process dies under it: what the app acknowledged, by id. */
const work = async (
  app: RunningApp,
  agent: Session,
  acked: { sessions: Set<string>; outcomes: Set<string> },
  alive: () => boolean,
) => {
  const { act } = desk(agent)
  try {
    await act({ intent: 'available' })
    while (alive()) {
      const next = await act({ intent: 'next' })
      if (!next.entryId) {
        await sleep(200)
        continue
      }
      const start = await act({ intent: 'start-call', entryId: next.entryId })
      if (!start.sessionId) {
        await act({ intent: 'release', entryId: next.entryId })
        continue
      }
      const sessionId = start.sessionId
      acked.sessions.add(sessionId)
      // The browser dials through the simulator, which then sends the call's signed status webhooks.
      await fetch(`${app.origin}/simulator/calls`, {
        method: 'POST',
        headers: { cookie: agent.cookie, origin: app.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ to: '+447700900123', params: { ringlaneSession: sessionId } }),
      }).then((r) => r.arrayBuffer())
      await sleep(500 + Math.random() * 3000)
      const outcome = await act({ intent: 'outcome', sessionId, disposition: 'no_answer' })
      // Saved: the desk no longer offers that call's outcome form.
      if (outcome.status === 200 && outcome.sessionId !== sessionId) acked.outcomes.add(sessionId)
    }
  } catch {
    // The process died under the request: what was not acknowledged is not owed.
  }
}

const scenario = async (engine: 'pglite' | 'postgres') => {
  let at: StoreAt
  let databaseUrl: string | undefined
  const dataDir = mkdtempSync(join(tmpdir(), 'ringlane-chaos-kill-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL
    if (!url) throw new Error('TEST_DATABASE_URL must name server Postgres: this scenario needs it')
    const database = await freshDatabase(url, 'ringlane_chaos_kill')
    cleanups.push(database.drop)
    databaseUrl = database.url
    at = { url: database.url }
  } else at = { dataDir }
  const accounts = await createAccounts(
    at,
    Array.from({ length: AGENTS }, (_, i) => ({ email: `kill${i}@chaos.test`, role: 'agent' as const })),
  )
  let app = await startApp({ ...(databaseUrl && { databaseUrl }), dataDir, demoPeople: 500 })
  cleanups.push(() => app.stop())
  const agents = await Promise.all(accounts.map((a) => signIn(app.origin, a.email, PASSWORD)))
  const acked = { sessions: new Set<string>(), outcomes: new Set<string>() }
  let alive = true
  const working = agents.map((agent) => work(app, agent, acked, () => alive))
  const began = performance.now()
  while (acked.sessions.size < KILL_AFTER_CALLS && performance.now() - began < KILL_AT_MOST_MS)
    await sleep(100)
  await sleep(Math.random() * 1000)
  const killedAfter = (performance.now() - began) / 1000
  alive = false
  await app.stop('SIGKILL')
  await Promise.all(working)
  const openAtKill = acked.sessions.size - acked.outcomes.size
  const outcomesAtKill = acked.outcomes.size
  note(`(c ${engine}) killed with ${acked.sessions.size} calls started, ${openAtKill} without an outcome`)

  const restartedAt = performance.now()
  app = await app.restart()
  const restartSeconds = (performance.now() - restartedAt) / 1000
  // Back at their desks: each finishes the call or the lead it still holds.
  let settledByAgents = 0
  let released = 0
  const returnErrors: string[] = []
  for (const agent of agents) {
    const page = await desk(agent).show()
    if (page.sessionId) {
      const outcome = await desk(agent).act({
        intent: 'outcome',
        sessionId: page.sessionId,
        disposition: 'no_answer',
      })
      if (outcome.status === 200 && outcome.sessionId !== page.sessionId) {
        settledByAgents++
        acked.outcomes.add(page.sessionId)
      } else returnErrors.push(`outcome answered ${outcome.status}`)
    }
    const after = await desk(agent).show()
    if (after.entryId) {
      const release = await desk(agent).act({ intent: 'release', entryId: after.entryId })
      if (release.status === 200 && !release.entryId) released++
      else returnErrors.push(`release answered ${release.status}`)
    }
  }
  // PGlite is one process's: read it once the app has stopped cleanly.
  if (engine === 'pglite') await app.stop()
  const store = await openStore(at)
  try {
    const open = async () =>
      (
        await store.query<{ n: number }>(
          "select count(*)::int as n from call_sessions where status in ('initiated', 'queued', 'ringing', 'in-progress')",
        )
      )[0]?.n ?? -1
    const openBeforeReconciliation = await open()
    const reconciled = await reconcileLater(store.stores, 15)
    const [stuck] = await store.query<{ n: number }>(
      "select count(*)::int as n from call_sessions where status in ('initiated', 'queued', 'ringing', 'in-progress')",
    )
    const [onCall] = await store.query<{ n: number }>(
      "select count(*)::int as n from agent_states where state = 'on_call'",
    )
    const [sessions] = await store.query<{ n: number }>(
      'select count(*)::int as n from call_sessions where id = any($1::uuid[])',
      [[...acked.sessions]],
    )
    const [outcomes] = await store.query<{ n: number }>(
      'select count(*)::int as n from call_outcomes where session_id = any($1::uuid[])',
      [[...acked.outcomes]],
    )
    const [claimed] = await store.query<{ n: number }>(
      "select count(*)::int as n from queue_entries where status = 'claimed'",
    )
    const figures = {
      engine,
      agents: AGENTS,
      killed_after_s: Math.round(killedAfter * 10) / 10,
      outcomes_before_kill: outcomesAtKill,
      calls_started: acked.sessions.size,
      open_at_kill: openAtKill,
      restart_s: Math.round(restartSeconds * 10) / 10,
      settled_by_agents: settledByAgents,
      leads_released: released,
      open_after_agents_returned: openBeforeReconciliation,
      reconciled: reconciled.timedOut + reconciled.updatedFromProvider,
      sessions_stuck: stuck?.n ?? -1,
      agents_stuck_on_call: onCall?.n ?? -1,
      entries_left_claimed: claimed?.n ?? -1,
      sessions_lost: acked.sessions.size - (sessions?.n ?? 0),
      outcomes_lost: acked.outcomes.size - (outcomes?.n ?? 0),
      errors_after_restart: returnErrors.length,
    }
    printFigures('c-kill-restart', figures)
    for (const error of returnErrors.slice(0, 3)) note(`(c ${engine}) ${error}`)
    return figures
  } finally {
    await store.close()
  }
}

it.each(['pglite', 'postgres'] as const)('(c) SIGKILL mid-calls, restart (%s)', async (engine) => {
  const figures = await scenario(engine)
  expect(figures.calls_started).toBeGreaterThan(0)
  expect(figures.sessions_stuck).toBe(0)
  expect(figures.agents_stuck_on_call).toBe(0)
  expect(figures.entries_left_claimed).toBe(0)
  expect(figures.sessions_lost).toBe(0)
  expect(figures.outcomes_lost).toBe(0)
  expect(figures.errors_after_restart).toBe(0)
})
