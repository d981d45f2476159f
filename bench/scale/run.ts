/**
 * `pnpm bench:scale`: the call engine at scale. Three app instances (OS processes, the built app as
 * `pnpm start` serves it) on one server Postgres database of its own, one predictive campaign that
 * every simulated agent joins, the engine placing calls through each instance's simulated carrier.
 * Beside it, signed call-status webhooks go over HTTP to the instances' status route as a carrier
 * sends them. Half way through, the instance leading the campaign's pacing is killed (SIGKILL).
 * Prints one JSON line on stdout; progress goes to stderr. A measurement, not a test.
 *
 * Simulated agents: each is made ready through the agent store, and back to ready `SCALE_WRAP_MS`
 * after a call ends (what an agent's click does), so the engine always has agents to dial for.
 */
import { randomBytes } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { type Agents, type Calls, Campaigns } from '@ringlane/core'
import { Effect, Schema } from 'effect'
import { type RunningApp, simulatorWebhook, startApp } from '../../chaos/support/app.ts'
import { createAccounts, freshDatabase, openStore } from '../../chaos/support/store.ts'
import { logger, percentile, round } from '../measure.ts'

const log = logger('scale')
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const SECONDS = number('SCALE_SECONDS', 120)
const AGENTS = number('SCALE_AGENTS', 1000)
const INSTANCES = number('SCALE_INSTANCES', 3)
/** Lines per agent: 5 lines for 1,000 agents is the 5,000 concurrent calls the issue asks for. */
const LINES_PER_AGENT = number('SCALE_LINES_PER_AGENT', 5)
const CALLS_PER_SECOND = number('SCALE_CALLS_PER_SECOND', 500)
/** Signed status webhooks in flight at once, spread over the instances. */
const WEBHOOK_CONCURRENCY = number('SCALE_WEBHOOK_CONCURRENCY', 32)
const WRAP_MS = number('SCALE_WRAP_MS', 3000)
const POOL_SIZE = number('SCALE_POOL_SIZE', 12)
const DEMO_PEOPLE = number('SCALE_PEOPLE', 20_000)
/** Agents outside the campaign, who own the calls whose webhooks the storm sends. */
const WEBHOOK_AGENTS = 20
/** A file prefix: each instance's output goes to `<prefix>-<n>.log` (nowhere by default). */
const APP_LOG = process.env.SCALE_APP_LOG
const OPEN = ['initiated', 'queued', 'ringing', 'in-progress']

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const run = async () => {
  const name = `ringlane_scale_${randomBytes(4).toString('hex')}`
  const database = await freshDatabase(POSTGRES_URL, name)
  const apps: RunningApp[] = []
  const killed = new Set<RunningApp>()
  let store: Awaited<ReturnType<typeof openStore>> | null = null
  try {
    const accounts = await createAccounts(
      { url: database.url },
      Array.from({ length: AGENTS + WEBHOOK_AGENTS }, (_, i) => ({
        email: `scale${i}@bench.test`,
        role: 'agent' as const,
      })),
    )
    const campaignAgents = accounts.slice(0, AGENTS)
    const webhookAgents = accounts.slice(AGENTS)
    log(`${accounts.length} accounts in ${name}`)
    // Each instance names itself to Postgres, so the bench can tell which one holds the pacing lock.
    const start = (i: number) => {
      const url = new URL(database.url)
      url.searchParams.set('application_name', `scale-${i}`)
      return startApp({
        databaseUrl: url.toString(),
        demoPeople: DEMO_PEOPLE,
        log: APP_LOG ? (line) => appendFileSync(`${APP_LOG}-${i}.log`, `${line}\n`) : () => undefined,
        // Three instances' pools, jobs and events stay inside one server's 100 connections.
        env: { ENGINE_CALLS_PER_SECOND: String(CALLS_PER_SECOND), DATABASE_POOL_SIZE: String(POOL_SIZE) },
      })
    }
    // The first instance makes the demo source; the others then start on it together.
    apps.push(await start(1))
    apps.push(...(await Promise.all(Array.from({ length: INSTANCES - 1 }, (_, i) => start(i + 2)))))
    log(`${apps.length} instances up: ${apps.map((a) => a.origin).join(' ')}`)

    store = await openStore({ url: database.url })
    const { stores, query } = store
    const queues = (await query<{ id: string }>('select id from queues order by priority, id')).map(
      (q) => q.id,
    )
    const campaign = Schema.decodeUnknownSync(Campaigns.Campaign)({
      id: `scale-${randomBytes(3).toString('hex')}`,
      name: 'Scale bench',
      queues,
      dialMode: 'predictive',
      abandonTargetPercent: 2.5,
      abandonWindowHours: 24,
      maxLinesPerAgent: LINES_PER_AGENT,
      minAgentsForPredictive: 10,
      callerId: '+441632960001',
      ringTimeoutSeconds: 20,
      answeringMachine: 'hang-up',
      abandonMessage: { say: 'Sorry we missed you; we will call back.' },
      complianceProfiles: ['uk-ofcom'],
      wrapUpSeconds: null,
      status: 'paused',
    })
    const now = new Date()
    await Effect.runPromise(stores.campaigns.create(campaign, now))
    for (const agent of campaignAgents)
      await Effect.runPromise(stores.campaigns.join(campaign.id, agent.id as Agents.AgentId, now))
    const ready = (agentId: string, from: Agents.AgentStateName) =>
      Effect.runPromise(
        stores.agents.setAgentState(
          agentId as Agents.AgentId,
          from,
          { state: 'available', reason: null },
          new Date(),
        ),
      )
    // Signed in, as on a real floor: the app's sign-off job signs off agents with no live session,
    // ending their calls and giving their leads back to the queues, which the engine then dials again.
    // A session row with a hash no cookie has: nobody can use it.
    await query(
      `insert into app_sessions (id_hash, agent_id, created_at, expires_at, last_seen_at)
       select 'bench-' || md5(random()::text || id::text), id, now(), now() + interval '1 hour', now()
       from agents where id = any($1::uuid[])`,
      [campaignAgents.map((agent) => agent.id)],
    )
    for (const agent of campaignAgents) await ready(agent.id, 'offline')
    await Effect.runPromise(stores.campaigns.setStatus(campaign.id, 'active', new Date()))
    log(`campaign ${campaign.id} active over ${queues.length} queues with ${AGENTS} ready agents`)

    const began = Date.now()
    const until = began + SECONDS * 1000
    let stopping = false

    // Agents back to ready a wrap-up after their call, as their click would make them.
    const agentsLoop = (async () => {
      while (!stopping) {
        const wrapped = await query<{ agent_id: string }>(
          `select agent_id from agent_states where state = 'wrap_up' and since < now() - make_interval(secs => $1)`,
          [WRAP_MS / 1000],
        )
        for (const { agent_id } of wrapped) await ready(agent_id, 'wrap_up').catch(() => undefined)
        await sleep(500)
      }
    })().catch((error: unknown) => log(`the agents stopped: ${String(error)}`))

    // Lines in flight, sampled every second.
    const inFlight: number[] = []
    const sampler = (async () => {
      while (!stopping) {
        const [row] = await query<{ n: number }>(
          'select count(*)::int as n from call_sessions where campaign_id = $1 and status = any($2)',
          [campaign.id, OPEN],
        )
        inFlight.push(row?.n ?? 0)
        await sleep(1000)
      }
    })().catch((error: unknown) => log(`sampling stopped: ${String(error)}`))

    // The status-webhook storm: calls of agents outside the campaign, each through its whole
    // sequence, signed, to the instances in turn (a carrier's load balancer would spread them so).
    const webhookLatencies: number[] = []
    const webhookStatuses: Record<string, number> = {}
    let webhookCalls = 0
    // The last leads of the queues, which the campaign is least likely to reach in the run.
    const leads = await query<{ id: string; lead_id: string; queue_id: string; phone: string }>(
      'select id, lead_id, queue_id, phone from queue_entries order by score limit 200',
    )
    // A worker that fails is counted, never thrown past the cleanup (which stops the instances).
    const failed = (error: unknown) => {
      const key = `error ${String(error).slice(0, 80)}`
      webhookStatuses[key] = (webhookStatuses[key] ?? 0) + 1
    }
    const storm = Array.from({ length: WEBHOOK_CONCURRENCY }, async (_, worker) => {
      let turn = worker
      while (!stopping) {
        const lead = leads[turn % leads.length]
        const agent = webhookAgents[turn % webhookAgents.length]
        if (!lead || !agent) return
        const session: Calls.CallSession = await Effect.runPromise(
          stores.calls.createSession({
            agentId: agent.id as Agents.AgentId,
            leadId: lead.lead_id as Calls.CallSession['leadId'],
            queueId: lead.queue_id as Calls.CallSession['queueId'],
            entryId: lead.id,
            phone: lead.phone as Calls.CallSession['phone'],
            provider: 'simulator',
            startedAt: new Date(),
          }),
        )
        webhookCalls++
        const callSid = `CA${randomBytes(16).toString('hex')}`
        for (const [status, extra] of [
          ['initiated', {}],
          ['ringing', {}],
          ['in-progress', { AnsweredBy: 'human' }],
          ['completed', { CallDuration: '3' }],
        ] as const) {
          const app = apps.filter((a) => !killed.has(a))[turn++ % (apps.length - killed.size)]
          if (!app) return
          const sent = performance.now()
          const answer = await simulatorWebhook(app.origin, '/webhooks/simulator/call-status', {
            CallSid: callSid,
            CallStatus: status,
            ringlaneSession: session.id,
            Timestamp: new Date().toISOString(),
            ...extra,
          }).catch(() => null)
          await answer?.arrayBuffer()
          if (answer && Date.now() < until) webhookLatencies.push(performance.now() - sent)
          const key = String(answer?.status ?? 'no answer')
          webhookStatuses[key] = (webhookStatuses[key] ?? 0) + 1
        }
      }
    }).map((worker) => worker.catch(failed))

    // Half way: the leader dies without warning; how long until another instance leads?
    const leaderOf = async () =>
      (
        await query<{ application_name: string }>(
          `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
           where l.locktype = 'advisory' and l.granted and l.objsubid = 2
             and l.classid::bigint = (hashtext('ringlane.pacing')::bigint & 4294967295)
             and l.objid::bigint = (hashtext($1)::bigint & 4294967295)`,
          [campaign.id],
        )
      )[0]?.application_name ?? null
    await sleep((SECONDS * 1000) / 2)
    let takeoverMs: number | null = null
    let leaderBefore: string | null = null
    let leaderAfter: string | null = null
    let killedOn: Date | null = null
    leaderBefore = await leaderOf()
    const leader = apps[Number(leaderBefore?.replace('scale-', '') ?? 0) - 1]
    if (leader) {
      killedOn = new Date()
      const killedAt = performance.now()
      killed.add(leader)
      await leader.stop('SIGKILL')
      log(`killed the leader ${leaderBefore} (pid ${leader.pid})`)
      while (performance.now() - killedAt < 30_000) {
        leaderAfter = await leaderOf()
        if (leaderAfter && leaderAfter !== leaderBefore) {
          takeoverMs = performance.now() - killedAt
          break
        }
        await sleep(20)
      }
      log(
        `${leaderAfter ?? 'nobody'} leads after ${takeoverMs === null ? 'over 30 s' : `${Math.round(takeoverMs)} ms`}`,
      )
    } else log('no instance held the pacing lock half way: no takeover measured')
    await sleep(Math.max(0, until - Date.now()))
    stopping = true
    await Promise.all([agentsLoop, sampler, ...storm])
    const seconds = (Date.now() - began) / 1000

    // From the call log and the dial evidence, which every instance shares.
    const [decisions] = await query<{ ms: number[] | null }>(
      `select array_agg(extract(epoch from d.decided_at - e.claimed_at) * 1000) as ms
       from dial_decisions d join queue_entries e on e.id::text = d.entry_id
       where d.campaign_id = $1 and e.claimed_at is not null`,
      [campaign.id],
    )
    const decisionMs = (decisions?.ms ?? []).map(Number).filter((ms) => ms >= 0)
    const [twice] = await query<{ entries: number; leads: number; placed: number }>(
      `select (select count(*)::int from (select entry_id from call_sessions where campaign_id = $1
                group by entry_id having count(*) > 1) x) as entries,
              (select count(*)::int from (select lead_id from call_sessions where campaign_id = $1
                group by lead_id having count(*) > 1) y) as leads,
              (select count(*)::int from call_sessions where campaign_id = $1) as placed`,
      [campaign.id],
    )
    // Where the campaign's leads ended up: an engine that finished leads it could not check emptied
    // its queues without calling them (decision 0039).
    const leadStates = await query<{ status: string; n: number }>(
      'select status, count(*)::int as n from queue_entries group by status order by status',
    )
    // Each lead called twice, call by call, to tell why (on stderr).
    const doubled = await query<Record<string, unknown>>(
      `select s.lead_id, s.entry_id, e.queue_id, e.status as entry_status, s.started_at, s.status,
              s.answered_at, s.agent_id, s.end_reason
       from call_sessions s join queue_entries e on e.id = s.entry_id
       where s.campaign_id = $1 and s.lead_id in (
         select lead_id from call_sessions where campaign_id = $1 group by lead_id having count(*) > 1)
       order by s.lead_id, s.started_at`,
      [campaign.id],
    )
    for (const row of doubled) log(`called twice: ${JSON.stringify(row)}`)
    // The engine goes on after the takeover: calls the new leader placed.
    const [after] = await query<{ n: number }>(
      'select count(*)::int as n from call_sessions where campaign_id = $1 and started_at >= $2',
      [campaign.id, killedOn ?? new Date(8.64e15)],
    )
    const webhooks = webhookLatencies.length
    const result = {
      instances: INSTANCES,
      agents: AGENTS,
      seconds: round(seconds, 1),
      calls_placed: twice?.placed ?? 0,
      calls_placed_after_takeover: after?.n ?? 0,
      calls_placed_twice: (twice?.entries ?? 0) + (twice?.leads ?? 0),
      lines_in_flight_peak: Math.max(0, ...inFlight),
      dial_decision_p50_ms: decisionMs.length ? round(percentile(decisionMs, 50)) : null,
      dial_decision_p95_ms: decisionMs.length ? round(percentile(decisionMs, 95)) : null,
      dial_decisions: decisionMs.length,
      webhooks_per_s: round(webhooks / seconds, 1),
      webhook_p95_ms: webhooks ? round(percentile(webhookLatencies, 95)) : null,
      webhook_calls: webhookCalls,
      webhook_statuses: webhookStatuses,
      queue_entries_by_status: Object.fromEntries(leadStates.map((row) => [row.status, row.n])),
      takeover_ms: takeoverMs === null ? null : round(takeoverMs),
      leader_before: leaderBefore,
      leader_after: leaderAfter,
      targets: { dial_decision_p95_ms: 100, webhooks_per_s: 500, takeover_ms: 2000, calls_placed_twice: 0 },
    }
    console.log(JSON.stringify(result))
  } finally {
    await store?.close()
    await Promise.all(apps.filter((a) => !killed.has(a)).map((a) => a.stop()))
    await database.drop()
  }
}

await run()
