import { randomBytes, randomUUID } from 'node:crypto'
import { claimsPreset, claimsQueues } from '@ringlane/claims'
import {
  type Agents,
  type Calls,
  createRinglane,
  type E164,
  type Leads,
  type Queues,
  type Ringlane,
  type Telephony,
} from '@ringlane/core'
import { createPostgresStores, type PostgresStores, postgresLeadSource } from '@ringlane/postgres'
import { Effect } from 'effect'
import pg from 'pg'
import { type BenchCall, fakeCredentialsTwilio } from './load-shape.ts'
import { log } from './measure.ts'

/** The Postgres database the bench owns; dropped and made again at every start. */
export const DATABASE = 'ringlane_bench_webhooks'

export interface Fixture {
  readonly pool: pg.Pool
  readonly stores: PostgresStores
  readonly calls: Calls.CallStoreService
  readonly telephony: Telephony.TelephonyService
  readonly dialler: Ringlane
  /** Opens `count` call sessions, their agents on a call, as `startCall` leaves them. */
  openCalls(count: number): Promise<Array<BenchCall & { readonly session: Calls.CallSession }>>
  close(): Promise<void>
}

export const prepareFixture = async (
  postgresUrl: string,
  { poolSize, agents: agentCount }: { readonly poolSize: number; readonly agents: number },
): Promise<Fixture> => {
  const admin = new pg.Client({ connectionString: postgresUrl })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${DATABASE} with (force)`)
    await admin.query(`create database ${DATABASE}`)
  } finally {
    await admin.end()
  }
  const url = new URL(postgresUrl)
  url.pathname = `/${DATABASE}`
  // The real handler and the baseline share this pool, so both always have the same connections.
  const pool = new pg.Pool({ connectionString: url.toString(), max: poolSize })
  const stores = await createPostgresStores({ client: pool })
  const { calls } = stores
  const telephony = fakeCredentialsTwilio()
  const dialler = await createRinglane({
    stores,
    // The agent desk needs a lead source; call-status webhooks never read it, so it is never queried.
    source: postgresLeadSource({ client: pool, preset: claimsPreset() }),
    telephony,
    queues: claimsQueues(),
    settings: { allowFictionalNumbers: true, callingWindow: null, callPurpose: 'service' },
  })
  const agents: Agents.AgentId[] = []
  for (let i = 0; i < agentCount; i++) {
    const agent = await dialler.agents.create({
      email: `agent${i}@bench.ringlane.test`,
      displayName: `Agent ${i}`,
      role: 'agent',
    })
    await dialler.agents.changeState(agent.id, 'available')
    agents.push(agent.id)
  }
  log(`store: fresh Postgres database ${DATABASE}, migrated, pool of ${poolSize}, ${agentCount} agents`)

  let opened = 0
  const openCalls = async (count: number) => {
    const now = new Date()
    // Every agent back on a call, so the first end of a call per agent really moves them to wrap-up.
    for (const agent of agents) {
      const state = await Effect.runPromise(stores.agents.agentState(agent))
      await Effect.runPromise(
        stores.agents.setAgentState(agent, state.state, { state: 'on_call', reason: null }, now),
      )
    }
    const opening = Array.from({ length: count }, (_, i) => i)
    const result: Array<BenchCall & { readonly session: Calls.CallSession }> = []
    for (let from = 0; from < count; from += poolSize) {
      const batch = await Promise.all(
        opening.slice(from, from + poolSize).map(async (i) => {
          const n = opened + i
          const session = await Effect.runPromise(
            calls.createSession({
              agentId: agents[n % agents.length] as Agents.AgentId,
              leadId: String(n + 1) as Leads.LeadId,
              queueId: 'unsigned' as Queues.QueueId,
              entryId: randomUUID(),
              phone: '+447700900123' as E164,
              provider: 'twilio',
              startedAt: now,
            }),
          )
          return {
            session,
            sessionId: session.id,
            providerCallId: `CA${randomBytes(16).toString('hex')}`,
            startedAt: now,
          }
        }),
      )
      result.push(...batch)
    }
    opened += count
    return result
  }

  return {
    pool,
    stores,
    calls,
    telephony,
    dialler,
    openCalls,
    close: async () => {
      await dialler.dispose()
      await pool.end()
    },
  }
}
