import { Agents, Calls, Campaigns, Dialing } from '@ringlane/core'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { Effect, Layer, Schema, TestClock, TestContext } from 'effect'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addAgent, resetStore } from './postgres.test.support.js'
import { createPostgresStores, type PostgresStores } from './stores.js'

const { Engine } = Dialing

/** A pacer that only remembers what it was told. */
const listening = () => {
  const heard: Campaigns.PacingObservation[] = []
  const pacer: Campaigns.Pacer = { observe: (o) => heard.push(o), linesToPlace: () => 0 }
  return { pacer, heard }
}

const campaign = Schema.decodeUnknownSync(Campaigns.Campaign)({
  id: 'renewals',
  name: 'Renewals',
  queues: ['unsigned'],
  dialMode: 'predictive',
  abandonTargetPercent: 2.5,
  abandonWindowHours: 24,
  maxLinesPerAgent: 2,
  minAgentsForPredictive: 5,
  callerId: '+441632960002',
  ringTimeoutSeconds: 20,
  answeringMachine: 'hang-up',
  abandonMessage: { say: 'Sorry we missed you.' },
  complianceProfiles: ['uk-ofcom'],
  wrapUpSeconds: 30,
  status: 'active',
})

const T0 = Date.UTC(2026, 10, 26, 10, 0, 0)
const at = (seconds: number) => new Date(T0 + seconds * 1000)

// The engine's estimates come from the shared call log and agent history, so whichever instance
// leads a campaign paces on the same figures (issue 12's weak point: they were only ever observed by
// the instance whose webhook saw the call end, and wrap-ups never).
describe("the engine's estimates, from the call log every instance shares", () => {
  let database: TestPostgres
  let stores: PostgresStores
  let agent: Agents.AgentId
  let other: Agents.AgentId
  beforeAll(async () => {
    database = await createTestPostgres('pglite')
  })
  afterAll(() => database.close())
  beforeEach(async () => {
    await resetStore(database)
    stores = await createPostgresStores({ client: database.client })
    agent = (await addAgent(stores.agents, 'ann@example.test')) as Agents.AgentId
    other = (await addAgent(stores.agents, 'bob@example.test')) as Agents.AgentId
  })

  /** Runs at `nowSeconds` on the test's clock. */
  const run = <A, E>(effect: Effect.Effect<A, E, Calls.CallStore | Agents.AgentStore>, nowSeconds: number) =>
    Effect.runPromise(
      Effect.gen(function* () {
        yield* TestClock.setTime(+at(nowSeconds))
        return yield* effect
      }).pipe(
        Effect.provide(
          Layer.mergeAll(
            Layer.succeed(Calls.CallStore, stores.calls),
            Layer.succeed(Agents.AgentStore, stores.agents),
            TestContext.TestContext,
          ),
        ),
      ),
    )
  const running: Dialing.Engine.EngineCampaign = { campaign, agents: [] }
  const withAgents = (): Dialing.Engine.EngineCampaign => ({ campaign, agents: [agent] })

  /** An engine call, ended as the webhooks of some instance left it in the call log. */
  const endedCall = async (
    digit: string,
    end: Partial<Calls.CallSession> & Pick<Calls.CallSession, 'status' | 'endedAt'>,
  ) => {
    const session = await Effect.runPromise(
      stores.calls.createSession({
        agentId: null,
        campaignId: campaign.id,
        leadId: `lead-${digit}` as Calls.CallSession['leadId'],
        queueId: 'unsigned' as Calls.CallSession['queueId'],
        entryId: crypto.randomUUID(),
        phone: `+44770090012${digit}` as Calls.CallSession['phone'],
        provider: 'simulator',
        startedAt: at(0),
      }),
    )
    // The agent comes with the answer (as the engine gives it), the rest as the webhooks left it.
    if (end.agentId) await Effect.runPromise(stores.calls.assignAgent(session.id, end.agentId))
    await Effect.runPromise(
      stores.calls.updateSession(session.id, null, (current) => ({ ...current, ...end })),
    )
  }

  it('a new leader learns the ring, answer and talk of calls another instance saw end', async () => {
    // Answered after 12 s, talked 180 s with an agent; one not answered after 20 s; one busy; a machine.
    await endedCall('1', {
      status: 'completed',
      answeredAt: at(12),
      answeredBy: 'human',
      agentId: agent,
      ringSeconds: 12,
      talkSeconds: 180,
      endedAt: at(192),
    })
    await endedCall('2', { status: 'no-answer', ringSeconds: 20, endedAt: at(20) })
    await endedCall('3', { status: 'busy', ringSeconds: 3, endedAt: at(3) })
    await endedCall('4', {
      status: 'completed',
      answeredAt: at(8),
      answeredBy: 'machine',
      ringSeconds: 8,
      talkSeconds: 0,
      endedAt: at(9),
    })
    const newLeader = listening()
    expect(await run(Engine.learnFromCallLog(running, newLeader.pacer), 200)).toBe(4)
    // Oldest first, as they ended.
    expect(newLeader.heard).toEqual([
      { kind: 'not-answered', ringMs: 3000, reason: 'busy' },
      { kind: 'not-answered', ringMs: 8000, reason: 'machine' },
      { kind: 'not-answered', ringMs: 20_000, reason: 'no-answer' },
      { kind: 'answered', ringMs: 12_000 },
      { kind: 'talk-ended', talkMs: 180_000 },
    ])
    // A second leader (another instance) learns exactly the same.
    const another = listening()
    await run(Engine.learnFromCallLog(running, another.pacer), 200)
    expect(another.heard).toEqual(newLeader.heard)
  })

  it('learns each call once, and the ones that end later at its next reading', async () => {
    await endedCall('1', { status: 'no-answer', ringSeconds: 20, endedAt: at(20) })
    const leader = listening()
    await run(Engine.learnFromCallLog(running, leader.pacer), 30)
    // Too soon to read again: nothing; then a reading finds only the new call.
    await endedCall('2', { status: 'busy', ringSeconds: 4, endedAt: at(31) })
    expect(await run(Engine.learnFromCallLog(running, leader.pacer), 30.5)).toBe(0)
    expect(await run(Engine.learnFromCallLog(running, leader.pacer), 33)).toBe(1)
    expect(await run(Engine.learnFromCallLog(running, leader.pacer), 36)).toBe(0)
    expect(leader.heard).toEqual([
      { kind: 'not-answered', ringMs: 20_000, reason: 'no-answer' },
      { kind: 'not-answered', ringMs: 4000, reason: 'busy' },
    ])
  })

  it("observes the end of a wrap-up of the campaign's agents, not of others", async () => {
    const move = (who: Agents.AgentId, from: Agents.AgentStateName, to: Agents.AgentStateName, s: number) =>
      Effect.runPromise(stores.agents.setAgentState(who, from, { state: to, reason: null }, at(s)))
    for (const who of [agent, other]) {
      await move(who, 'offline', 'available', 0)
      await move(who, 'available', 'on_call', 10)
      await move(who, 'on_call', 'wrap_up', 100)
    }
    await move(agent, 'wrap_up', 'available', 130)
    await move(other, 'wrap_up', 'available', 190)
    const leader = listening()
    await run(Engine.learnFromCallLog(withAgents(), leader.pacer), 200)
    expect(leader.heard).toEqual([{ kind: 'wrap-up-ended', wrapUpMs: 30_000 }])
  })
})
