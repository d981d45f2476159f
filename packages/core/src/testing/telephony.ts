import { Effect, Option } from 'effect'
import { describe, expect, it } from 'vitest'
import type { E164 } from '../kernel/phone-numbers.js'
import type { CallStatus } from '../telephony/call-event.js'
import {
  agentConference,
  type ConferenceParticipant,
  participantLabels,
  type TelephonyService,
  type WebhookRequest,
} from '../telephony/telephony.js'
import { withFixture } from './suite.js'

export interface TelephonyFixture {
  readonly telephony: TelephonyService
  /** A call-status webhook exactly as the provider sends it, correctly signed. */
  readonly signedCallStatus: (call: {
    readonly providerCallId: string
    readonly sessionId: string
    readonly status: CallStatus
    readonly durationSeconds?: number
  }) => WebhookRequest
  /** A recording-status webhook as the provider sends it, correctly signed. */
  readonly signedRecordingStatus: (recording: {
    readonly providerCallId: string
    readonly providerRecordingId: string
    readonly sessionId: string
    readonly durationSeconds: number
  }) => WebhookRequest
  /** A correctly signed call-status webhook whose body makes no sense (no call id, no status). */
  readonly signedMalformedCallStatus: () => WebhookRequest
  /** A call the provider knows about, and the status it reports for it. */
  readonly knownCall: () => Promise<{ readonly providerCallId: string; readonly status: CallStatus }>
  /** A finished recording the provider holds. */
  readonly knownRecording: () => Promise<{
    readonly providerRecordingId: string
    readonly mediaUrl: string | null
  }>
  /** The asynchronous machine-detection callback as the provider sends it, correctly signed. */
  readonly signedMachineDetection: (call: {
    readonly providerCallId: string
    readonly sessionId: string
    readonly answeredBy: 'human' | 'machine'
  }) => WebhookRequest
  /** A server-placed call the provider has answered and is still live. */
  readonly answeredServerCall: () => Promise<string>
  /**
   * The agent's browser leg, dialled in as in auto mode: the provider ran `agentLegInstructions` for it,
   * so it waits in the agent's own conference.
   */
  readonly agentLegWaiting: (agentIdentity: string) => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const fail = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(Effect.flip(effect))

/** Changes one parameter of a form body after it was signed. */
const tamper = (request: WebhookRequest): WebhookRequest => {
  const form = new URLSearchParams(request.body)
  const [first] = [...form.keys()]
  if (first) form.set(first, `${form.get(first)}x`)
  return { ...request, body: form.toString() }
}

/**
 * The contract of a telephony adapter. An adapter author implements `TelephonyService` and runs this
 * suite in one line, with a fixture that can sign webhooks as the provider would.
 */
export const describeTelephonyConformance = (name: string, setup: () => Promise<TelephonyFixture>) =>
  describe(`Telephony conformance: ${name}`, () => {
    let fixture: TelephonyFixture
    let telephony: TelephonyService
    withFixture(setup, (opened) => {
      fixture = opened
      telephony = fixture.telephony
    })

    it('issues a browser token for an agent identity, and refuses a malformed identity', async () => {
      const token = await run(telephony.accessToken('agent-7'))
      expect(token.identity).toBe('agent-7')
      expect(token.token.length).toBeGreaterThan(20)
      expect(+token.expiresAt).toBeGreaterThan(Date.now())
      expect((await fail(telephony.accessToken('not an identity!'))).message).toMatch(/identity/)
    })

    it('tells the provider to dial the validated number for the session', async () => {
      const instructions = await run(
        telephony.outboundCallInstructions({
          sessionId: '4f2c9b8e-6d3a-4c1b-9e7f-0a1b2c3d4e5f',
          to: '+447700900123' as E164,
          callerId: '+441632960001',
          record: true,
          machineDetection: false,
        }),
      )
      expect(instructions.contentType).not.toBe('')
      expect(instructions.body).toContain('+447700900123')
      expect(instructions.body).toContain('4f2c9b8e-6d3a-4c1b-9e7f-0a1b2c3d4e5f')
    })

    it('accepts a signed webhook and rejects a missing signature or a tampered body', async () => {
      const request = fixture.signedCallStatus({
        providerCallId: 'CAconformance1',
        sessionId: 's-1',
        status: 'ringing',
      })
      const params = await run(telephony.verifyWebhook(request))
      expect(Object.values(params)).toContain('CAconformance1')
      const { headers: _, ...unsigned } = request
      expect(await fail(telephony.verifyWebhook({ ...unsigned, headers: {} }))).toMatchObject({
        _tag: 'WebhookRejected',
        reason: 'missing-signature',
      })
      expect(await fail(telephony.verifyWebhook(tamper(request)))).toMatchObject({
        _tag: 'WebhookRejected',
        reason: 'bad-signature',
      })
    })

    it('turns status webhooks into call events, and names what is wrong with a malformed one', async () => {
      const ringing = await run(
        Effect.flatMap(
          telephony.verifyWebhook(
            fixture.signedCallStatus({
              providerCallId: 'CAconformance2',
              sessionId: 's-2',
              status: 'ringing',
            }),
          ),
          telephony.parseCallEvent,
        ),
      )
      expect(ringing).toMatchObject({ providerCallId: 'CAconformance2', sessionId: 's-2', status: 'ringing' })
      expect(ringing.occurredAt).toBeInstanceOf(Date)
      const completed = await run(
        Effect.flatMap(
          telephony.verifyWebhook(
            fixture.signedCallStatus({
              providerCallId: 'CAconformance2',
              sessionId: 's-2',
              status: 'completed',
              durationSeconds: 42,
            }),
          ),
          telephony.parseCallEvent,
        ),
      )
      expect(completed).toMatchObject({ status: 'completed', durationSeconds: 42 })
      const malformed = await run(telephony.verifyWebhook(fixture.signedMalformedCallStatus()))
      const error = await fail(telephony.parseCallEvent(malformed))
      expect(error._tag).toBe('InvalidWebhook')
      expect(error.field).not.toBe('')
    })

    it('turns recording webhooks into recording events', async () => {
      const params = await run(
        telephony.verifyWebhook(
          fixture.signedRecordingStatus({
            providerCallId: 'CAconformance3',
            providerRecordingId: 'REconformance3',
            sessionId: 's-3',
            durationSeconds: 17,
          }),
        ),
      )
      expect(await run(telephony.parseRecordingEvent(params))).toMatchObject({
        providerCallId: 'CAconformance3',
        providerRecordingId: 'REconformance3',
        sessionId: 's-3',
        status: 'completed',
        durationSeconds: 17,
      })
    })

    it('looks calls up: a known call with its status, an unknown one as none', async () => {
      const known = await fixture.knownCall()
      const found = await run(telephony.lookupCall(known.providerCallId))
      expect(Option.getOrThrow(found)).toMatchObject({
        providerCallId: known.providerCallId,
        status: known.status,
      })
      expect(Option.isNone(await run(telephony.lookupCall('CAnobodyknowsthiscall0000000000000')))).toBe(true)
    })

    it('ends a known call from the server, and says when it does not know the call', async () => {
      const known = await fixture.knownCall()
      expect(await run(telephony.endCall(known.providerCallId))).toBe(true)
      const after = Option.getOrThrow(await run(telephony.lookupCall(known.providerCallId)))
      expect(['completed', 'canceled', 'busy', 'no-answer', 'failed']).toContain(after.status)
      expect(await run(telephony.endCall('CAnobodyknowsthiscall0000000000000'))).toBe(false)
    })

    it('downloads a finished recording, and says so when it cannot', async () => {
      const recording = await fixture.knownRecording()
      const media = await run(telephony.fetchRecording(recording))
      expect(media.bytes.byteLength).toBeGreaterThan(44)
      expect(media.contentType).toMatch(/audio/)
      expect(
        (
          await fail(
            telephony.fetchRecording({
              providerRecordingId: 'REmissing',
              mediaUrl: `${recording.mediaUrl ?? ''}missing`,
            }),
          )
        )._tag,
      ).toBe('TelephonyError')
    })

    it('places a server call with machine detection, and knows the call it placed', async () => {
      const placed = await run(
        telephony.placeCall({
          sessionId: '4f2c9b8e-6d3a-4c1b-9e7f-0a1b2c3d4e60',
          to: '+447700900124' as E164,
          callerId: '+441632960002',
          ringTimeoutSeconds: 20,
          machineDetection: true,
        }),
      )
      expect(placed.providerCallId).not.toBe('')
      expect(Option.isSome(await run(telephony.lookupCall(placed.providerCallId)))).toBe(true)
    })

    it('reads the machine-detection callback as an answered call and who answered it', async () => {
      for (const answeredBy of ['human', 'machine'] as const) {
        const params = await run(
          telephony.verifyWebhook(
            fixture.signedMachineDetection({
              providerCallId: 'CAconformance4',
              sessionId: 's-4',
              answeredBy,
            }),
          ),
        )
        expect(await run(telephony.parseCallEvent(params))).toMatchObject({
          providerCallId: 'CAconformance4',
          sessionId: 's-4',
          status: 'in-progress',
          answeredBy,
        })
      }
    })

    it("connects an answered call to the agent's conference, plays a message, ends calls", async () => {
      const connected = await fixture.answeredServerCall()
      await run(telephony.connectToAgent(connected, 'agent-7'))
      await run(telephony.endCall(connected))
      // Ending an ended call is not an error: a webhook and the engine may both end one.
      await run(telephony.endCall(connected))
      const abandoned = await fixture.answeredServerCall()
      await run(
        telephony.playMessageAndHangUp(abandoned, { say: 'Sorry, nobody is free to take your call.' }),
      )
      // A call the provider does not know is no error either: it says so.
      expect(await run(telephony.endCall('CAnobodyknowsthiscall0000000000001'))).toBe(false)
    })

    it("puts a ready agent's browser leg in their own conference", async () => {
      const instructions = await run(telephony.agentLegInstructions('agent-7'))
      expect(instructions.body).toContain(agentConference('agent-7'))
      expect(instructions.body).not.toContain(agentConference('agent-8'))
    })

    it('holds, adds, coaches and removes conference participants, and reports each state', async () => {
      const [ann, bob] = ['agent-21', 'agent-22']
      await fixture.agentLegWaiting(ann)
      await fixture.agentLegWaiting(bob)
      const caller = await fixture.answeredServerCall()
      await run(telephony.connectToAgent(caller, ann))
      const conference = agentConference(ann)
      const now = async () => {
        const list = await run(telephony.conferenceParticipants(conference))
        return new Map(list.map((p) => [p.label, p] as const))
      }
      const state = (p: ConferenceParticipant | undefined) =>
        p && { hold: p.hold, muted: p.muted, coaching: p.coaching }
      const settled = { hold: false, muted: false, coaching: null }
      const people = await now()
      expect([...people.keys()].sort()).toEqual(['agent', 'caller'])
      expect(people.get('caller')?.providerCallId).toBe(caller)
      expect(state(people.get('caller'))).toEqual(settled)
      const annLeg = people.get('agent')?.providerCallId ?? ''

      // Hold: the caller hears music and nobody hears them; then back.
      await run(telephony.holdParticipant(conference, participantLabels.caller, true))
      expect((await now()).get('caller')?.hold).toBe(true)
      await run(telephony.holdParticipant(conference, participantLabels.caller, false))
      expect(state((await now()).get('caller'))).toEqual(settled)

      // Another agent's waiting leg comes over (a consult), then goes home to wait again.
      const visiting = participantLabels.visitingAgent(bob)
      await run(
        telephony.addParticipant(conference, {
          label: visiting,
          target: { kind: 'agent-leg', agentIdentity: bob },
          muted: false,
          coaching: null,
        }),
      )
      expect(state((await now()).get(visiting))).toEqual(settled)
      expect(await run(telephony.conferenceParticipants(agentConference(bob)))).toEqual([])
      expect(await run(telephony.removeParticipant(conference, visiting))).toBe(true)
      expect((await now()).has(visiting)).toBe(false)
      const home = await run(telephony.conferenceParticipants(agentConference(bob)))
      expect(home.map((p) => p.label)).toEqual([participantLabels.agent])

      // A supervisor: listens muted, whispers to the agent only, barges in, leaves.
      const supervisor = participantLabels.supervisor('sup-1')
      await run(
        telephony.addParticipant(conference, {
          label: supervisor,
          target: { kind: 'client', identity: 'sup-1' },
          muted: true,
          coaching: null,
        }),
      )
      expect(state((await now()).get(supervisor))).toEqual({ hold: false, muted: true, coaching: null })
      await run(telephony.updateParticipant(conference, supervisor, { muted: false, coaching: annLeg }))
      expect(state((await now()).get(supervisor))).toEqual({ hold: false, muted: false, coaching: annLeg })
      await run(telephony.updateParticipant(conference, supervisor, { muted: false, coaching: null }))
      expect(state((await now()).get(supervisor))).toEqual(settled)
      expect(await run(telephony.removeParticipant(conference, supervisor))).toBe(true)
      expect(await run(telephony.removeParticipant(conference, supervisor))).toBe(false)

      // An outside number rung in (a three-way call).
      const guest = participantLabels.guest('+447700900125')
      await run(
        telephony.addParticipant(conference, {
          label: guest,
          target: { kind: 'number', to: '+447700900125' as E164, callerId: null },
          muted: false,
          coaching: null,
        }),
      )
      expect((await now()).has(guest)).toBe(true)
      expect(await run(telephony.removeParticipant(conference, guest))).toBe(true)

      // The caller leaves to wait for another agent (a transfer to a queue).
      await run(telephony.waitForAgent(caller))
      expect([...(await now()).keys()]).toEqual(['agent'])
      await run(telephony.endCall(caller))
      // A conference nobody is in has nobody to list, and nobody to update.
      expect(await run(telephony.conferenceParticipants(agentConference('agent-nobody')))).toEqual([])
      expect(
        (await fail(telephony.holdParticipant(agentConference('agent-nobody'), 'caller', true)))._tag,
      ).toBe('TelephonyError')
    })
  })

/** A telephony whose every method but the given ones dies: for a test that needs one or two of them. */
export const telephonyWith = (
  provider: string,
  methods: Partial<Omit<TelephonyService, 'provider'>>,
): TelephonyService => {
  const unused = () => Effect.die(new Error('a telephony method this test does not use'))
  return {
    provider,
    accessToken: unused,
    outboundCallInstructions: unused,
    verifyWebhook: unused,
    parseCallEvent: unused,
    parseRecordingEvent: unused,
    lookupCall: unused,
    endCall: unused,
    placeCall: unused,
    connectToAgent: unused,
    playMessageAndHangUp: unused,
    agentLegInstructions: unused,
    waitForAgent: unused,
    conferenceParticipants: unused,
    holdParticipant: unused,
    addParticipant: unused,
    updateParticipant: unused,
    removeParticipant: unused,
    fetchRecording: unused,
    ...methods,
  }
}
