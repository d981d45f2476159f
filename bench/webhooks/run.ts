/**
 * `pnpm bench:webhooks`: signed Twilio call-status webhooks over HTTP into a node:http server whose
 * handler runs the real verification and `handleCallStatus` into server Postgres, beside a bare
 * node:http server doing one INSERT per request, with the same load in the same run. Prints one JSON
 * line on stdout; progress goes to stderr. A measurement, not a test: nothing here passes or fails on
 * speed. See bench/README.md for what each number means.
 */
import { Calls, type Telephony } from '@ringlane/core'
import { Effect } from 'effect'
import { median, percentile, round } from '../measure.ts'
import { type Fixture, prepareFixture } from './fixture.ts'
import { type LoadResult, runLoad, type SignedRequest } from './load.ts'
import { type CallWebhooks, callWebhooks } from './load-shape.ts'
import { databaseCpuMs, log } from './measure.ts'
import { type BenchServer, baselineServer, createBaselineTable, diallerServer } from './servers.ts'

const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
/** Connections to Postgres, the same for the handler and the baseline. */
const POOL_SIZE = 16
/** Requests in flight at once, over as many keep-alive connections. */
const CONCURRENCY = 64
const AGENTS = 200
/** Fresh calls for every round, so every round really moves sessions through their states. */
const CALLS_PER_ROUND = Number(process.env.BENCH_CALLS ?? 2000)
const WARMUP_CALLS = Math.ceil(CALLS_PER_ROUND / 2)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const BASELINE_TABLE = 'bench_baseline_events'

interface Measured {
  readonly perSecond: number
  /** CPU the server's thread spent per request (the load generator runs on another thread). */
  readonly cpuMs: number
  /** CPU the local Postgres server's processes spent per request, when it runs on this machine. */
  readonly dbCpuMs: number | null
  readonly p50: number
  readonly p99: number
  readonly failed: number
}

interface Served {
  readonly load: LoadResult
  readonly cpuMs: number
  readonly dbCpuMs: number | null
}

const measured = (requests: number, { load, cpuMs, dbCpuMs }: Served): Measured => ({
  perSecond: requests / (load.ms / 1000),
  cpuMs: cpuMs / requests,
  dbCpuMs: dbCpuMs === null ? null : dbCpuMs / requests,
  p50: percentile(load.latencies, 50),
  p99: percentile(load.latencies, 99),
  failed: Object.entries(load.statuses).reduce(
    (sum, [status, count]) => (status === '204' ? sum : sum + count),
    0,
  ),
})

const describe = (name: string, m: Measured) =>
  `${name} ${Math.round(m.perSecond)}/s, ${m.cpuMs.toFixed(3)} ms server CPU${m.dbCpuMs === null ? '' : ` and ${m.dbCpuMs.toFixed(3)} ms Postgres CPU`} per request, p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms${m.failed ? `, ${m.failed} not 204` : ''}`

/**
 * Every call must end exactly as the state machine says its events do, applied once each in the order
 * they happened, and each distinct status must be stored once: duplicates and disorder change nothing.
 */
const checkCalls = async (
  fixture: Fixture,
  telephony: Telephony.TelephonyService,
  streams: ReadonlyArray<CallWebhooks & { readonly initial: Calls.CallSession }>,
) => {
  const { rows } = await fixture.pool.query<{ session_id: string; events: number }>(
    'select session_id, count(*)::int as events from call_events where session_id = any($1) group by session_id',
    [streams.map((s) => s.call.sessionId)],
  )
  const stored = new Map(rows.map((row) => [row.session_id, row.events]))
  let wrong = 0
  for (const stream of streams) {
    let expected = stream.initial
    for (const params of stream.params) {
      const event = await Effect.runPromise(
        telephony.parseCallEvent({ ...params, [Calls.SESSION_PARAM]: stream.call.sessionId }),
      )
      expected = Calls.applyCallEvent(expected, event)
    }
    const actual = await Effect.runPromise(fixture.calls.findSession(stream.call.sessionId))
    const distinct = new Set(stream.params.map((p) => p.CallStatus)).size
    if (
      actual._tag === 'None' ||
      JSON.stringify(actual.value) !== JSON.stringify(expected) ||
      stored.get(stream.call.sessionId) !== distinct
    )
      wrong++
  }
  return wrong
}

const runRound = async (
  fixture: Fixture,
  telephony: Telephony.TelephonyService,
  servers: { readonly real: BenchServer; readonly baseline: BenchServer },
  calls: number,
  seed: number,
  baselineFirst: boolean,
) => {
  const opened = await fixture.openCalls(calls)
  const { streams, requests } = callWebhooks(opened, seed)
  const load = async (port: number, all: ReadonlyArray<SignedRequest>): Promise<Served> => {
    const cpu = process.threadCpuUsage()
    const db = await databaseCpuMs()
    const result = await runLoad({ port, requests: all, concurrency: CONCURRENCY })
    const used = process.threadCpuUsage(cpu)
    const dbAfter = await databaseCpuMs()
    return {
      load: result,
      cpuMs: (used.user + used.system) / 1000,
      dbCpuMs: db === null || dbAfter === null ? null : dbAfter - db,
    }
  }
  let real: Served
  let baseline: Served
  if (baselineFirst) {
    baseline = await load(servers.baseline.port, requests)
    real = await load(servers.real.port, requests)
  } else {
    real = await load(servers.real.port, requests)
    baseline = await load(servers.baseline.port, requests)
  }
  const wrong = await checkCalls(
    fixture,
    telephony,
    streams.map((stream, i) => ({ ...stream, initial: (opened[i] as (typeof opened)[number]).session })),
  )
  return {
    requests: requests.length,
    real: measured(requests.length, real),
    baseline: measured(requests.length, baseline),
    wrong,
  }
}

const started = performance.now()
const fixture = await prepareFixture(POSTGRES_URL, { poolSize: POOL_SIZE, agents: AGENTS })
const { telephony } = fixture
try {
  await createBaselineTable(fixture.pool, BASELINE_TABLE)
  const servers = {
    real: await diallerServer(fixture.dialler),
    baseline: await baselineServer(fixture.pool, BASELINE_TABLE),
  }
  try {
    const warm = await runRound(fixture, telephony, servers, WARMUP_CALLS, 1, true)
    log(
      `warm-up: ${warm.requests} requests; ${describe('handler', warm.real)}; ${describe('baseline', warm.baseline)}`,
    )
    const rounds: Array<Awaited<ReturnType<typeof runRound>>> = []
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which server goes first, so neither always meets a warmer or colder database.
      const result = await runRound(fixture, telephony, servers, CALLS_PER_ROUND, 100 + r, r % 2 === 0)
      log(
        `round ${r + 1}/${ROUNDS}: ${result.requests} requests; ${describe('handler', result.real)}; ${describe('baseline', result.baseline)}; ratio ${(result.real.perSecond / result.baseline.perSecond).toFixed(2)}; calls ending wrong ${result.wrong}`,
      )
      rounds.push(result)
    }
    const med = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick))
    const perSecond = med((r) => r.real.perSecond)
    const baselinePerSecond = med((r) => r.baseline.perSecond)
    const output = {
      webhooks_per_s: Math.round(perSecond),
      webhooks_baseline_per_s: Math.round(baselinePerSecond),
      ratio: round(perSecond / baselinePerSecond),
      webhooks_p50_ms: round(med((r) => r.real.p50)),
      webhooks_p99_ms: round(med((r) => r.real.p99)),
      baseline_p50_ms: round(med((r) => r.baseline.p50)),
      baseline_p99_ms: round(med((r) => r.baseline.p99)),
      server_cpu_ms_per_webhook: round(
        med((r) => r.real.cpuMs),
        3,
      ),
      server_cpu_ms_per_baseline_request: round(
        med((r) => r.baseline.cpuMs),
        3,
      ),
      db_cpu_ms_per_webhook: rounds.every((r) => r.real.dbCpuMs !== null)
        ? round(
            med((r) => r.real.dbCpuMs ?? 0),
            3,
          )
        : null,
      db_cpu_ms_per_baseline_request: rounds.every((r) => r.baseline.dbCpuMs !== null)
        ? round(
            med((r) => r.baseline.dbCpuMs ?? 0),
            3,
          )
        : null,
      requests_per_round: rounds[0]?.requests ?? 0,
      calls_per_round: CALLS_PER_ROUND,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      pool_size: POOL_SIZE,
      non_204: rounds.reduce((sum, r) => sum + r.real.failed + r.baseline.failed, 0),
      calls_ending_wrong: rounds.reduce((sum, r) => sum + r.wrong, 0),
    }
    log(
      `handler ${output.webhooks_per_s}/s (target >= 2000), ${output.ratio}x baseline (target >= 0.5); ` +
        `calls ending wrong ${output.calls_ending_wrong} (target 0); done in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    )
    console.log(JSON.stringify(output))
  } finally {
    await servers.real.close()
    await servers.baseline.close()
  }
} finally {
  await fixture.close()
}
