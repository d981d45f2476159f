import { Calls, type E164, Telephony } from '@ringlane/core'
import { describeTelephonyConformance } from '@ringlane/core/testing'
import { Effect, Redacted, Schema } from 'effect'
import fc from 'fast-check'
import { setupServer } from 'msw/node'
import twilio from 'twilio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessTokenConfig } from '../access-token.js'
import { createFakeTwilioAccount } from '../testing/twilio-rest.js'
import { signedLikeTwilio } from '../twilio.test.support.js'
import { twilioTelephony } from './twilio-telephony.js'

const accountSid = `AC${'1'.repeat(32)}`
const authToken = 'conformance-auth-token'
const publicBaseUrl = 'https://dialler.example.com'
const account = createFakeTwilioAccount({ accountSid, authToken })
const server = setupServer(...account.handlers)

const telephony = twilioTelephony({
  client: twilio(accountSid, authToken),
  credentials: { username: accountSid, password: Redacted.make(authToken) },
  accessToken: Schema.decodeUnknownSync(AccessTokenConfig)({
    accountSid,
    apiKeySid: `SK${'2'.repeat(32)}`,
    apiKeySecret: 'api-key-secret',
    twimlAppSid: `AP${'3'.repeat(32)}`,
  }),
  webhooks: { authToken: Redacted.make(authToken), publicBaseUrl },
  callerId: '+441632960001',
})

/** Signed like Twilio, over the public URL with the session in its query. */
const signed = (path: string, sessionId: string, params: Record<string, string>) =>
  signedLikeTwilio(
    authToken,
    `${publicBaseUrl}${path}?${Calls.SESSION_PARAM}=${encodeURIComponent(sessionId)}`,
    params,
  )

/** The browser's Device calls in; Twilio runs the voice webhook's answer, the agent-leg TwiML. */
const agentLegWaiting = async (agent: string) => {
  const sid = account.addCall({
    to: '',
    from: `client:${agent}`,
    status: 'in-progress',
    start_time: 'Fri, 20 Nov 2026 10:00:00 +0000',
  })
  account.runTwiml(sid, (await Effect.runPromise(telephony.agentLegInstructions(agent))).body)
  return sid
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

describeTelephonyConformance('@ringlane/twilio', async () => ({
  telephony,
  signedCallStatus: ({ providerCallId, sessionId, status, durationSeconds }) =>
    signed('/webhooks/twilio/call-status', sessionId, {
      AccountSid: accountSid,
      CallSid: providerCallId,
      CallStatus: status,
      Timestamp: 'Fri, 20 Nov 2026 10:00:05 +0000',
      ...(durationSeconds !== undefined && { CallDuration: String(durationSeconds) }),
    }),
  signedRecordingStatus: ({ providerCallId, providerRecordingId, sessionId, durationSeconds }) =>
    signed('/webhooks/twilio/recording-status', sessionId, {
      AccountSid: accountSid,
      CallSid: providerCallId,
      RecordingSid: providerRecordingId,
      RecordingStatus: 'completed',
      RecordingDuration: String(durationSeconds),
      RecordingChannels: '2',
      RecordingUrl: account.recordingUrl(providerRecordingId),
      RecordingStartTime: 'Fri, 20 Nov 2026 10:00:09 +0000',
    }),
  signedMalformedCallStatus: () =>
    signed('/webhooks/twilio/call-status', 's', { AccountSid: accountSid, CallStatus: 'exploded' }),
  knownCall: async () => {
    const sid = account.addCall({
      to: '+447700900123',
      from: '+441632960001',
      status: 'completed',
      duration: '61',
      answered_by: 'human',
      start_time: 'Fri, 20 Nov 2026 10:00:00 +0000',
      end_time: 'Fri, 20 Nov 2026 10:01:10 +0000',
    })
    return { providerCallId: sid, status: 'completed' }
  },
  knownRecording: async () => {
    const sid = account.newSid('RE')
    account.recordings.set(sid, new Uint8Array(2000).fill(1))
    return { providerRecordingId: sid, mediaUrl: account.recordingUrl(sid) }
  },
  // Twilio's async AMD callback: the call, who answered and how long detection took; no status.
  signedMachineDetection: ({ providerCallId, sessionId, answeredBy }) =>
    signed('/webhooks/twilio/call-status', sessionId, {
      AccountSid: accountSid,
      CallSid: providerCallId,
      AnsweredBy: answeredBy === 'machine' ? 'machine_start' : 'human',
      MachineDetectionDuration: '2400',
    }),
  answeredServerCall: async () => {
    const sid = account.addCall({
      to: '+447700900124',
      from: '+441632960002',
      status: 'in-progress',
      answered_by: 'human',
      start_time: 'Fri, 20 Nov 2026 10:00:00 +0000',
    })
    return sid
  },
  agentLegWaiting: async (agent) => {
    await agentLegWaiting(agent)
  },
  close: async () => undefined,
}))

describe('Twilio call instructions (TwiML)', () => {
  it('dials the lead with the caller id, records both channels from answer, and asks for every status', async () => {
    const twiml = await Effect.runPromise(
      telephony.outboundCallInstructions({
        sessionId: 'a0b1c2d3-0000-4000-8000-000000000001',
        to: '+447700900123' as E164,
        callerId: null,
        record: true,
        machineDetection: true,
      }),
    )
    expect(twiml.contentType).toBe('text/xml')
    expect(twiml.body).toContain('callerId="+441632960001"')
    expect(twiml.body).toContain('record="record-from-answer-dual"')
    expect(twiml.body).toContain(
      'recordingStatusCallback="https://dialler.example.com/webhooks/twilio/recording-status?ringlaneSession=a0b1c2d3-0000-4000-8000-000000000001"',
    )
    expect(twiml.body).toContain('statusCallbackEvent="initiated ringing answered completed"')
    expect(twiml.body).toContain('machineDetection="Enable"')
    expect(twiml.body).toMatch(/<Number [^>]*>\+447700900123<\/Number>/)
  })

  it('places a server call with asynchronous machine detection, the ring timeout and the caller id', async () => {
    const placed = await Effect.runPromise(
      telephony.placeCall({
        sessionId: 'a0b1c2d3-0000-4000-8000-000000000002',
        to: '+447700900124' as E164,
        callerId: '+441632960002',
        ringTimeoutSeconds: 25,
        machineDetection: true,
      }),
    )
    const call = account.calls.get(placed.providerCallId)
    expect(call).toMatchObject({ to: '+447700900124', from: '+441632960002', status: 'queued' })
    const callback = `${publicBaseUrl}/webhooks/twilio/call-status?ringlaneSession=a0b1c2d3-0000-4000-8000-000000000002`
    // The REST parameters Twilio documents for async AMD on Calls.json.
    expect(call?.placed_with).toMatchObject({
      Timeout: '25',
      MachineDetection: 'Enable',
      AsyncAmd: 'true',
      AsyncAmdStatusCallback: callback,
      AsyncAmdStatusCallbackMethod: 'POST',
      StatusCallback: callback,
    })
    // Answered, the lead waits in silence for the engine's next instruction.
    expect(call?.placed_with?.Twiml).toMatch(/<Pause length="60"\/>/)
  })

  it('places a call without detection when the campaign does not ask for it', async () => {
    const placed = await Effect.runPromise(
      telephony.placeCall({
        sessionId: 'a0b1c2d3-0000-4000-8000-000000000003',
        to: '+447700900125' as E164,
        callerId: '+441632960002',
        ringTimeoutSeconds: 15,
        machineDetection: false,
      }),
    )
    const sent = account.calls.get(placed.providerCallId)?.placed_with ?? {}
    expect(sent.MachineDetection).toBeUndefined()
    expect(sent.AsyncAmd).toBeUndefined()
  })

  const liveCall = () => {
    const sid = account.addCall({
      to: '+447700900126',
      from: '+441632960002',
      status: 'in-progress',
      updates: [],
    })
    return sid
  }

  it("joins an answered call to the agent's own conference by updating the live call's TwiML", async () => {
    const sid = liveCall()
    await Effect.runPromise(telephony.connectToAgent(sid, 'agent-7'))
    const [update] = account.calls.get(sid)?.updates ?? []
    expect(update?.Twiml).toMatch(
      /<Dial><Conference [^>]*endConferenceOnExit="false"[^>]*>ringlane-agent-agent-7<\/Conference><\/Dial>/,
    )
  })

  it('puts the ready agent in their conference, which ends when they leave', async () => {
    const { body } = await Effect.runPromise(telephony.agentLegInstructions('agent-7'))
    expect(body).toMatch(
      /<Conference [^>]*endConferenceOnExit="true"[^>]*>ringlane-agent-agent-7<\/Conference>/,
    )
    expect(body).toContain('startConferenceOnEnter="true"')
  })

  it('plays a message then hangs up, and ends calls (one that already ended is not an error)', async () => {
    const sid = liveCall()
    await Effect.runPromise(telephony.playMessageAndHangUp(sid, { say: 'Sorry we missed you.' }))
    expect(account.calls.get(sid)?.updates?.[0]?.Twiml).toMatch(/<Say>Sorry we missed you.<\/Say><Hangup\/>/)
    await Effect.runPromise(telephony.endCall(sid))
    expect(account.calls.get(sid)?.updates?.[1]).toEqual({ Status: 'completed' })
    await Effect.runPromise(telephony.endCall(sid))
    // Twilio answers 404 for a call it does not know: nothing to end, and it says so.
    expect(await Effect.runPromise(telephony.endCall('CAnotacall'))).toBe(false)
  })

  it('reads every AMD verdict Twilio documents, and only those, as who answered', async () => {
    // Twilio's AnsweredBy values: a person, a machine (start, end after a beep, silence, other), a
    // fax, or unknown.
    const documented = {
      human: 'human',
      machine_start: 'machine',
      machine_end_beep: 'machine',
      machine_end_silence: 'machine',
      machine_end_other: 'machine',
      fax: 'machine',
      unknown: 'unknown',
    } as const
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(documented) as Array<keyof typeof documented>)),
        fc.stringMatching(/^CA[0-9a-f]{32}$/),
        async (verdict, callSid) => {
          const event = await Effect.runPromise(
            telephony.parseCallEvent({ CallSid: callSid, AnsweredBy: verdict }),
          )
          expect(event).toMatchObject({ providerCallId: callSid, status: 'in-progress' })
          expect(event.answeredBy).toBe(documented[verdict])
        },
      ),
    )
    // No verdict and no status is not a call event.
    const missing = await Effect.runPromise(Effect.flip(telephony.parseCallEvent({ CallSid: 'CA12' })))
    expect(missing._tag).toBe('InvalidWebhook')
  })

  it('reads the asynchronous AMD callback (who answered, no status) as an answered call', async () => {
    const event = await Effect.runPromise(
      telephony.parseCallEvent({
        AccountSid: accountSid,
        CallSid: 'CA10',
        AnsweredBy: 'machine_end_beep',
        MachineDetectionDuration: '3100',
        [Calls.SESSION_PARAM]: 's-10',
      }),
    )
    expect(event).toMatchObject({ providerCallId: 'CA10', status: 'in-progress', answeredBy: 'machine' })
    const human = await Effect.runPromise(telephony.parseCallEvent({ CallSid: 'CA11', AnsweredBy: 'human' }))
    expect(human.answeredBy).toBe('human')
  })

  it('maps answering machines, and reads a call it looked up', async () => {
    const params = {
      CallSid: 'CA9',
      CallStatus: 'in-progress',
      AnsweredBy: 'machine_end_beep',
      Timestamp: 'Fri, 20 Nov 2026 10:00:05 +0000',
    }
    expect((await Effect.runPromise(telephony.parseCallEvent(params))).answeredBy).toBe('machine')
  })
})

describe("Twilio conference participants (hold, consult, coaching) as Twilio's REST API documents them", () => {
  const sent: Array<{ method: string; path: string; form: URLSearchParams }> = []
  const listener = async ({ request }: { request: Request }) => {
    const { pathname } = new URL(request.url)
    if (!/\/(Conferences|Calls)\//.test(pathname)) return
    sent.push({
      method: request.method,
      path: pathname,
      form: new URLSearchParams(await request.clone().text()),
    })
  }
  beforeAll(() => server.events.on('request:start', listener))
  afterAll(() => server.events.removeListener('request:start', listener))
  const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
  const leg = agentLegWaiting

  it("hands the agent's conference to their newer line (a reload): the caller stays, the older line hangs up", async () => {
    const older = await leg('cy-9')
    const caller = account.newSid('CA')
    account.calls.set(caller, {
      sid: caller,
      to: '+447700900127',
      from: '+441632960001',
      status: 'in-progress',
      duration: null,
      answered_by: 'human',
      start_time: null,
      end_time: null,
    })
    await run(telephony.connectToAgent(caller, 'cy-9'))
    const conference = Telephony.agentConference('cy-9')
    sent.length = 0
    const newer = await leg('cy-9')
    // The older line is told not to end the conference, then removed (Twilio refuses a second "agent").
    const calm = sent.find((r) => r.method === 'POST' && r.path.endsWith('/Participants/agent.json'))
    expect(calm?.form.get('EndConferenceOnExit')).toBe('false')
    expect(sent.some((r) => r.method === 'DELETE' && r.path.endsWith('/Participants/agent.json'))).toBe(true)
    expect(account.calls.get(older)?.status).toBe('completed')
    expect(account.calls.get(caller)?.status).toBe('in-progress')
    const participants = await run(telephony.conferenceParticipants(conference))
    expect(participants.map((p) => [p.label, p.providerCallId]).sort()).toEqual(
      [
        ['agent', newer],
        ['caller', caller],
      ].sort(),
    )
  })

  it('labels the agent and the caller, holds by label, coaches with CallSidToCoach, and sends a consulted leg home', async () => {
    const annLeg = await leg('ann-9')
    const bobLeg = await leg('bob-9')
    const caller = account.addCall({
      to: '+447700900126',
      from: '+441632960001',
      status: 'in-progress',
      answered_by: 'human',
    })
    // What Ann's line was told (asked for again it would take over from her line: see the next test).
    const agentLeg = await run(telephony.agentLegInstructions('ann-10'))
    expect(agentLeg.body).toMatch(
      /<Conference [^>]*participantLabel="agent"[^>]*>ringlane-agent-ann-10<\/Conference>/,
    )
    expect(agentLeg.body).toContain('endConferenceOnExit="true"')
    await run(telephony.connectToAgent(caller, 'ann-9'))
    const conference = Telephony.agentConference('ann-9')
    sent.length = 0

    await run(telephony.holdParticipant(conference, 'caller', true))
    const hold = sent.find((r) => r.method === 'POST' && r.path.endsWith('/Participants/caller.json'))
    expect(hold?.form.get('Hold')).toBe('true')

    await run(
      telephony.addParticipant(conference, {
        label: Telephony.participantLabels.supervisor('sup-9'),
        target: { kind: 'client', identity: 'sup-9' },
        muted: false,
        coaching: annLeg,
      }),
    )
    const added = sent.find((r) => r.method === 'POST' && r.path.endsWith('/Participants.json'))
    expect(Object.fromEntries(added?.form ?? [])).toMatchObject({
      From: '+441632960001',
      To: 'client:sup-9',
      Label: 'supervisor:sup-9',
      Muted: 'false',
      Beep: 'false',
      EndConferenceOnExit: 'false',
      Coaching: 'true',
      CallSidToCoach: annLeg,
    })
    await run(telephony.updateParticipant(conference, 'supervisor:sup-9', { muted: false, coaching: null }))
    const barge = sent.filter((r) => r.path.endsWith('/Participants/supervisor%3Asup-9.json')).at(-1)
    expect(Object.fromEntries(barge?.form ?? [])).toEqual({ Muted: 'false', Coaching: 'false' })

    sent.length = 0
    await run(
      telephony.addParticipant(conference, {
        label: 'agent:bob-9',
        target: { kind: 'agent-leg', agentIdentity: 'bob-9' },
        muted: false,
        coaching: null,
      }),
    )
    // Bob's own leg is redirected into Ann's conference with a label, and ends nothing when it leaves.
    const moved = sent.find((r) => r.path.endsWith(`/Calls/${bobLeg}.json`))
    expect(moved?.form.get('Twiml')).toMatch(/participantLabel="agent:bob-9"[^>]*>ringlane-agent-ann-9</)
    expect(moved?.form.get('Twiml')).toContain('endConferenceOnExit="false"')
    sent.length = 0
    expect(await run(telephony.removeParticipant(conference, 'agent:bob-9'))).toBe(true)
    // Going home is a redirect back to his own conference, not a hang-up.
    expect(sent.some((r) => r.method === 'DELETE')).toBe(false)
    expect(sent.find((r) => r.path.endsWith(`/Calls/${bobLeg}.json`))?.form.get('Twiml')).toContain(
      '>ringlane-agent-bob-9</Conference>',
    )
    expect(account.calls.get(bobLeg)?.status).toBe('in-progress')
    expect(await run(telephony.removeParticipant(conference, 'supervisor:sup-9'))).toBe(true)
    expect(
      sent.some((r) => r.method === 'DELETE' && r.path.endsWith('/Participants/supervisor%3Asup-9.json')),
    ).toBe(true)
  })
})
