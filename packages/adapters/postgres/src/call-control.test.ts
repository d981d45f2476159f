import { type Agents, type Ringlane, type RinglaneEvent, Telephony } from '@ringlane/core'
import { createSimulatorTelephony, type SimulatorTelephony } from '@ringlane/simulator'
import { Effect, Option, Redacted } from 'effect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  claimsDialler,
  claimsWorldForSuite,
  deliverToDialler,
  insertClaim,
  insertPerson,
} from './postgres.test.support.js'
import { createPostgresStores } from './stores.js'

// Agent operations and supervisor listening on calls the dialler connected to an agent's conference,
// on a real store and the simulator: who may do what, where the call and its lead end up, each agent's
// state, the audit trail and the events.
describe('hold, transfer, three-way calls and supervisor listening', () => {
  let ringlane: Ringlane
  let simulator: SimulatorTelephony
  let stores: Awaited<ReturnType<typeof createPostgresStores>>
  let published: RinglaneEvent[]
  let stopListening: () => Promise<void>
  const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
  const toDialler = deliverToDialler(() => ringlane)

  const waitFor = async (check: () => boolean | Promise<boolean>, what: string) => {
    for (let i = 0; i < 300; i++) {
      if (await check()) return
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    throw new Error(`timed out waiting for ${what}`)
  }

  const world = claimsWorldForSuite()
  beforeEach(async () => {
    simulator = createSimulatorTelephony({
      secret: Redacted.make('call-control-test-secret'),
      publicBaseUrl: 'https://dialler.test',
      speed: 100,
      scenario: () => ({ outcome: 'answer', ringSeconds: 1, talkSeconds: null }),
      deliver: async (kind, request) => {
        const form = new URLSearchParams(request.body)
        if (kind === 'voice' && form.get('ringlaneAuto') === '1') {
          // Auto mode, as the engine's voice webhook answers a ready agent's leg.
          const agent = (form.get('From') ?? '').replace('client:', '')
          return { status: 200, body: (await run(simulator.telephony.agentLegInstructions(agent))).body }
        }
        return toDialler(kind, request)
      },
    })
    stores = await createPostgresStores({ client: world.database.client, migrate: false })
    ringlane = await claimsDialler(world, simulator.telephony, stores)
    published = []
    stopListening = await ringlane.events.subscribe((event) => published.push(event))
    for (const id of [1, 2]) {
      await insertPerson(world.source, id, { first_name: 'Ada', created_at: new Date('2026-01-01') })
      await insertClaim(world.source, id, { estimated_value: 900, created_at: new Date('2026-01-02') })
    }
    await ringlane.queues.regenerate()
  })
  afterEach(async () => {
    await stopListening()
    simulator.dispose()
    await ringlane.dispose()
  })

  const person = async (name: string, role: 'agent' | 'supervisor' = 'agent') => {
    const created = await ringlane.agents.create({ email: `${name}@example.com`, displayName: name, role })
    return created.id as Agents.AgentId
  }
  /** Signed in, ready, their softphone waiting in their conference (auto mode). */
  const readyAgent = async (name: string) => {
    const id = await person(name)
    await ringlane.agents.changeState(id, 'available')
    await simulator.placeBrowserCall(id, { ringlaneAuto: '1' })
    return id
  }
  const conference = (agent: string) => Telephony.agentConference(agent)
  const people = async (agent: string) =>
    new Map(
      (await run(simulator.telephony.conferenceParticipants(conference(agent)))).map((p) => [p.label, p]),
    )
  const stateOf = async (agent: string) => (await ringlane.agents.state(agent)).state

  /**
   * A call connected as the engine connects one: the agent holds the lead, the call is answered, the
   * agent is taken (on a call), and the call joins their conference.
   */
  const connectedCall = async (agent: Agents.AgentId) => {
    const entry = await ringlane.queues.claimNext(agent)
    if (!entry) throw new Error('no lead')
    const session = await run(
      stores.calls.createSession({
        agentId: agent,
        leadId: entry.leadId,
        queueId: entry.queueId,
        entryId: entry.id,
        phone: entry.phone,
        provider: 'simulator',
        startedAt: new Date(),
        campaignId: 'renewals',
      }),
    )
    const { providerCallId } = await run(
      simulator.telephony.placeCall({
        sessionId: session.id,
        to: entry.phone,
        callerId: '+441632960002',
        ringTimeoutSeconds: 20,
        machineDetection: false,
      }),
    )
    await waitFor(async () => (await ringlane.calls.session(session.id))?.status === 'in-progress', 'answer')
    await run(stores.agents.setAgentState(agent, 'available', { state: 'on_call', reason: null }, new Date()))
    await run(simulator.telephony.connectToAgent(providerCallId, agent))
    return { session, entry, providerCallId }
  }
  const audited = async (sessionId: string) =>
    (await run(stores.audit.list({ subject: `call:${sessionId}`, limit: 50 }))).map((e) => e.action).sort()

  it('cold: the call and its lead go to the other agent now; the first wraps up, the second is on the call', async () => {
    const ann = await readyAgent('Ann')
    const bob = await readyAgent('Bob')
    const { session, entry, providerCallId } = await connectedCall(ann)

    const moved = await ringlane.callControl.transferToAgent(ann, bob, 'cold')
    expect(moved.agentId).toBe(bob)
    expect(simulator.serverCall(providerCallId)?.conference).toBe(conference(bob))
    expect([...(await people(bob)).keys()].sort()).toEqual(['agent', 'caller'])
    expect([...(await people(ann)).keys()]).toEqual(['agent'])
    expect(await stateOf(ann)).toBe('wrap_up')
    expect(await stateOf(bob)).toBe('on_call')
    expect((await ringlane.calls.active(bob))?.id).toBe(session.id)
    expect(await ringlane.calls.active(ann)).toBeNull()
    expect(Option.getOrThrow(await run(stores.queues.heldEntry(bob))).id).toBe(entry.id)
    expect(await audited(session.id)).toEqual(['call.transferred'])
    expect(published).toContainEqual(
      expect.objectContaining({
        _tag: 'CallControlled',
        action: 'transferred',
        agentId: ann,
        otherAgentId: bob,
        detail: 'cold',
      }),
    )
    // Bob finishes the call as his own.
    await ringlane.calls.recordOutcome(bob, { sessionId: session.id, disposition: 'no_answer' })
    expect(await stateOf(bob)).toBe('available')
  })

  it('warm: the caller holds while the other agent joins; cancel sends them back, complete hands over', async () => {
    const ann = await readyAgent('Ann')
    const bob = await readyAgent('Bob')
    const { session, providerCallId } = await connectedCall(ann)

    expect(await ringlane.callControl.status(ann)).toEqual({
      sessionId: session.id,
      held: false,
      otherAgentId: null,
      guests: [],
    })
    await ringlane.callControl.transferToAgent(ann, bob, 'warm')
    expect(await ringlane.callControl.status(ann)).toMatchObject({ held: true, otherAgentId: bob })
    let here = await people(ann)
    expect(here.get('caller')?.hold).toBe(true)
    expect(here.get(`agent:${bob}`)?.hold).toBe(false)
    expect(await stateOf(bob)).toBe('on_call')
    // While Bob is consulted, nobody else can take him.
    await expect(ringlane.callControl.addToCall(ann, { agentId: bob })).rejects.toMatchObject({
      _tag: 'AgentNotFree',
    })

    await ringlane.callControl.cancelTransfer(ann)
    here = await people(ann)
    expect(here.get('caller')?.hold).toBe(false)
    expect(here.has(`agent:${bob}`)).toBe(false)
    expect([...(await people(bob)).keys()]).toEqual(['agent'])
    expect(await stateOf(bob)).toBe('available')
    expect((await ringlane.calls.active(ann))?.id).toBe(session.id)

    await ringlane.callControl.transferToAgent(ann, bob, 'warm')
    await ringlane.callControl.completeTransfer(ann)
    expect(simulator.serverCall(providerCallId)?.conference).toBe(conference(bob))
    expect((await people(bob)).get('caller')?.hold).toBe(false)
    expect(await stateOf(ann)).toBe('wrap_up')
    expect(await stateOf(bob)).toBe('on_call')
    expect((await ringlane.calls.active(bob))?.id).toBe(session.id)
    expect(await audited(session.id)).toEqual([
      'call.transfer_cancelled',
      'call.transfer_started',
      'call.transfer_started',
      'call.transferred',
    ])
    await expect(ringlane.callControl.completeTransfer(bob)).rejects.toMatchObject({
      _tag: 'NoTransferInProgress',
    })
  })

  it('to a queue: the caller waits with hold music, the agent wraps up, and routing connects the next free agent with the lead', async () => {
    const ann = await readyAgent('Ann')
    const { session, entry, providerCallId } = await connectedCall(ann)
    const sue = await person('Sue', 'supervisor')
    await ringlane.routing.saveQueue(
      { id: 'claims', name: 'Claims', steps: [{ expression: 'true', timeoutSeconds: null }] },
      sue,
    )
    await expect(ringlane.callControl.transferToQueue(ann, 'nowhere')).rejects.toMatchObject({
      _tag: 'UnknownRoutingQueue',
    })
    expect((await ringlane.calls.active(ann))?.id).toBe(session.id)

    await ringlane.callControl.transferToQueue(ann, 'claims')
    expect(simulator.serverCall(providerCallId)?.conference).toBeNull()
    expect(await stateOf(ann)).toBe('wrap_up')
    expect((await ringlane.calls.session(session.id))?.agentId).toBeNull()
    expect(Option.isNone(await run(stores.queues.heldEntry(ann)))).toBe(true)
    const waiting = await ringlane.routing.contacts({
      since: new Date(Date.now() - 60_000),
      until: new Date(Date.now() + 60_000),
    })
    expect(waiting.map((c) => [c.callId, c.queueId, c.state])).toEqual([[session.id, 'claims', 'waiting']])
    expect(await audited(session.id)).toEqual(['call.transferred_to_queue'])

    // Bob comes free: routing gives him the call, and its audio joins his conference.
    const bob = await readyAgent('Bob')
    await ringlane.routing.round()
    expect((await ringlane.calls.session(session.id))?.agentId).toBe(bob)
    expect(simulator.serverCall(providerCallId)?.conference).toBe(conference(bob))
    expect(await stateOf(bob)).toBe('on_call')
    // The lead went with the call: Bob's desk holds it, and he records the outcome; Ann cannot.
    expect(Option.getOrNull(await run(stores.queues.heldEntry(bob)))?.id).toBe(entry.id)
    await expect(
      ringlane.calls.recordOutcome(ann, { sessionId: session.id, disposition: 'not_interested' }),
    ).rejects.toMatchObject({ _tag: 'OutcomeRefused' })
    const recorded = await ringlane.calls.recordOutcome(bob, {
      sessionId: session.id,
      disposition: 'not_interested',
    })
    expect(recorded).toMatchObject({ sessionId: session.id, disposition: 'not_interested' })
    expect(Option.isNone(await run(stores.queues.heldEntry(bob)))).toBe(true)
  })

  it('holds and resumes, and rings an outside number into a three-way call and out again', async () => {
    const ann = await readyAgent('Ann')
    const { session } = await connectedCall(ann)
    await ringlane.callControl.hold(ann)
    expect((await people(ann)).get('caller')?.hold).toBe(true)
    await ringlane.callControl.resume(ann)
    expect((await people(ann)).get('caller')?.hold).toBe(false)

    const { label } = await ringlane.callControl.addToCall(ann, { phone: '07700 900555' })
    expect(label).toBe('guest:+447700900555')
    expect((await people(ann)).has(label)).toBe(true)
    await ringlane.callControl.removeFromCall(ann, label)
    expect((await people(ann)).has(label)).toBe(false)
    await expect(ringlane.callControl.removeFromCall(ann, 'caller')).rejects.toMatchObject({
      _tag: 'InvalidCallControl',
      field: 'label',
    })
    expect(await audited(session.id)).toEqual([
      'call.held',
      'call.participant_added',
      'call.participant_removed',
      'call.resumed',
    ])
  })

  it('a supervisor listens, whispers to the agent only, barges in and leaves; an agent may not', async () => {
    const ann = await readyAgent('Ann')
    const sue = await person('Sue', 'supervisor')
    const { session } = await connectedCall(ann)
    const annLeg = (await people(ann)).get('agent')?.providerCallId
    const sues = () => people(ann).then((all) => all.get(`supervisor:${sue}`))

    await ringlane.callControl.supervise(sue, session.id, 'listen')
    expect(await sues()).toMatchObject({ muted: true, coaching: null })
    await ringlane.callControl.supervise(sue, session.id, 'whisper')
    expect(await sues()).toMatchObject({ muted: false, coaching: annLeg })
    await ringlane.callControl.supervise(sue, session.id, 'barge')
    expect(await sues()).toMatchObject({ muted: false, coaching: null })
    expect(await ringlane.callControl.stopSupervising(sue, session.id)).toBe(true)
    expect(await sues()).toBeUndefined()
    expect(await ringlane.callControl.stopSupervising(sue, session.id)).toBe(false)

    const bob = await person('Bob')
    await expect(ringlane.callControl.supervise(bob, session.id, 'listen')).rejects.toMatchObject({
      _tag: 'NotASupervisor',
    })
    await expect(ringlane.callControl.supervise(sue, session.id, 'shout')).rejects.toMatchObject({
      _tag: 'InvalidCallControl',
      field: 'mode',
    })
    expect(await audited(session.id)).toEqual([
      'call.supervisor_barged',
      'call.supervisor_left',
      'call.supervisor_listening',
      'call.supervisor_whispering',
    ])
  })

  it('refuses, with a typed reason and nothing changed: a busy or paused agent, no call, a preview call', async () => {
    const ann = await readyAgent('Ann')
    const bob = await readyAgent('Bob')
    await expect(ringlane.callControl.hold(ann)).rejects.toMatchObject({ _tag: 'NoLiveCall' })
    const { session } = await connectedCall(ann)
    await ringlane.agents.changeState(bob, 'paused', 'Break')
    await expect(ringlane.callControl.transferToAgent(ann, bob, 'cold')).rejects.toMatchObject({
      _tag: 'AgentNotFree',
    })
    await expect(ringlane.callControl.transferToAgent(ann, ann, 'cold')).rejects.toMatchObject({
      _tag: 'AgentNotFree',
    })
    await expect(ringlane.callControl.transferToAgent(ann, bob, 'lukewarm')).rejects.toMatchObject({
      _tag: 'InvalidCallControl',
      field: 'mode',
    })
    // Someone signed in without a softphone waiting cannot be given a call.
    const cid = await person('Cid')
    await ringlane.agents.changeState(cid, 'available')
    await expect(ringlane.callControl.transferToAgent(ann, cid, 'cold')).rejects.toMatchObject({
      _tag: 'AgentNotFree',
    })
    expect(await stateOf(cid)).toBe('available')
    expect((await ringlane.calls.active(ann))?.id).toBe(session.id)
    expect(await audited(session.id)).toEqual([])

    // A preview call the desk dialled straight to the lead is not in a conference.
    await ringlane.agents.changeState(bob, 'available')
    const entry = await ringlane.queues.claimNext(bob)
    if (!entry) throw new Error('no lead')
    const start = await ringlane.dialing.startCall(bob, entry.id)
    if (start._tag !== 'Started') throw new Error('refused')
    await simulator.placeBrowserCall(bob, { ringlaneSession: start.session.id })
    await waitFor(async () => (await ringlane.calls.active(bob))?.status === 'in-progress', 'answer')
    await expect(ringlane.callControl.hold(bob)).rejects.toMatchObject({ _tag: 'NotAConferenceCall' })
    expect(await ringlane.callControl.status(bob)).toBeNull()
  })
})
