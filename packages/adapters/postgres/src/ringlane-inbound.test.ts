import { createRinglane, type Inbound, type Ringlane, type RinglaneEvent } from '@ringlane/core'
import {
  createSimulatorTelephony,
  createSimulatorTranscription,
  type SimulatorTelephony,
} from '@ringlane/simulator'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { Effect, Redacted } from 'effect'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  addAgent,
  aiAgentHandingToPeople,
  countRows,
  memoryRecordingStorage,
  resetStore,
} from './postgres.test.support.js'
import { createPostgresStores, type PostgresStores } from './stores.js'

const secret = Redacted.make('inbound-test-secret')
const publicBaseUrl = 'https://dialler.test'
const LINE = '+447700900001'
const CALLER = '+447700900123'

const until = async <A>(read: () => Promise<A | null | undefined | false>, what: string): Promise<A> => {
  for (let i = 0; i < 500; i++) {
    const value = await read()
    if (value !== null && value !== undefined && value !== false) return value
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** Open weekdays 09:00-17:00 London; a menu: 1 for the claims queue, 2 (or "message") for voicemail. */
const claimsLine: Inbound.FlowDefinition = {
  start: 'hours',
  steps: [
    {
      _tag: 'hours',
      id: 'hours',
      timeZone: 'Europe/London',
      open: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }],
      holidays: [],
      whenOpen: 'menu',
      whenClosed: 'voicemail',
    },
    {
      _tag: 'menu',
      id: 'menu',
      prompt: { say: 'Press 1 for a claim, 2 to leave a message.' },
      choices: [
        { digit: '1', words: ['claim'], next: 'queue' },
        { digit: '2', words: ['message'], next: 'voicemail' },
      ],
      timeoutSeconds: 3,
      attempts: 2,
      noInput: 'voicemail',
      noMatch: 'goodbye',
    },
    { _tag: 'queue', id: 'queue', queueId: 'claims', hold: { say: 'Please hold.' } },
    { _tag: 'voicemail', id: 'voicemail', boxId: 'claims-box' },
    { _tag: 'hang-up', id: 'goodbye' },
  ],
}

// Inbound end to end on the SDK: a simulated caller rings the line, the published flow answers, the
// menu is walked, a message is left, recorded through the recording pipeline and transcribed, its owner
// told, a callback made from it; every step logged on the call, which is in the one call log as inbound.
describe('inbound calls on pglite', () => {
  let database: TestPostgres
  let stores: PostgresStores
  let ringlane: Ringlane
  let simulator: SimulatorTelephony
  const heard: RinglaneEvent[] = []
  const media = new Map<string, Uint8Array>()
  let agent: string

  beforeAll(async () => {
    database = await createTestPostgres('pglite')
    stores = await createPostgresStores({ client: database.client })
    simulator = createSimulatorTelephony({
      secret,
      publicBaseUrl,
      speed: 50,
      deliver: async (kind, request) => {
        try {
          if (kind === 'voice' || kind === 'flow') {
            const answer = await (kind === 'voice'
              ? ringlane.inbound.answer(request)
              : ringlane.inbound.continue(request))
            return { status: 200, body: answer.body }
          }
          if (kind === 'status') await ringlane.calls.handleStatus(request)
          if (kind === 'recording') await ringlane.recordings.handleStatus(request)
          return { status: 204, body: '' }
        } catch (error) {
          return { status: 400, body: String((error as Error).message) }
        }
      },
    })
    const transcriber = createSimulatorTranscription({ calls: simulator, secret, publicBaseUrl })
    ringlane = await createRinglane({
      stores,
      telephony: simulator.telephony,
      inbound: { voice: simulator.inboundVoice, settings: { holdSeconds: 5 } },
      recordings: { storage: memoryRecordingStorage(media) },
      transcription: { provider: transcriber.transcription },
      // An IVR step may give a call to an AI agent: the simulator's, whose caller asks for a person.
      voiceAi: aiAgentHandingToPeople(simulator, 'Hello, the claims line.'),
    })
    await ringlane.events.subscribe((event) => heard.push(event))
  })
  afterAll(async () => {
    simulator?.dispose()
    await ringlane?.dispose()
    await database?.close()
  })
  beforeEach(async () => {
    heard.length = 0
    await resetStore(database)
    agent = await addAgent(stores.agents, 'ann@example.com')
    // The flow's queue is routing's live-call queue (the validator checks it exists).
    await ringlane.routing.saveQueue({ id: 'claims', name: 'Claims' }, agent)
    await ringlane.inbound.saveBox({
      id: 'claims-box',
      name: 'Claims voicemail',
      owner: { _tag: 'queue', queueId: 'claims' },
      greeting: { say: 'Please leave a message after the tone.' },
      maxLengthSeconds: 60,
      retentionDays: 30,
    })
    await ringlane.inbound.saveFlow({
      id: 'claims-line',
      name: 'Claims line',
      numbers: [LINE],
      definition: claimsLine,
    })
    await ringlane.inbound.publishFlow('claims-line', agent)
  })

  it('a caller who presses 2 leaves a message: stored, recorded, transcribed, its owner told, a callback made', async () => {
    const { callId } = await simulator.placeInboundCall({
      from: CALLER,
      to: LINE,
      answers: [{ digits: '2' }],
      messageSeconds: 8,
    })
    const [message] = await until(async () => {
      const found = await ringlane.inbound.voicemails()
      return found.length > 0 && found
    }, 'the voicemail')
    expect(message).toMatchObject({
      boxId: 'claims-box',
      from: CALLER,
      leadId: null,
      durationSeconds: 8,
      heardAt: null,
    })
    const session = await until(() => ringlane.calls.session(message?.sessionId ?? ''), 'the call session')
    expect(session).toMatchObject({
      direction: 'inbound',
      phone: CALLER,
      providerCallId: callId,
      agentId: null,
    })
    // The caller is no attempt on anyone: no lead activity written.
    expect(await countRows(database, 'lead_activity')).toBe(0)
    const call = await ringlane.inbound.call(session.id)
    expect(call?.flowVersion).toBe(1)
    expect(call?.steps.map((step) => [step.stepId, step.detail])).toEqual([
      ['hours', expect.stringMatching(/^open/)],
      ['menu', 'asked (attempt 1 of 2)'],
      ['menu', 'pressed 2: to voicemail'],
      ['voicemail', 'to voicemail box claims-box'],
      ['voicemail', 'left a message (8 s)'],
    ])
    expect(simulator.serverCall(callId)?.played).toEqual([
      { say: 'Press 1 for a claim, 2 to leave a message.' },
      { say: 'Please leave a message after the tone.' },
      { say: 'Thank you. We will call you back. Goodbye.' },
    ])
    const told = await until(
      async () => heard.find((event) => event._tag === 'VoicemailReceived'),
      'the notification',
    )
    expect(told).toMatchObject({
      messageId: message?.id,
      owner: { _tag: 'queue', queueId: 'claims' },
      from: CALLER,
    })
    const [recording] = await until(async () => {
      const found = await ringlane.recordings.list({ sessionId: session.id })
      return found[0]?.status === 'stored' && found
    }, 'the recording stored')
    expect(recording?.durationSeconds).toBe(8)
    await until(async () => heard.some((event) => event._tag === 'TranscriptQueued'), 'the transcript queued')

    const made = await ringlane.inbound.callback(agent, message?.id ?? '')
    expect(made.created).toBe(true)
    const again = await ringlane.inbound.callback(agent, message?.id ?? '')
    expect(again).toMatchObject({ created: false, callbackId: made.callbackId })
    const callbacks = await ringlane.calls.callbacks(agent)
    expect(callbacks).toEqual([
      expect.objectContaining({ id: made.callbackId, phone: CALLER, ownerAgentId: agent }),
    ])
    expect((await ringlane.inbound.voicemail(message?.id ?? ''))?.heardBy).toBe(agent)
    await until(
      async () => (await ringlane.calls.session(session.id))?.status === 'completed',
      'the call ended',
    )
  })

  it("an agent's inbox holds their own box and their queues' boxes; another box's messages are not there for them", async () => {
    const bob = await addAgent(stores.agents, 'bob@example.com')
    const sue = (
      await Effect.runPromise(
        stores.agents.createAgent({
          email: 'sue@example.com',
          displayName: 'Sue',
          role: 'supervisor',
          queueIds: [],
          passwordHash: null,
        }),
      )
    ).id
    await ringlane.routing.saveQueue({ id: 'welsh', name: 'Welsh', agentIds: [bob] }, agent)
    const box = (id: string, owner: Inbound.BoxOwner) =>
      ringlane.inbound.saveBox({
        id,
        name: id,
        owner,
        greeting: { say: 'Leave a message.' },
        maxLengthSeconds: 60,
        retentionDays: 30,
      })
    await box('welsh-box', { _tag: 'queue', queueId: 'welsh' })
    await box('bob-box', { _tag: 'agent', agentId: bob as never })
    let n = 0
    const leave = async (boxId: string) => {
      n += 1
      const phone = `+44770090020${n}` as never
      const session = await Effect.runPromise(
        stores.calls.createSession({
          agentId: null,
          leadId: `caller-44770090020${n}` as never,
          queueId: 'inbound' as never,
          entryId: crypto.randomUUID(),
          phone,
          provider: 'simulator',
          startedAt: new Date(Date.UTC(2026, 10, 26, 9, n)),
          direction: 'inbound',
        }),
      )
      const { message } = await Effect.runPromise(
        stores.inbound.addVoicemail({
          boxId,
          sessionId: session.id,
          from: phone,
          leadId: null,
          providerRecordingId: `RE-${n}`,
          durationSeconds: 5,
          recordedAt: new Date(Date.UTC(2026, 10, 26, 9, n)),
        }),
      )
      return message.id
    }
    const claims = await leave('claims-box')
    const welsh = await leave('welsh-box')
    const bobs = await leave('bob-box')

    // Ann works the claims queue (it takes every agent) and nothing else.
    const annInbox = await ringlane.inbound.inbox(agent)
    expect(annInbox.boxes.map((b) => b.id)).toEqual(['claims-box'])
    expect(annInbox.messages.map((m) => m.id)).toEqual([claims])
    // Bob: the claims queue, the Welsh queue he is named in, and his own box; newest first.
    const bobInbox = await ringlane.inbound.inbox(bob, { unheard: true })
    expect(bobInbox.boxes.map((b) => b.id).sort()).toEqual(['bob-box', 'claims-box', 'welsh-box'])
    expect(bobInbox.messages.map((m) => m.id)).toEqual([bobs, welsh, claims])
    expect((await ringlane.inbound.inbox(bob, { boxId: 'welsh-box' })).messages.map((m) => m.id)).toEqual([
      welsh,
    ])
    expect((await ringlane.inbound.inbox(agent, { boxId: 'bob-box' })).messages).toEqual([])

    // Ann cannot hear, nor call back, Bob's or the Welsh queue's messages: nothing is written.
    const callbacksBefore = await countRows(database, 'callbacks')
    for (const other of [bobs, welsh]) {
      await expect(ringlane.inbound.markHeard(agent, other)).rejects.toMatchObject({
        _tag: 'UnknownVoicemail',
        field: 'messageId',
      })
      await expect(ringlane.inbound.callback(agent, other)).rejects.toMatchObject({
        _tag: 'UnknownVoicemail',
      })
      expect((await ringlane.inbound.voicemail(other))?.heardAt).toBeNull()
    }
    expect(await countRows(database, 'callbacks')).toBe(callbacksBefore)

    // Her own queue's message she hears and calls back; a supervisor reaches every box.
    expect((await ringlane.inbound.markHeard(agent, claims)).heardBy).toBe(agent)
    expect((await ringlane.inbound.callback(agent, claims)).created).toBe(true)
    expect((await ringlane.inbound.inbox(sue)).boxes).toHaveLength(3)
    expect((await ringlane.inbound.callback(sue, bobs, { ownerAgentId: bob })).created).toBe(true)
  })

  it('a silent caller is asked twice then goes to voicemail; words choose as keys do', async () => {
    await simulator.placeInboundCall({
      from: CALLER,
      to: LINE,
      answers: [],
      messageSeconds: 5,
    })
    await until(async () => (await ringlane.inbound.voicemails()).length === 1, 'the silent caller’s message')
    const [left] = await ringlane.inbound.voicemails()
    const session = await until(() => ringlane.calls.session(left?.sessionId ?? ''), 'session')
    const steps = (await ringlane.inbound.call(session.id))?.steps.map((step) => step.detail)
    expect(steps).toContain('no input: asked again (attempt 2 of 2)')
    expect(steps).toContain('no input after 2 attempts: to voicemail')

    const spoken = await simulator.placeInboundCall({
      from: '+447700900124',
      to: LINE,
      answers: [{ speech: 'I have a claim' }],
    })
    await until(
      async () =>
        simulator.serverCall(spoken.callId)?.played.some((p) => 'say' in p && p.say === 'Please hold.'),
      'hold',
    )
  })

  it('a caller who presses 1 waits in the routing queue on hold; with no agent they overflow to voicemail', async () => {
    await ringlane.routing.saveQueue(
      {
        id: 'claims',
        name: 'Claims',
        maxWaitSeconds: 1,
        overflow: { kind: 'voicemail', boxId: 'claims-box' },
      },
      agent,
    )
    const { callId } = await simulator.placeInboundCall({
      from: CALLER,
      to: LINE,
      answers: [{ digits: '1' }],
      messageSeconds: 4,
    })
    await until(async () => heard.some((event) => event._tag === 'ContactQueued'), 'the call queued')
    await until(
      async () => simulator.serverCall(callId)?.played.some((p) => 'say' in p && p.say === 'Please hold.'),
      'hold',
    )
    // Routing rounds (the app runs one every 500 ms) until the max wait passes and the call overflows.
    const [message] = await until(async () => {
      await ringlane.routing.round()
      const found = await ringlane.inbound.voicemails()
      return found.length > 0 && found
    }, 'the overflowed voicemail')
    expect(heard.find((event) => event._tag === 'ContactOverflowed')).toMatchObject({
      reason: 'max-wait',
      target: { kind: 'voicemail' },
    })
    const steps = (await ringlane.inbound.call(message?.sessionId ?? ''))?.steps.map((step) => step.detail)
    expect(steps).toEqual(
      expect.arrayContaining([
        'to queue claims',
        'no agent (max-wait): to voicemail box claims-box',
        'left a message (4 s)',
      ]),
    )
  })

  it('a caller who says "claim" walks the menu to an available agent: routing connects them to her line', async () => {
    await ringlane.agents.changeState(agent, 'available')
    const { callId } = await simulator.placeInboundCall({
      from: CALLER,
      to: LINE,
      answers: [{ speech: 'I have a claim' }],
    })
    const connected = await until(async () => {
      await ringlane.routing.round()
      return heard.find((event) => event._tag === 'ContactConnected')
    }, 'the call connected')
    expect(connected).toMatchObject({ queueId: 'claims', agentId: agent })
    // The caller is in the agent's own conference, where her browser line waits (auto mode).
    expect(simulator.serverCall(callId)?.conference).toBe(`ringlane-agent-${agent}`)
    const session = await until(async () => {
      const found = await ringlane.calls.session((connected as { callId: string }).callId)
      return found?.agentId === agent && found
    }, 'the session given to the agent')
    expect(session).toMatchObject({ direction: 'inbound', status: 'in-progress' })
    expect(await ringlane.agents.state(agent)).toMatchObject({ state: 'on_call' })
    expect((await ringlane.inbound.call(session.id))?.steps.map((step) => step.stepId)).toEqual([
      'hours',
      'menu',
      'menu',
      'queue',
    ])
    // Her desk: she takes live calls, and this one is on it, from a caller no lead has.
    expect(await ringlane.inbound.desk(agent)).toMatchObject({
      takesCalls: true,
      call: {
        sessionId: session.id,
        status: 'in-progress',
        caller: { _tag: 'UnknownCaller', phone: CALLER },
      },
    })
    // Ended, it stays on her desk until she records its outcome; then it is gone.
    await ringlane.calls.hangUp(agent, session.id)
    await until(
      async () => (await ringlane.inbound.desk(agent)).call?.status === 'completed',
      'the call ended',
    )
    await ringlane.calls.recordOutcome(agent, { sessionId: session.id, disposition: 'not_interested' })
    expect(await ringlane.inbound.desk(agent)).toEqual({ takesCalls: true, call: null })
    // An agent who works no live-call queue takes none.
    await ringlane.routing.saveQueue(
      { id: 'claims', name: 'Claims', agentIds: [await addAgent(stores.agents, 'zed@example.com')] },
      agent,
    )
    expect((await ringlane.inbound.desk(agent)).takesCalls).toBe(false)
  })

  it('an AI agent step gives the call to the AI agent, which hands it through routing to a person', async () => {
    const AI_LINE = '+447700900002'
    const toAi = (agentId: string) => ({
      id: 'ai-line',
      name: 'AI line',
      numbers: [AI_LINE],
      definition: { start: 'ai', steps: [{ _tag: 'ai-agent' as const, id: 'ai', agentId }] },
    })
    // Refused, naming the step, while there is no such AI agent.
    await expect(ringlane.inbound.saveFlow(toAi('claims-ai'))).rejects.toMatchObject({
      _tag: 'InvalidFlow',
      step: 'ai',
      field: 'steps.ai.agentId',
    })
    await ringlane.voiceAi.saveAgent({
      id: 'claims-ai',
      name: 'Claims assistant',
      instructions: 'Answer the claims line.',
      providers: ['simulator'],
      handoffQueueId: 'claims',
    })
    await ringlane.inbound.saveFlow(toAi('claims-ai'))
    await ringlane.inbound.publishFlow('ai-line', agent)
    await ringlane.agents.changeState(agent, 'available')
    const { callId } = await simulator.placeInboundCall({ from: CALLER, to: AI_LINE, answers: [] })
    const [aiSession] = await until(async () => {
      const found = await ringlane.voiceAi.recentSessions(5)
      return found[0]?.status === 'handed-off' && found
    }, 'the AI session handed off')
    expect(aiSession).toMatchObject({ providerCallId: callId, campaignId: null, agentId: 'claims-ai' })
    expect(aiSession?.turns.map((turn) => turn.text)).toEqual([
      'Hello, the claims line.',
      'A person, please.',
      'Can I speak to a person, please?',
    ])
    // Routing connects Ann to the caller as for any call in its queue.
    const connected = await until(async () => {
      await ringlane.routing.round()
      return heard.find((event) => event._tag === 'ContactConnected')
    }, 'the call connected')
    expect(connected).toMatchObject({ queueId: 'claims', agentId: agent, callId: aiSession?.callId })
    expect(simulator.serverCall(callId)?.conference).toBe(`ringlane-agent-${agent}`)
    expect((await ringlane.inbound.call(aiSession?.callId ?? ''))?.steps.map((step) => step.detail)).toEqual([
      'to AI agent claims-ai',
    ])
  })

  it('a number no published flow answers hears it does not take calls, and nothing is written', async () => {
    const { callId } = await simulator.placeInboundCall({ from: CALLER, to: '+447700900999', answers: [] })
    await until(async () => simulator.serverCall(callId)?.status === 'completed', 'the hang-up')
    expect(simulator.serverCall(callId)?.played).toEqual([{ say: 'Sorry, this number does not take calls.' }])
    expect(await countRows(database, 'call_sessions')).toBe(0)
  })

  it('refuses a flow that loops without an exit, naming the step, and keeps the published version', async () => {
    const looping = {
      ...claimsLine,
      steps: claimsLine.steps
        .map((step) => (step.id === 'hours' ? { ...step, whenClosed: 'again' } : step))
        .concat([{ _tag: 'say', id: 'again', text: 'Still closed', next: 'hours' }]),
    }
    // Open all week, so the loop never runs today: it is still refused.
    const refused = await ringlane.inbound
      .saveFlow({ id: 'claims-line', name: 'Claims line', numbers: [LINE], definition: looping })
      .catch((error) => error)
    expect(refused).toMatchObject({ _tag: 'InvalidFlow', step: 'hours' })
    expect((await ringlane.inbound.flow('claims-line'))?.definition).toEqual(claimsLine)
    const unknownQueue = await ringlane.inbound
      .saveFlow({
        id: 'other',
        name: 'Other',
        numbers: [],
        definition: { start: 'q', steps: [{ _tag: 'queue', id: 'q', queueId: 'sales', hold: null }] },
      })
      .catch((error) => error)
    expect(unknownQueue).toMatchObject({ _tag: 'InvalidFlow', step: 'q', field: 'steps.q.queueId' })
    expect(await countRows(database, 'inbound_flows')).toBe(1)
  })

  it('the tester walks the draft with given inputs at a given time', async () => {
    const test = await ringlane.inbound.testFlow('claims-line', {
      inputs: [{ digits: '9' }, { speech: 'claim' }],
      at: new Date('2026-11-30T12:00:00Z'),
    })
    expect(test.visits.map((visit) => visit.stepId)).toEqual(['hours', 'menu', 'menu', 'menu', 'queue'])
    expect(test.end).toMatchObject({ _tag: 'Queue', queueId: 'claims' })
  })
})
