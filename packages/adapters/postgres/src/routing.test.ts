import { createRinglane, type Ringlane, type Telephony } from '@ringlane/core'
import { createTestPostgres, postgresEngines, type TestPostgres } from '@ringlane/test-database'
import { Effect } from 'effect'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { countRows, diallerForSuite } from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

// Routing through createRinglane on PGlite: what a supervisor's queue edits write, audit and publish,
// what a refusal leaves (nothing), and a call's stay in a queue as SLA will read it.
describe('routing through createRinglane on PGlite', () => {
  const suite = diallerForSuite()
  let ann: string
  const welsh = {
    id: 'welsh',
    name: 'Welsh claims',
    maxWaitSeconds: 120,
    overflow: { kind: 'voicemail', boxId: 'welsh-box' },
    steps: [
      { expression: 'agent.skills has "welsh" and agent.languages has call.language', timeoutSeconds: 20 },
      { expression: 'true', timeoutSeconds: null },
    ],
  } as const
  const rows = async () => ({
    queues: await countRows(suite.database, 'routing_queues'),
    skills: await countRows(suite.database, 'routing_agent_skills'),
    contacts: await countRows(suite.database, 'queue_contacts'),
    audit: await countRows(suite.database, 'audit_log'),
  })
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: { _tag: string; field?: string; message: string }) => `${error._tag} ${error.field}`,
    )

  beforeEach(async () => {
    ann = (
      await suite.ringlane.agents.create({ email: 'ann@example.com', displayName: 'Ann', role: 'agent' })
    ).id
  })

  it('saves a queue with its rule steps, audited, a new version at each edit', async () => {
    expect(await suite.ringlane.routing.saveQueue(welsh, suite.supervisor)).toMatchObject({
      id: 'welsh',
      version: 1,
      strategy: 'longest-idle',
      reservationTimeoutSeconds: 15,
      maxSize: null,
      agentIds: [],
    })
    expect(
      (await suite.ringlane.routing.saveQueue({ ...welsh, strategy: 'round-robin' }, suite.supervisor))
        .version,
    ).toBe(2)
    expect((await suite.ringlane.routing.queue('welsh'))?.strategy).toBe('round-robin')
    const audit = await suite.database.query<{ actor: string; action: string }>(
      `select actor, action from audit_log where subject = 'routing-queue:welsh' order by at, id`,
    )
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['routing-queue.saved', suite.supervisor],
      ['routing-queue.saved', suite.supervisor],
    ])
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(suite.events.filter((e) => e._tag === 'RoutingQueueChanged')).toHaveLength(2)
  })

  it('refuses what the bad-input paragraph names, naming the field or the step, writing nothing', async () => {
    await suite.ringlane.routing.saveQueue(welsh, suite.supervisor)
    const before = await rows()
    // A max wait with no overflow target.
    expect(
      await refusal(suite.ringlane.routing.saveQueue({ id: 'general', name: 'General', maxWaitSeconds: 60 })),
    ).toBe('InvalidRoutingQueue overflow')
    // A rule expression that does not parse: the message names the step.
    const broken = suite.ringlane.routing.saveQueue({
      ...welsh,
      steps: [welsh.steps[0], { expression: 'agent.skills has', timeoutSeconds: null }],
    })
    await expect(broken).rejects.toMatchObject({
      _tag: 'InvalidRoutingRule',
      field: 'steps.1.expression',
      step: 2,
      message: expect.stringMatching(/^step 2: expected a value/),
    })
    // A field the agent does not have.
    expect(
      await refusal(
        suite.ringlane.routing.saveQueue({
          ...welsh,
          steps: [{ expression: 'agent.skils has "x"', timeoutSeconds: null }],
        }),
      ),
    ).toBe('InvalidRoutingRule steps.0.expression')
    // Unknown fields, on a queue or an agent's skills, are refused rather than dropped.
    expect(await refusal(suite.ringlane.routing.saveQueue({ ...welsh, maxWait: 60 } as never))).toBe(
      'InvalidRoutingQueue maxWait',
    )
    expect(
      await refusal(
        suite.ringlane.routing.setAgentSkills({
          agentId: ann,
          skills: { welsh: 8 },
          languages: [],
          level: 3,
        } as never),
      ),
    ).toBe('InvalidAgentSkills level')
    expect(
      await refusal(
        suite.ringlane.routing.setAgentSkills({ agentId: ann, skills: { Welsh: 8 }, languages: [] }),
      ),
    ).toBe('InvalidAgentSkills skills.Welsh')
    expect(
      await refusal(
        suite.ringlane.routing.saveQueue({
          ...welsh,
          id: 'other',
          overflow: { kind: 'queue', queueId: 'nope' },
        }),
      ),
    ).toBe('UnknownRoutingQueue overflow.queueId')
    expect(await rows()).toEqual(before)
  })

  it("keeps each call's stay in a queue as SLA reads it: enqueued, answered or abandoned, ended", async () => {
    await suite.ringlane.routing.setAgentSkills({ agentId: ann, skills: { welsh: 9 }, languages: ['cy'] })
    await suite.ringlane.routing.saveQueue(welsh, suite.supervisor)
    const call = (n: number) => ({
      callId: `call-${n}`,
      providerCallId: `CA${n}`,
      queueId: 'welsh',
      direction: 'inbound' as const,
      attributes: { language: 'cy' },
    })
    await suite.ringlane.routing.enqueue(call(1))
    await expect(suite.ringlane.routing.enqueue(call(1))).rejects.toMatchObject({
      _tag: 'CallAlreadyQueued',
      field: 'callId',
    })
    await suite.ringlane.routing.enqueue(call(2))
    expect((await suite.ringlane.routing.whoWouldGet(call(3))).agents).toEqual([
      expect.objectContaining({ name: 'Ann', qualified: true, matchesStep: [true, true], why: 'is offline' }),
    ])
    expect(await suite.ringlane.routing.callerHungUp('call-2')).toMatchObject({ state: 'abandoned' })
    const since = new Date(Date.now() - 60_000)
    const stays = await suite.ringlane.routing.contacts({
      queueId: 'welsh',
      since,
      until: new Date(Date.now() + 1000),
    })
    expect(stays.map((c) => [c.callId, c.state])).toEqual([
      ['call-1', 'waiting'],
      ['call-2', 'abandoned'],
    ])
    expect(stays[1]?.abandonedAt).toEqual(stays[1]?.endedAt)
  })
})

// Several app instances route at once over one database: the store's compare-and-set is all that keeps
// them from giving one agent two calls or one call two agents.
for (const engine of postgresEngines()) {
  describe(`two instances routing at once on ${engine}`, () => {
    let database: TestPostgres
    const connected: Array<{ call: string; agent: string }> = []
    const telephony = {
      provider: 'test',
      connectToAgent: (call: string, agent: string) =>
        Effect.sync(() => void connected.push({ call, agent })),
      endCall: () => Effect.succeed(true),
    } as unknown as Telephony.TelephonyService
    let instances: Ringlane[] = []

    beforeAll(async () => {
      database = await createTestPostgres(engine)
      const stores = await createPostgresStores({ client: database.client })
      instances = [await createRinglane({ stores, telephony }), await createRinglane({ stores, telephony })]
    })
    afterAll(async () => {
      for (const instance of instances) await instance.dispose()
      await database?.close()
    })

    it('connects each waiting call to one free agent, never one agent twice', async () => {
      const [one, two] = instances as [Ringlane, Ringlane]
      const agents = await Promise.all(
        ['ann', 'bob', 'cat'].map((name) =>
          one.agents.create({ email: `${name}@example.com`, displayName: name, role: 'agent' }),
        ),
      )
      for (const agent of agents) await one.agents.changeState(agent.id, 'available')
      await one.routing.saveQueue({ id: 'general', name: 'General' })
      for (let n = 0; n < 5; n++)
        await one.routing.enqueue({
          callId: `call-${n}`,
          providerCallId: `CA${n}`,
          queueId: 'general',
          direction: 'inbound',
          attributes: {},
        })
      await Promise.all([one.routing.round(), two.routing.round(), one.routing.round(), two.routing.round()])
      // A round that lost a race for an agent leaves the call waiting for the next round.
      await one.routing.round()
      // Three agents, five calls: three connected, each to a different agent; two still waiting.
      expect(connected).toHaveLength(3)
      expect(new Set(connected.map((c) => c.agent)).size).toBe(3)
      expect(new Set(connected.map((c) => c.call)).size).toBe(3)
      const stays = await one.routing.contacts({ since: new Date(0), until: new Date(Date.now() + 1000) })
      expect(
        stays
          .filter((c) => c.state === 'connected')
          .map((c) => c.agentId)
          .sort(),
      ).toEqual(agents.map((a) => a.id).sort())
      expect(stays.filter((c) => c.state === 'waiting')).toHaveLength(2)
      for (const agent of agents) expect((await one.agents.state(agent.id)).state).toBe('on_call')
    })
  })
}
