import { randomUUID } from 'node:crypto'
import { type Agents, Calls, type E164, type Leads, type Queues, type Telephony } from '@ringlane/core'
import { type CallStoreWrite, describeCallStoreConformance } from '@ringlane/core/testing'
import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
import { Effect } from 'effect'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { countRows, resetStore } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

const tables: Record<CallStoreWrite, string> = {
  'lead activity': 'lead_activity',
  callbacks: 'callbacks',
  conversions: 'lead_conversions',
  'opt-outs': 'opt_outs',
  'queue entries': 'queue_entries',
}

for (const engine of postgresEngines()) {
  describeCallStoreConformance(`@ringlane/postgres on ${engine}`, async () => {
    const database = await createTestPostgres(engine)
    const stores = await createPostgresStores({ client: database.client })
    await database.query(
      `create function ringlane_test_refuse() returns trigger language plpgsql as $$
       begin raise exception 'refused by the test'; end $$`,
    )
    return {
      store: stores.calls,
      dialler: stores,
      anotherInstance: async () =>
        (await createPostgresStores({ client: database.client, migrate: false })).calls,
      inspect: {
        session: async (id) =>
          (
            await database.query<Calls.CallSession>(
              `select id, agent_id as "agentId", campaign_id as "campaignId", direction, lead_id as "leadId",
                 queue_id as "queueId", entry_id as "entryId",
                 phone, provider, provider_call_id as "providerCallId", status, answered_by as "answeredBy",
                 started_at as "startedAt", ringing_at as "ringingAt", answered_at as "answeredAt",
                 ended_at as "endedAt", ring_seconds as "ringSeconds", talk_seconds as "talkSeconds",
                 end_reason as "endReason"
               from call_sessions where id = $1`,
              [id],
            )
          )[0],
        sessionCount: () => countRows(database, 'call_sessions'),
        events: (id) =>
          database.query(
            `select provider_call_id as "providerCallId", status, occurred_at as "occurredAt",
               answered_by as "answeredBy", duration_seconds as "durationSeconds", error_code as "errorCode"
             from call_events where session_id = $1 order by occurred_at, id`,
            [id],
          ),
        eventCount: () => countRows(database, 'call_events'),
        leadActivity: async (leadId) =>
          (
            await database.query<Leads.LeadActivity>(
              `select lead_id as "leadId", last_contact_at as "lastContactAt", attempts_total as "attemptsTotal",
                 recent_attempts as "recentAttempts", last_outcome as "lastOutcome",
                 next_call_after as "nextCallAfter"
               from lead_activity where lead_id = $1`,
              [leadId],
            )
          )[0],
        outcomes: (id) =>
          database.query(
            `select id, session_id as "sessionId", agent_id as "agentId", disposition, notes,
               callback_id as "callbackId", recorded_at as "recordedAt"
             from call_outcomes where session_id = $1`,
            [id],
          ),
        outcomeCount: () => countRows(database, 'call_outcomes'),
        callbacks: (leadId) =>
          database.query(
            `select id, lead_id as "leadId", phone, owner_agent_id as "ownerAgentId", due_at as "dueAt", notes,
               created_by as "createdBy", status = 'pending' as pending
             from callbacks where lead_id = $1 order by due_at, id`,
            [leadId],
          ),
        conversions: (leadId) =>
          database.query(
            `select queue_id as "queueId", entry_id as "entryId", detail, converted_at as "convertedAt"
             from lead_conversions where lead_id = $1 order by converted_at, id`,
            [leadId],
          ),
        optedOut: async (phone) =>
          (await database.query('select 1 from opt_outs where phone = $1', [phone])).length > 0,
        entryStatus: async (id) =>
          (
            await database.query<{ status: string }>('select status from queue_entries where id = $1', [id])
          )[0]?.status,
        refuseWrites: async (write) => {
          const table = tables[write]
          await database.query(
            `create trigger ringlane_test_refuse before insert or update on ${table}
             for each row execute function ringlane_test_refuse()`,
          )
          return async () => {
            await database.query(`drop trigger ringlane_test_refuse on ${table}`)
          }
        },
      },
      reset: () => resetStore(database),
      close: () => database.close(),
    }
  })
}

// Below: how the Postgres store meets the contract, which other stores need not share.

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (second: number) => new Date(Date.UTC(2026, 10, 20, 10, 0, second))
/** A session of `agentId` calling lead 1 from the unsigned queue, started at second 0. */
const newSession = (calls: Calls.CallStoreService, agentId: Agents.AgentId) =>
  calls.createSession({
    agentId,
    leadId: '1' as Leads.LeadId,
    queueId: 'unsigned' as Queues.QueueId,
    entryId: randomUUID(),
    phone: '+447700900001' as E164,
    provider: 'twilio',
    startedAt: at(0),
  })

const event = (
  providerCallId: string,
  status: Telephony.CallStatus,
  second: number,
  extra: Partial<Telephony.CallEvent> = {},
): Telephony.CallEvent => ({
  providerCallId,
  sessionId: null,
  status,
  occurredAt: at(second),
  answeredBy: null,
  durationSeconds: null,
  errorCode: null,
  ...extra,
})

const callEvents = (providerCallId: string) => [
  event(providerCallId, 'ringing', 2),
  event(providerCallId, 'in-progress', 7, { answeredBy: 'human' }),
  event(providerCallId, 'ringing', 3),
  event(providerCallId, 'completed', 49, { durationSeconds: 42 }),
  event(providerCallId, 'in-progress', 7, { answeredBy: 'human' }),
]

describe.each(postgresEngines())('call store remembering sessions on %s', (engine) => {
  let database: TestPostgres
  let calls: Calls.CallStoreService
  let agentId: Agents.AgentId
  beforeAll(async () => {
    database = await createTestPostgres(engine)
    calls = (await createPostgresStores({ client: database.client })).calls
  })
  afterAll(() => database?.close())
  beforeEach(async () => {
    await resetStore(database)
    const store = (await createPostgresStores({ client: database.client, migrate: false })).agents
    agentId = (
      await run(
        store.createAgent({
          email: 'ann@example.com',
          displayName: 'Ann',
          role: 'agent',
          queueIds: [],
          passwordHash: null,
        }),
      )
    ).id
  })

  it('two stores on one database (two app instances) take turns through the version check', async () => {
    // Each store remembers the rows it wrote; the other's writes make that memory stale, one by one.
    const other = (await createPostgresStores({ client: database.client, migrate: false })).calls
    const session = await run(newSession(calls, agentId))
    const events = callEvents('CA1')
    for (const [i, e] of events.entries()) {
      const store = i % 2 === 0 ? calls : other
      await run(store.updateSession(session.id, e, (s) => Calls.applyCallEvent(s, e)))
    }
    const expected = events.reduce(Calls.applyCallEvent, session)
    for (const store of [calls, other]) {
      const stored = await run(store.findSession(session.id))
      expect(stored._tag === 'Some' && stored.value).toEqual(expected)
    }
    expect(await countRows(database, 'call_events')).toBe(3)
  })
  it('gives each call in the call log what its legs cost, summed exactly, and nothing before it is priced', async () => {
    const priced = await run(newSession(calls, agentId))
    const unpriced = await run(newSession(calls, agentId))
    for (const [leg, amount] of [
      ['CA-lead', '0.014000'],
      ['CA-agent', '0.004000'],
    ] as const) {
      await database.query(
        `insert into provider_costs (kind, provider, provider_id, session_id, amount, currency, occurred_at, priced_at)
         values ('call', 'twilio', $1, $2, $3, 'USD', now(), now())`,
        [leg, priced.id, amount],
      )
    }
    const query = { ...Calls.EVERY_CALL, limit: 10 }
    const [withCost] = await run(calls.searchCalls({ ...query, sessionId: priced.id }))
    expect(withCost?.cost).toEqual({ amount: '0.018000', currency: 'USD' })
    const [withoutCost] = await run(calls.searchCalls({ ...query, sessionId: unpriced.id }))
    expect(withoutCost?.cost).toBeNull()
  })
})

describe.runIf(process.env.TEST_DATABASE_URL)('prepared statements (server Postgres)', () => {
  let database: TestPostgres
  beforeAll(async () => {
    database = await createTestPostgres('postgres')
    await createPostgresStores({ client: database.client })
  })
  afterAll(() => database?.close())

  // One connection, so the statements it prepared are the ones pg_prepared_statements lists.
  const onOneConnection = async (preparedStatements: boolean) => {
    const pool = new pg.Pool({
      connectionString: process.env.TEST_DATABASE_URL,
      options: `-c search_path=${database.schema}`,
      max: 1,
    })
    try {
      const stores = await createPostgresStores({ client: pool, migrate: false, preparedStatements })
      const store = stores.agents
      const agent = await run(
        store.createAgent({
          email: `prepared-${preparedStatements}@example.com`,
          displayName: 'P',
          role: 'agent',
          queueIds: [],
          passwordHash: null,
        }),
      )
      const now = new Date()
      await run(store.setAgentState(agent.id, 'offline', { state: 'on_call', reason: null }, now))
      const calls = stores.calls
      const session = await run(newSession(calls, agent.id))
      const ringing = event(`CA-prepared-${preparedStatements}`, 'ringing', 2, { sessionId: session.id })
      const update = await run(
        calls.updateSession(session.id, ringing, (s) => Calls.applyCallEvent(s, ringing)),
      )
      expect(update._tag === 'Some' && update.value.after.status).toBe('ringing')
      // The move runs twice: the second finds the agent already moved and answers where they are.
      for (let i = 0; i < 2; i++) {
        expect(
          await run(store.setAgentState(agent.id, 'on_call', { state: 'wrap_up', reason: null }, now)),
        ).toMatchObject({
          state: 'wrap_up',
        })
      }
      const { rows } = await pool.query<{ name: string }>(
        'select name from pg_prepared_statements order by name',
      )
      return rows.map((row) => row.name)
    } finally {
      await pool.end()
    }
  }

  it('prepares the hot statements once per connection, and works the same without them', async () => {
    expect(await onOneConnection(true)).toEqual(['ringlane_move_agent', 'ringlane_write_call_session'])
    expect(await onOneConnection(false)).toEqual([])
  })
})
