/**
 * `pnpm bench:desk`: simulated agents doing the whole desk loop over HTTP against the built app, as a
 * browser without JavaScript would (the desk's forms work before hydration): next lead, the desk page
 * (the lead's context), start the call (the live pre-dial validation, then the session), the provider's
 * signed voice and status webhooks (the app's simulated telephony, signed as the simulator signs them;
 * with Twilio configured the app rightly refuses the demo's fictional numbers), the outcome. Server
 * Postgres with 150 agents, then embedded PGlite with 25.
 * Prints one JSON line on stdout; progress goes to stderr. A measurement, not a test.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  desk,
  type RunningApp,
  type Session,
  signIn,
  simulatorWebhook,
  startApp,
} from '../../chaos/support/app.ts'
import { createAccounts, freshDatabase, PASSWORD } from '../../chaos/support/store.ts'
import { logger, percentile, round } from '../measure.ts'

const log = logger('desk')
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60)
/**
 * An agent reads the desk between clicks, and a call takes a while: the load of a floor, not a flood
 * (still a few times a real floor's pace, where a call and its wrap-up take minutes). Milliseconds,
 * `low,high`.
 */
const pace = (name: string, low: number, high: number) => {
  const [a = low, b = high] = (process.env[name] ?? '').split(',').filter(Boolean).map(Number)
  return [a, b] as const
}
const THINK_MS = pace('BENCH_THINK_MS', 1000, 3000)
const TALK_MS = pace('BENCH_TALK_MS', 10_000, 30_000)
const STEPS = ['next', 'desk', 'start_call', 'voice_webhook', 'status_webhook', 'outcome'] as const
type Step = (typeof STEPS)[number]

const between = ([low, high]: readonly [number, number]) => low + Math.random() * (high - low)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The answer's status, its body read so the connection is free again. */
const statusOf = async (response: Response) => {
  await response.arrayBuffer()
  return response.status
}

const loop = async (
  app: RunningApp,
  agent: Session,
  until: number,
  times: Record<Step, number[]>,
  errors: Record<string, number>,
) => {
  const { act, show } = desk(agent)
  const fail = (what: string) => {
    errors[what] = (errors[what] ?? 0) + 1
  }
  const step = async <A>(name: Step, run: () => Promise<A>) => {
    const started = performance.now()
    const value = await run()
    times[name].push(performance.now() - started)
    return value
  }
  await act({ intent: 'available' })
  while (Date.now() < until) {
    const next = await step('next', () => act({ intent: 'next' }))
    if (!next.entryId) {
      fail(next.status === 200 ? 'queue empty' : `next ${next.status}`)
      await sleep(1000)
      continue
    }
    await sleep(between(THINK_MS))
    const page = await step('desk', () => show())
    if (page.status !== 200 || page.entryId !== next.entryId) fail(`desk ${page.status}`)
    await sleep(between(THINK_MS))
    const start = await step('start_call', () =>
      act({ intent: 'start-call', entryId: next.entryId as string }),
    )
    const sessionId = start.sessionId
    if (!sessionId) {
      fail(`start-call ${start.status}`)
      await act({ intent: 'release', entryId: next.entryId })
      continue
    }
    // The browser's call reaches the provider, which asks the app what to dial, then reports the call.
    const callSid = `CA${randomBytes(16).toString('hex')}`
    const voice = await step('voice_webhook', () =>
      simulatorWebhook(app.origin, '/webhooks/simulator/voice', {
        CallSid: callSid,
        From: `client:${sessionId}`,
        ringlaneSession: sessionId,
      }).then(statusOf),
    )
    if (voice !== 200) fail(`voice ${voice}`)
    const statusPath = '/webhooks/simulator/call-status'
    for (const [status, extra, wait] of [
      ['initiated', {}, 0],
      ['ringing', {}, 300],
      ['in-progress', { AnsweredBy: 'human' }, 500],
      ['completed', { CallDuration: '3' }, between(TALK_MS)],
    ] as const) {
      await sleep(wait)
      const answer = await step('status_webhook', () =>
        simulatorWebhook(app.origin, statusPath, {
          CallSid: callSid,
          CallStatus: status,
          ringlaneSession: sessionId,
          Timestamp: new Date().toISOString(),
          ...extra,
        }).then(statusOf),
      )
      if (answer !== 204) fail(`status ${status} ${answer}`)
    }
    await sleep(between(THINK_MS))
    const outcome = await step('outcome', () =>
      act({ intent: 'outcome', sessionId, disposition: 'no_answer', notes: 'bench' }),
    )
    if (outcome.status !== 200 || outcome.sessionId === sessionId) fail(`outcome ${outcome.status}`)
  }
}

const run = async (engine: 'postgres' | 'pglite', agents: number) => {
  const database = engine === 'postgres' ? await freshDatabase(POSTGRES_URL, 'ringlane_bench_desk') : null
  let app: RunningApp | null = null
  const dataDir = mkdtempSync(join(tmpdir(), 'ringlane-bench-desk-'))
  try {
    const accountsAt = database ? { url: database.url } : null
    const emails = Array.from({ length: agents }, (_, i) => ({
      email: `desk${i}@bench.test`,
      role: 'agent' as const,
    }))
    await createAccounts(accountsAt ?? { dataDir }, emails)
    app = await startApp({
      ...(database && { databaseUrl: database.url }),
      dataDir,
      demoPeople: 3000,
      log: () => undefined,
    })
    log(`${engine}: app up on ${app.origin}; signing in ${agents} agents`)
    const sessions: Session[] = []
    for (const { email } of emails) sessions.push(await signIn(app.origin, email, PASSWORD))
    const times = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>
    const errors: Record<string, number> = {}
    const until = Date.now() + SECONDS * 1000
    await Promise.all(
      sessions.map((agent) =>
        loop(app as RunningApp, agent, until, times, errors).catch((error: unknown) => {
          errors[`thrown ${String(error)}`] = (errors[`thrown ${String(error)}`] ?? 0) + 1
        }),
      ),
    )
    const steps = Object.fromEntries(
      STEPS.map((s) => [
        s,
        times[s].length
          ? {
              n: times[s].length,
              p50_ms: round(percentile(times[s], 50)),
              p95_ms: round(percentile(times[s], 95)),
            }
          : { n: 0 },
      ]),
    )
    const result = {
      agents,
      seconds: SECONDS,
      loops: times.outcome.length,
      steps,
      worst_p95_ms: round(Math.max(...STEPS.map((s) => (times[s].length ? percentile(times[s], 95) : 0)))),
      errors: Object.values(errors).reduce((a, b) => a + b, 0),
      error_detail: errors,
    }
    log(`${engine}: ${JSON.stringify(result)}`)
    return result
  } finally {
    await app?.stop()
    await database?.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

const postgres = await run('postgres', Number(process.env.BENCH_AGENTS_POSTGRES ?? 150))
const pglite = await run('pglite', Number(process.env.BENCH_AGENTS_PGLITE ?? 25))
console.log(
  JSON.stringify({
    postgres,
    pglite,
    targets: { postgres_p95_ms: 100, pglite_p95_ms: 200, errors: 0 },
    think_ms: THINK_MS,
    talk_ms: TALK_MS,
  }),
)
