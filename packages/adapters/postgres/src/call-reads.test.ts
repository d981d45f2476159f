import { randomUUID } from 'node:crypto'
import {
  type Agents,
  createRinglane,
  type E164,
  type Leads,
  type Queues,
  type Ringlane,
} from '@ringlane/core'
import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
import { Effect, Option } from 'effect'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { resetStore } from './postgres.test.support.js'
import { createPostgresStores, type PostgresStores } from './stores.js'

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute))

// The reads the agent's pages make of their calls and callbacks, through the store and `ringlane.calls`.
describe.each(postgresEngines())("an agent's calls and callbacks on %s", (engine) => {
  let database: TestPostgres
  let stores: PostgresStores
  let ringlane: Ringlane
  let ann: Agents.AgentId
  let bob: Agents.AgentId

  beforeAll(async () => {
    database = await createTestPostgres(engine)
    stores = await createPostgresStores({ client: database.client })
    ringlane = await createRinglane({ stores })
  })
  afterAll(async () => {
    await ringlane?.dispose()
    await database?.close()
  })
  beforeEach(async () => {
    await resetStore(database)
    ann = (await ringlane.agents.create({ email: 'ann@example.com', displayName: 'Ann', role: 'agent' })).id
    bob = (await ringlane.agents.create({ email: 'bob@example.com', displayName: 'Bob', role: 'agent' })).id
  })

  const open = (agentId: Agents.AgentId, minute: number, entryId: string = randomUUID()) =>
    run(
      stores.calls.createSession({
        agentId,
        leadId: `lead-${minute}` as Leads.LeadId,
        queueId: 'unsigned' as Queues.QueueId,
        entryId,
        phone: '+447700900001' as E164,
        provider: 'simulator',
        startedAt: at(minute),
      }),
    )

  it("pages through the agent's own calls, newest first, each with its outcome", async () => {
    const first = await open(ann, 1)
    const second = await open(ann, 2)
    const third = await open(ann, 3)
    await open(bob, 4)
    await run(
      stores.calls.recordOutcome({
        sessionId: second.id,
        agentId: ann,
        leadId: second.leadId,
        queueId: second.queueId,
        entryId: second.entryId,
        disposition: 'no_answer',
        notes: 'voicemail',
        contact: false,
        nextCallAfter: null,
        conversion: null,
        callback: null,
        optOut: null,
        recordedAt: at(5),
      }),
    )
    const page = await run(stores.calls.agentCalls(ann, { before: null, limit: 2 }))
    expect(page.map((item) => item.session.id)).toEqual([third.id, second.id])
    expect(page[0]?.outcome).toBeNull()
    expect(page[1]?.outcome).toMatchObject({ disposition: 'no_answer', notes: 'voicemail', agentId: ann })
    const older = await run(stores.calls.agentCalls(ann, { before: at(2), limit: 2 }))
    expect(older.map((item) => item.session)).toEqual([first])
    // Through the SDK, with its checks.
    expect((await ringlane.calls.forAgent(ann, null, 10)).map((item) => item.session.id)).toEqual([
      third.id,
      second.id,
      first.id,
    ])
    await expect(ringlane.calls.forAgent(ann, new Date('nope'))).rejects.toMatchObject({
      _tag: 'InvalidRequest',
      field: 'before',
    })
    await expect(ringlane.calls.forAgent('not-an-id')).rejects.toMatchObject({ _tag: 'InvalidAgentId' })
  })

  it("finds the agent's latest call for an entry, and a session by id", async () => {
    const entry = randomUUID()
    await open(ann, 1, entry)
    const again = await open(ann, 6, entry)
    await open(bob, 7, entry)
    expect(Option.getOrNull(await run(stores.calls.lastSessionForEntry(ann, entry)))).toEqual(again)
    expect(Option.isNone(await run(stores.calls.lastSessionForEntry(ann, randomUUID())))).toBe(true)
    expect(await ringlane.calls.lastForEntry(ann, entry)).toEqual(again)
    expect(await ringlane.calls.session(again.id)).toEqual(again)
    expect(await ringlane.calls.session(randomUUID())).toBeNull()
    expect(await ringlane.calls.session('not-a-uuid')).toBeNull()
  })

  it("lists the agent's callbacks and the open ones due within the window", async () => {
    const soon = new Date(Date.now() + 30 * 60_000)
    const later = new Date(Date.now() + 5 * 3_600_000)
    const schedule = (lead: string, ownerAgentId: Agents.AgentId | null, dueAt: Date) =>
      run(
        stores.history.scheduleCallback({
          leadId: lead as Leads.LeadId,
          phone: '+447700900001' as E164,
          ownerAgentId,
          dueAt,
          notes: null,
          createdBy: null,
        }),
      )
    const mine = await schedule('1', ann, later)
    const openSoon = await schedule('2', null, soon)
    await schedule('3', null, later)
    await schedule('4', bob, soon)
    expect((await ringlane.calls.callbacks(ann)).map((c) => c.id)).toEqual([openSoon.id, mine.id])
    expect((await ringlane.calls.callbacks(ann, 600)).map((c) => c.id)).toHaveLength(3)
  })
})
