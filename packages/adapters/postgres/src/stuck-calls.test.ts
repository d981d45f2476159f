import { claimsPreset, claimsQueues } from '@ringlane/claims'
import { Calls, createRinglane, type Ringlane } from '@ringlane/core'
import { type CallScenario, createSimulatorTelephony, type SimulatorTelephony } from '@ringlane/simulator'
import { Effect, Redacted } from 'effect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { postgresLeadSource } from './lead-source.js'
import {
  claimsDialler,
  claimsWorldForSuite,
  deliverToDialler,
  insertClaim,
  insertPerson,
  startNextCall,
  waitFor,
} from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

// Never stranded: a page that goes away ends its call as a provider does, an agent hangs up a call
// their page lost, and a supervisor ends a stuck call and sets an agent's state, audited.
describe('calls no page holds any more', () => {
  let ringlane: Ringlane
  let simulator: SimulatorTelephony
  let stores: Awaited<ReturnType<typeof createPostgresStores>>
  const scenario: CallScenario = { outcome: 'answer', ringSeconds: 1, talkSeconds: null }

  const status = async (sessionId: string) => (await ringlane.calls.session(sessionId))?.status
  const reachesStatus = (sessionId: string, wanted: string) =>
    waitFor(async () => ((await status(sessionId)) === wanted ? true : undefined), `status ${wanted}`)

  const toDialler = deliverToDialler(() => ringlane)

  const world = claimsWorldForSuite()
  beforeEach(async () => {
    simulator = createSimulatorTelephony({
      secret: Redacted.make('simulator-test-secret'),
      publicBaseUrl: 'https://dialler.test',
      speed: 100,
      browserLegGraceSeconds: 0.05,
      scenario: () => scenario,
      deliver: (kind, request) =>
        toDialler(kind, request).catch((error) => ({ status: 400, body: String(error) })),
    })
    stores = await createPostgresStores({ client: world.database.client, migrate: false })
    ringlane = await claimsDialler(world, simulator.telephony, stores)
    for (const id of [1, 2]) {
      await insertPerson(world.source, id, {
        first_name: 'Ada',
        last_name: `Lovelace ${id}`,
        created_at: new Date('2026-01-01'),
      })
      await insertClaim(world.source, id, { estimated_value: 900, created_at: new Date('2026-01-02') })
    }
    await ringlane.queues.regenerate()
  })
  afterEach(async () => {
    simulator.dispose()
    await ringlane.dispose()
  })

  const person = (name: string, role: 'agent' | 'supervisor' = 'agent') =>
    ringlane.agents.create({ email: `${name}@example.com`, displayName: name, role })
  /** The agent takes the next lead and the server opens its call; throws if either is refused. */
  const nextSession = async (agent: string) => (await startNextCall(ringlane, agent)).session
  const auditOf = (action: string) => Effect.runPromise(stores.audit.list({ action, limit: 10 }))

  it('ends the call of a page that was reloaded, so the agent records it and calls again', async () => {
    const ann = await person('Ann')
    await ringlane.agents.changeState(ann.id, 'available')
    const session = await nextSession(ann.id)
    const page = simulator.browserEvents(ann.id, null, () => undefined, 'page-before-reload')
    await simulator.placeBrowserCall(ann.id, { ringlaneSession: session.id }, 'page-before-reload')
    await reachesStatus(session.id, 'in-progress')
    expect((await ringlane.calls.active(ann.id))?.id).toBe(session.id)

    // The reload: the old page's stream closes and never comes back; the new page opens another leg.
    page.unsubscribe()
    simulator.browserEvents(ann.id, null, () => undefined, 'page-after-reload')
    await reachesStatus(session.id, 'completed')
    // The webhook stores the call's end, then moves its agent: on a server the two land apart.
    await waitFor(
      async () => ((await ringlane.agents.state(ann.id)).state === 'wrap_up' ? true : undefined),
      'Ann in wrap-up',
    )
    expect(await ringlane.calls.active(ann.id)).toBeNull()

    await ringlane.calls.recordOutcome(ann.id, { sessionId: session.id, disposition: 'no_answer' })
    expect((await ringlane.agents.state(ann.id)).state).toBe('available')
    await expect(nextSession(ann.id)).resolves.toMatchObject({ status: 'initiated' })
  })

  it('lets an agent hang up their own call from the server, and only their own', async () => {
    const ann = await person('Ann')
    const bob = await person('Bob')
    await ringlane.agents.changeState(ann.id, 'available')
    const session = await nextSession(ann.id)
    // A call placed without a leg stays live whatever the pages do: only a hang-up ends it.
    await simulator.placeBrowserCall(ann.id, { ringlaneSession: session.id })
    await reachesStatus(session.id, 'in-progress')

    await expect(ringlane.calls.hangUp(bob.id, session.id)).rejects.toMatchObject({ _tag: 'CallNotFound' })
    expect(await status(session.id)).toBe('in-progress')
    const ended = await ringlane.calls.hangUp(ann.id, session.id)
    expect(ended.status).toBe('completed')
    expect((await ringlane.agents.state(ann.id)).state).toBe('wrap_up')
    // Twice is fine: the call stays as it ended.
    await expect(ringlane.calls.hangUp(ann.id, session.id)).resolves.toMatchObject({ status: 'completed' })
  })

  it('lets a supervisor end a stuck call and set the agent free, audited; an agent may not', async () => {
    const ann = await person('Ann')
    const sue = await person('Sue', 'supervisor')
    await ringlane.agents.changeState(ann.id, 'available')
    // The server opened the call but the browser never dialled: the provider knows nothing of it.
    const session = await nextSession(ann.id)
    expect((await ringlane.agents.state(ann.id)).state).toBe('on_call')

    await expect(ringlane.calls.endForAgent(ann.id, session.id)).rejects.toMatchObject({
      _tag: 'NotASupervisor',
    })
    await expect(ringlane.agents.setStateFor(sue.id, ann.id, 'available')).rejects.toMatchObject({
      _tag: 'AgentStillOnCall',
    })
    const ended = await ringlane.calls.endForAgent(sue.id, session.id)
    expect(ended).toMatchObject({ status: 'failed', endReason: 'ended by supervisor Sue' })
    expect((await ringlane.agents.state(ann.id)).state).toBe('wrap_up')
    expect(await auditOf('call.ended_by_supervisor')).toEqual([
      expect.objectContaining({
        actor: sue.id,
        subject: `call:${session.id}`,
        detail: { agentId: ann.id, before: 'initiated', after: 'failed' },
      }),
    ])

    await expect(ringlane.agents.setStateFor(sue.id, ann.id, 'paused')).rejects.toMatchObject({
      _tag: 'PauseReasonRequired',
    })
    await expect(ringlane.agents.setStateFor(sue.id, ann.id, 'on_call' as 'offline')).rejects.toMatchObject({
      _tag: 'InvalidSupervisedState',
    })
    expect(await ringlane.agents.setStateFor(sue.id, ann.id, 'offline')).toMatchObject({ state: 'offline' })
    expect(await auditOf('agent.state_set_by_supervisor')).toEqual([
      expect.objectContaining({
        actor: sue.id,
        subject: `agent:${ann.id}`,
        detail: { before: 'wrap_up', after: 'offline', reason: null },
      }),
    ])
    // Offline gives back the lead she held.
    expect(await ringlane.queues.held(ann.id)).toBeNull()
  })

  it("signs an agent off: a live call hung up, offline with the reason, the answered call's lead not offered again at once", async () => {
    const ann = await person('Ann')
    await ringlane.agents.signedIn(ann.id)
    await ringlane.agents.changeState(ann.id, 'available')
    const session = await nextSession(ann.id)
    await simulator.placeBrowserCall(ann.id, { ringlaneSession: session.id })
    await reachesStatus(session.id, 'in-progress')

    expect(await ringlane.agents.signOff(ann.id, 'signed out')).toMatchObject({
      state: 'offline',
      reason: 'signed out',
    })
    expect(await status(session.id)).toBe('completed')
    expect(await ringlane.queues.held(ann.id)).toBeNull()
    // A person answered: the call's outcome is recorded for Ann (a contact, so the queue's cooling
    // applies) and the lead is finished, not back in the queue for the next agent to dial at once.
    const [call] = await ringlane.calls.history(session.leadId)
    expect(call?.outcome).toMatchObject({ sessionId: session.id, disposition: Calls.AGENT_LEFT })
    const now = new Date()
    const signIns = await Effect.runPromise(
      stores.agents.signIns({
        agentId: ann.id,
        since: new Date(+now - 60_000),
        until: new Date(+now + 1000),
      }),
    )
    expect(signIns).toEqual([expect.objectContaining({ signOutReason: 'signed out' })])
    expect(signIns[0]?.signedOutAt).not.toBeNull()
    // The history adds up to it: available, on a call, then offline (the call's end may show wrap-up).
    const history = await Effect.runPromise(
      stores.agents.stateHistory({
        agentId: ann.id,
        since: new Date(+now - 60_000),
        until: new Date(+now + 1000),
      }),
    )
    expect(history[0]?.state).toBe('available')
    expect(history.at(-1)).toMatchObject({ state: 'offline', reason: 'signed out', endedAt: null })
    const report = await ringlane.analytics.agentStates({
      from: now.toISOString().slice(0, 10),
      to: now.toISOString().slice(0, 10),
      timeZone: 'UTC',
    })
    expect(report).toEqual([
      expect.objectContaining({ displayName: 'Ann', signIns: 1, occupancy: expect.any(Number) }),
    ])
    // Nor does the next agent get the lead (it was not given back).
    const offered: Array<string | undefined> = []
    for (const name of ['Bob', 'Cat']) {
      const other = await person(name)
      await ringlane.agents.changeState(other.id, 'available')
      offered.push((await ringlane.queues.claimNext(other.id))?.leadId)
    }
    expect(offered).not.toContain(session.leadId)
  })

  it('makes an agent available again after the longest wrap-up the settings allow', async () => {
    const timed = await createRinglane({
      stores,
      source: postgresLeadSource({ client: world.sourceClient, preset: claimsPreset() }),
      telephony: simulator.telephony,
      queues: claimsQueues(),
      settings: {
        allowFictionalNumbers: true,
        callingWindow: null,
        wrapUpSeconds: 60,
        callPurpose: 'service' as const,
      },
    })
    try {
      const ann = await person('Ann')
      const bob = await person('Bob')
      const ago = (seconds: number) => new Date(Date.now() - seconds * 1000)
      for (const [agent, since] of [
        [ann.id, ago(61)],
        [bob.id, ago(30)],
      ] as const) {
        await Effect.runPromise(
          stores.agents.setAgentState(agent, 'offline', { state: 'on_call', reason: null }, ago(120)),
        )
        await Effect.runPromise(
          stores.agents.setAgentState(agent, 'on_call', { state: 'wrap_up', reason: null }, since),
        )
      }
      expect(await timed.jobs.run('wrap-up-timeout')).toMatchObject({ moved: 1 })
      expect((await timed.agents.state(ann.id)).state).toBe('available')
      expect((await timed.agents.state(bob.id)).state).toBe('wrap_up')
      // Without a maximum, nobody is moved.
      expect(await ringlane.jobs.run('wrap-up-timeout')).toMatchObject({ moved: 0 })
    } finally {
      await timed.dispose()
    }
  })

  it('moves, hands over and cancels callbacks, each by someone who may', async () => {
    const ann = await person('Ann')
    const bob = await person('Bob')
    const sue = await person('Sue', 'supervisor')
    const inAnHour = new Date(Date.now() + 3_600_000)
    const { id } = await Effect.runPromise(
      stores.history.scheduleCallback({
        leadId: '1' as never,
        phone: '+447700900001' as never,
        ownerAgentId: ann.id,
        dueAt: inAnHour,
        notes: null,
        createdBy: ann.id,
      }),
    )
    await expect(ringlane.calls.changeCallback(bob.id, id, { action: 'cancel' })).rejects.toMatchObject({
      _tag: 'CallbackNotFound',
      message: expect.stringContaining('another agent'),
    })
    await expect(
      ringlane.calls.changeCallback(ann.id, id, { action: 'move', dueAt: '2020-01-01T00:00:00Z' }),
    ).rejects.toMatchObject({ _tag: 'InvalidCallbackChange', field: 'dueAt' })
    await expect(
      ringlane.calls.changeCallback(ann.id, id, { action: 'hand-over', toAgentId: 'nobody' }),
    ).rejects.toMatchObject({ _tag: 'InvalidCallbackChange', field: 'toAgentId' })
    const later = new Date(+inAnHour + 3_600_000)
    expect(
      await ringlane.calls.changeCallback(ann.id, id, { action: 'move', dueAt: later.toISOString() }),
    ).toMatchObject({ dueAt: later, ownerAgentId: ann.id })
    expect(
      await ringlane.calls.changeCallback(ann.id, id, { action: 'hand-over', toAgentId: bob.id }),
    ).toMatchObject({ ownerAgentId: bob.id })
    // A supervisor may change anyone's.
    await ringlane.calls.changeCallback(sue.id, id, { action: 'cancel' })
    await expect(ringlane.calls.changeCallback(bob.id, id, { action: 'cancel' })).rejects.toMatchObject({
      _tag: 'CallbackNotFound',
    })
  })

  it('offers a callback kept for an absent agent to others once it is overdue by the grace period', async () => {
    const ann = await person('Ann')
    const bob = await person('Bob')
    const schedule = (leadId: string, minutesAgo: number) =>
      Effect.runPromise(
        stores.history.scheduleCallback({
          leadId: leadId as never,
          phone: `+4477009000${leadId.padStart(2, '0')}` as never,
          ownerAgentId: ann.id,
          dueAt: new Date(Date.now() - minutesAgo * 60_000),
          notes: null,
          createdBy: ann.id,
        }),
      )
    // Ann is offline. Lead 1's callback is 20 minutes overdue (past the 15-minute grace), lead 2's 5.
    await schedule('1', 20)
    await schedule('2', 5)
    await ringlane.queues.regenerate()
    await ringlane.agents.changeState(bob.id, 'available')
    const taken = await ringlane.queues.claimNext(bob.id)
    expect(taken).toMatchObject({ leadId: '1', queueId: 'callbacks' })
    // Lead 2's is still kept for Ann.
    await ringlane.queues.skip(bob.id, taken?.id ?? '', 'test: next one')
    expect((await ringlane.queues.claimNext(bob.id))?.leadId).not.toBe('2')
  })
})
