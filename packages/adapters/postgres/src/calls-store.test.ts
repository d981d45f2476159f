import { randomUUID } from 'node:crypto'
import { type Agents, Calls, type E164, type Leads, type Queues, type Telephony } from '@ringlane/core'
import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
import { Effect, Option } from 'effect'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPostgresStores } from './stores.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (second: number) => new Date(Date.UTC(2026, 10, 20, 10, 0, second))
const terminal = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled'])

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

/** Every status of an answered call, each delivered twice, and a late "ringing": in a scrambled order. */
const scrambledEvents = (providerCallId: string, seed: number) => {
  const events = [
    event(providerCallId, 'initiated', 0),
    event(providerCallId, 'queued', 1),
    event(providerCallId, 'ringing', 2),
    event(providerCallId, 'in-progress', 7, { answeredBy: 'human' }),
    event(providerCallId, 'completed', 49, { durationSeconds: 42 }),
  ]
  const sent = [...events, ...events, event(providerCallId, 'ringing', 3)]
  let state = seed
  for (let i = sent.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648
    const j = state % (i + 1)
    ;[sent[i], sent[j]] = [sent[j] as Telephony.CallEvent, sent[i] as Telephony.CallEvent]
  }
  return sent
}

describe.each(postgresEngines())('call store updates on %s', (engine) => {
  let database: TestPostgres
  let calls: Calls.CallStoreService
  let agentId: Agents.AgentId
  beforeAll(async () => {
    database = await createTestPostgres(engine)
    await createPostgresStores({ client: database.client })
    calls = (await createPostgresStores({ client: database.client, migrate: false })).calls
  })
  afterAll(() => database?.close())
  beforeEach(async () => {
    await database.truncateAll(['ringlane_migrations', 'ringlane_migrations_lock'])
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

  const openSession = (lead: number) =>
    run(
      calls.createSession({
        agentId,
        leadId: String(lead) as Leads.LeadId,
        queueId: 'unsigned' as Queues.QueueId,
        entryId: randomUUID(),
        phone: '+447700900001' as E164,
        provider: 'twilio',
        startedAt: at(0),
      }),
    )

  it('many concurrent events for one call end as applying them one by one does; each is kept once', async () => {
    const sessions = await Promise.all(Array.from({ length: 8 }, (_, i) => openSession(i + 1)))
    const results = await Promise.all(
      sessions.flatMap((session, i) =>
        scrambledEvents(`CA${i}`, i + 1).map(async (e) => ({
          session,
          update: await run(calls.updateSession(session.id, e, (s) => Calls.applyCallEvent(s, e))),
        })),
      ),
    )
    for (const [i, session] of sessions.entries()) {
      const expected = scrambledEvents(`CA${i}`, i + 1).reduce(Calls.applyCallEvent, session)
      const stored = await run(calls.findSession(session.id))
      expect(stored._tag === 'Some' && stored.value).toEqual(expected)
      expect(expected).toMatchObject({
        status: 'completed',
        answeredBy: 'human',
        talkSeconds: 42,
        ringSeconds: 7,
      })
      const events = await database.query<{ status: string }>(
        'select status from call_events where session_id = $1 order by occurred_at',
        [session.id],
      )
      expect(events.map((e) => e.status)).toEqual([
        'initiated',
        'queued',
        'ringing',
        'in-progress',
        'completed',
      ])
      // Exactly one webhook sees the call end, so the agent goes to wrap-up once.
      const ends = results.filter(
        (r) =>
          r.session.id === session.id &&
          r.update._tag === 'Some' &&
          !terminal.has(r.update.value.before.status) &&
          terminal.has(r.update.value.after.status),
      )
      expect(ends).toHaveLength(1)
    }
  })

  it('a transition without an event races webhooks and loses nothing', async () => {
    const session = await openSession(1)
    const events = [event('CA1', 'ringing', 2), event('CA1', 'in-progress', 7)]
    await Promise.all([
      ...events.map((e) => run(calls.updateSession(session.id, e, (s) => Calls.applyCallEvent(s, e)))),
      run(calls.updateSession(session.id, null, (s) => ({ ...s, endReason: s.endReason ?? 'noted' }))),
    ])
    const stored = await run(calls.findSession(session.id))
    expect(stored._tag === 'Some' && stored.value).toMatchObject({
      status: 'in-progress',
      ringingAt: at(2),
      answeredAt: at(7),
      endReason: 'noted',
    })
    expect(await database.query('select count(*)::int as n from call_events')).toEqual([{ n: 2 }])
  })

  it('a call whose outcome is recorded holds no agent, and every later update says so', async () => {
    const session = await openSession(1)
    const ringing = event('CA1', 'ringing', 2, { sessionId: session.id })
    const first = await run(calls.updateSession(session.id, ringing, (s) => Calls.applyCallEvent(s, ringing)))
    expect(first._tag === 'Some' && first.value.outcomeRecorded).toBe(false)
    expect(Option.map(await run(calls.activeSession(agentId)), (s) => s.id)).toEqual(Option.some(session.id))

    await run(
      calls.recordOutcome({
        sessionId: session.id,
        agentId,
        leadId: session.leadId,
        queueId: session.queueId,
        entryId: session.entryId,
        disposition: 'contacted',
        notes: null,
        contact: true,
        nextCallAfter: null,
        conversion: null,
        callback: null,
        optOut: null,
        recordedAt: at(30),
      }),
    )
    // Still open as far as the provider has said, but the agent has moved on.
    expect((await run(calls.findSession(session.id))).pipe(Option.map((s) => s.status))).toEqual(
      Option.some('ringing'),
    )
    expect(await run(calls.activeSession(agentId))).toEqual(Option.none())
    const other = await openSession(2)
    expect(Option.map(await run(calls.activeSession(agentId)), (s) => s.id)).toEqual(Option.some(other.id))

    // From the row this store remembers (the outcome was written since), and with no change at all.
    const answered = event('CA1', 'in-progress', 7, { sessionId: session.id })
    const second = await run(
      calls.updateSession(session.id, answered, (s) => Calls.applyCallEvent(s, answered)),
    )
    expect(second._tag === 'Some' && second.value).toMatchObject({
      after: { status: 'in-progress' },
      outcomeRecorded: true,
    })
    const unchanged = await run(calls.updateSession(session.id, null, (s) => s))
    expect(unchanged._tag === 'Some' && unchanged.value.outcomeRecorded).toBe(true)
    const elsewhere = await run(calls.updateSession(other.id, null, (s) => s))
    expect(elsewhere._tag === 'Some' && elsewhere.value.outcomeRecorded).toBe(false)
  })

  it('keeps when each call of the last 8 days was placed, for the local-day and 7-day rules', async () => {
    const stores = await createPostgresStores({ client: database.client, migrate: false })
    const start = (startedAt: Date) =>
      run(
        calls.createSession({
          agentId,
          leadId: '77' as Leads.LeadId,
          queueId: 'unsigned' as Queues.QueueId,
          entryId: randomUUID(),
          phone: '+447700900077' as E164,
          provider: 'twilio',
          startedAt,
        }),
      )
    const day = 86_400_000
    const first = new Date(Date.UTC(2026, 9, 1, 9))
    await start(first)
    await start(new Date(+first + 3 * day))
    await start(new Date(+first + 9 * day))
    const activity = (await run(stores.history.leadActivity(['77' as Leads.LeadId]))).get(
      '77' as Leads.LeadId,
    )
    // Nine days on, the first call is past the 8 days kept; the total still counts it.
    expect(activity).toMatchObject({
      attemptsTotal: 3,
      recentAttempts: [new Date(+first + 3 * day), new Date(+first + 9 * day)],
    })
  })

  it('answers None for a session that does not exist, writing nothing', async () => {
    const e = event('CA9', 'ringing', 2)
    expect(await run(calls.updateSession(randomUUID(), e, (s) => Calls.applyCallEvent(s, e)))).toEqual(
      Option.none(),
    )
    expect(await database.query('select count(*)::int as n from call_events')).toEqual([{ n: 0 }])
  })

  it('two stores on one database (two app instances) take turns through the version check', async () => {
    // Each store remembers the rows it wrote; the other's writes make that memory stale.
    const other = (await createPostgresStores({ client: database.client, migrate: false })).calls
    const session = await openSession(1)
    const events = scrambledEvents('CA1', 1)
    for (const [i, e] of events.entries()) {
      const store = i % 2 === 0 ? calls : other
      await run(store.updateSession(session.id, e, (s) => Calls.applyCallEvent(s, e)))
    }
    const expected = events.reduce(Calls.applyCallEvent, session)
    for (const store of [calls, other]) {
      const stored = await run(store.findSession(session.id))
      expect(stored._tag === 'Some' && stored.value).toEqual(expected)
    }
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
      const session = await run(
        calls.createSession({
          agentId: agent.id,
          leadId: '1' as Leads.LeadId,
          queueId: 'unsigned' as Queues.QueueId,
          entryId: randomUUID(),
          phone: '+447700900001' as E164,
          provider: 'twilio',
          startedAt: at(0),
        }),
      )
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
