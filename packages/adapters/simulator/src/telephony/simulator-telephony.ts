import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { Dialing, type E164, type Inbound, Telephony, type Transcripts } from '@ringlane/core'
import { Effect, Layer, Option, Redacted, Schema } from 'effect'
import { synthesizeRecording } from '../recordings/wav.js'
import { type ScriptLine, scriptFor, timedConversation } from './conversation.js'
import { simulatedInbound } from './inbound-caller.js'
import { type CallScenario, scenarioByLastDigit } from './scenarios.js'
import { SIGNATURE_HEADER, signWebhook, verifySignedWebhook } from './signature.js'

type WebhookKind = 'voice' | 'status' | 'recording' | 'flow'

/** How the simulator's webhooks reach the app: over HTTP, or straight into the app's handlers. */
export type WebhookDelivery = (
  kind: WebhookKind,
  request: Telephony.WebhookRequest,
) => Promise<{ readonly status: number; readonly contentType?: string; readonly body: string }>

/** Delivers each webhook as a real signed HTTP POST to its URL. */
export const deliverOverHttp =
  (fetcher: typeof fetch = fetch): WebhookDelivery =>
  async (_kind, request) => {
    const response = await fetcher(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(request.headers as Record<string, string>),
      },
      body: request.body,
    })
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    }
  }

export interface SimulatorTelephonyOptions {
  /** Signs webhooks and browser tokens; keep it secret like a provider auth token. */
  readonly secret: Redacted.Redacted<string>
  /** The app's public origin, as a provider would call it. */
  readonly publicBaseUrl: string
  readonly webhookPaths?: {
    readonly voice: string
    readonly status: string
    readonly recording: string
    /** Where an inbound call's flow comes back after a menu, a message or a spell on hold. */
    readonly flow?: string
  }
  readonly deliver: WebhookDelivery
  /** How each dialled number's call goes; by default chosen by the number's last digit. */
  readonly scenario?: (to: E164) => CallScenario
  /** Simulated seconds per real second: 1 for the demo, larger to run tests fast. */
  readonly speed?: number
  /** What the people on an answered call say (the transcript of its recording); the demo's script by default. */
  readonly script?: (to: E164, answeredBy: 'human' | 'machine') => ReadonlyArray<ScriptLine>
  /** Longest a call may stay open before the simulator ends it (seconds). */
  readonly maxCallSeconds?: number
  /** Default caller id shown to leads. */
  readonly callerId?: string
  readonly tokenTtlSeconds?: number
  /**
   * How long a browser leg may be away (its event stream closed) before its calls end, in real
   * seconds: long enough for the driver to reconnect after a blip, short enough that a reloaded page
   * finds its call over, as a provider ends a call whose browser went away. Default 5.
   */
  readonly browserLegGraceSeconds?: number
}

/** What the browser sees of a call, as the simulator browser driver expects it. */
export interface BrowserCallEvent {
  readonly id: number
  readonly callId: string
  readonly state: 'ringing' | 'open' | 'reconnecting' | 'closed'
  readonly endReason?: 'completed' | 'busy' | 'no-answer' | 'canceled' | 'failed'
}

export class SimulatorRefusal extends Schema.TaggedError<SimulatorRefusal>()('SimulatorRefusal', {
  code: Schema.Literal('invalid-number', 'not-registered', 'call-failed', 'token-invalid', 'unknown-call'),
  status: Schema.Number,
  message: Schema.String,
}) {}

interface SimulatedCall {
  readonly callId: string
  readonly agent: string
  readonly to: E164
  readonly sessionId: string | null
  readonly record: boolean
  /** The browser page (leg) that placed it; the call ends when that page goes away. */
  readonly leg: string | null
  status: Telephony.CallStatus
  answeredBy: Telephony.AnsweredBy | null
  answeredAt: number | null
  endedAt: number | null
  talkSeconds: number | null
  readonly timers: Set<ReturnType<typeof setTimeout>>
  /** An agent's browser leg waiting in their own conference (auto mode): no lead; only its end is reported. */
  readonly waiting: boolean
  /** Placed by the server (the call engine) with machine detection: who answered comes later. */
  readonly machineDetection: boolean
  /** The conference the call is in: its agent's, once the engine connected it. */
  conference: string | null
  /** Messages played to the callee (an abandoned call's, a machine's), in order. */
  readonly played: Telephony.SpokenMessage[]
  /** Its label in the conference; by default `agent` for a waiting leg and `caller` for anyone else. */
  label: string | null
  hold: boolean
  muted: boolean
  /** The call id of the one participant who hears it (coaching), or null. */
  coaching: string | null
  /** An outside number an agent rang into their call (three-way): no session, its statuses go nowhere. */
  readonly guest: boolean
}

/** What the simulator knows of a call the server placed, for tests and the demo. */
export interface ServerCallView {
  readonly callId: string
  readonly to: E164
  readonly sessionId: string | null
  readonly status: Telephony.CallStatus
  readonly answeredBy: Telephony.AnsweredBy | null
  readonly conference: string | null
  readonly played: ReadonlyArray<Telephony.SpokenMessage>
}

const Instructions = Schema.parseJson(
  Schema.Union(
    Schema.Struct({
      dial: Schema.Struct({
        to: Schema.String,
        session: Schema.String,
        record: Schema.Boolean,
        machineDetection: Schema.Boolean,
        callerId: Schema.NullOr(Schema.String),
      }),
    }),
    // Auto mode: the agent's leg waits in their own conference for the engine's calls.
    Schema.Struct({ conference: Schema.String }),
  ),
)

const viewOf = (call: SimulatedCall): ServerCallView => ({
  callId: call.callId,
  to: call.to,
  sessionId: call.sessionId,
  status: call.status,
  answeredBy: call.answeredBy,
  conference: call.conference,
  played: [...call.played],
})

const terminal = new Set<Telephony.CallStatus>(['completed', 'busy', 'no-answer', 'failed', 'canceled'])

/**
 * Simulated telephony: a real adapter for the demo and end-to-end tests. Calls move through the same
 * states on a timeline, driven by scenarios; the app hears about them through the same signed
 * webhooks and call-session state machine as with a real provider; answered calls leave a real WAV
 * recording. The browser side (`@ringlane/simulator/browser`) talks to `placeBrowserCall`, `hangUp`,
 * `sendDigits` and `browserEvents` through routes the app mounts.
 */
export const createSimulatorTelephony = (options: SimulatorTelephonyOptions) => {
  const secret = Redacted.value(options.secret)
  const paths = options.webhookPaths ?? {
    voice: '/webhooks/simulator/voice',
    status: '/webhooks/simulator/call-status',
    recording: '/webhooks/simulator/recording-status',
    flow: '/webhooks/simulator/ivr',
  }
  const speed = options.speed ?? 1
  const scenarioFor = options.scenario ?? scenarioByLastDigit
  const calls = new Map<string, SimulatedCall>()
  const recordings = new Map<string, Uint8Array>()
  const conversations = new Map<string, ReadonlyArray<Transcripts.TranscriptTurn>>()
  const scriptOf = options.script ?? scriptFor
  const agentEvents = new Map<string, BrowserCallEvent[]>()
  const listeners = new Map<string, Set<(event: BrowserCallEvent) => void>>()
  let nextEventId = 1
  // Browser legs: how many streams each has open, and the timer that ends its calls once it is gone.
  const legs = new Map<string, { streams: number; timer: ReturnType<typeof setTimeout> | null }>()
  const legKey = (agent: string, leg: string) => `${agent}\u0000${leg}`
  const graceMs = (options.browserLegGraceSeconds ?? 5) * 1000
  const url = (path: string) => new URL(path, options.publicBaseUrl).toString()
  const newId = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`

  const signed = (path: string, params: Record<string, string>): Telephony.WebhookRequest => {
    const target = new URL(path, options.publicBaseUrl).toString()
    return {
      url: target,
      method: 'POST',
      headers: { [SIGNATURE_HEADER]: signWebhook(secret, target, params) },
      body: new URLSearchParams(params).toString(),
    }
  }

  const tellBrowser = (
    call: SimulatedCall,
    state: BrowserCallEvent['state'],
    endReason?: BrowserCallEvent['endReason'],
  ) => {
    const event: BrowserCallEvent = {
      id: nextEventId++,
      callId: call.callId,
      state,
      ...(endReason && { endReason }),
    }
    const log = agentEvents.get(call.agent) ?? []
    log.push(event)
    if (log.length > 500) log.splice(0, log.length - 500)
    agentEvents.set(call.agent, log)
    for (const listener of listeners.get(call.agent) ?? []) listener(event)
  }

  const report = async (
    call: SimulatedCall,
    status: Telephony.CallStatus,
    extra: Record<string, string> = {},
  ) => {
    call.status = status
    // An outside number rung into a conference has no session to report to. A waiting leg reports only
    // its end, as the agent's browser call it is (decision 0034): the engine stops counting an agent
    // whose page went as ready.
    if (call.guest) return
    if (call.waiting && !terminal.has(status)) return
    const leg = call.waiting ? { From: `client:${call.agent}`, [Dialing.Engine.AUTO_LEG_PARAM]: '1' } : {}
    const params: Record<string, string> = {
      ...leg,
      CallSid: call.callId,
      CallStatus: status,
      Timestamp: new Date().toISOString(),
      To: call.to,
      ...(call.sessionId && { ringlaneSession: call.sessionId }),
      ...(call.answeredBy && { AnsweredBy: call.answeredBy }),
      ...extra,
    }
    await options.deliver('status', signed(paths.status, params)).catch(() => undefined)
  }

  const after = (call: SimulatedCall, seconds: number, step: () => Promise<void> | void) => {
    const timer = setTimeout(
      () => {
        call.timers.delete(timer)
        void step()
      },
      (seconds * 1000) / speed,
    )
    call.timers.add(timer)
  }

  /** Ends a call; a scripted hang-up passes its talk time, an agent's is measured in simulated time. */
  const finish = async (
    call: SimulatedCall,
    status: Telephony.CallStatus,
    extra: Record<string, string> = {},
    scripted?: number,
  ) => {
    if (terminal.has(call.status)) return
    for (const timer of call.timers) clearTimeout(timer)
    call.timers.clear()
    call.endedAt = Date.now()
    const talkSeconds = !call.answeredAt
      ? 0
      : (scripted ?? Math.max(1, Math.round(((call.endedAt - call.answeredAt) * speed) / 1000)))
    call.talkSeconds = talkSeconds
    await report(call, status, { CallDuration: String(talkSeconds), ...extra })
    tellBrowser(
      call,
      'closed',
      status === 'completed' ? 'completed' : (status as BrowserCallEvent['endReason']),
    )
    if (status === 'completed' && call.record && call.answeredAt) {
      const recordingId = newId('RE')
      const recordedSeconds = Math.min(talkSeconds, 600)
      recordings.set(recordingId, synthesizeRecording({ seconds: recordedSeconds }))
      conversations.set(
        recordingId,
        timedConversation(
          scriptOf(call.to, call.answeredBy === 'machine' ? 'machine' : 'human'),
          recordedSeconds,
        ),
      )
      await options
        .deliver(
          'recording',
          signed(paths.recording, {
            CallSid: call.callId,
            RecordingSid: recordingId,
            RecordingStatus: 'completed',
            RecordingDuration: String(talkSeconds),
            RecordingChannels: '1',
            RecordingUrl: url(`/simulator/recordings/${recordingId}`),
            ...(call.sessionId && { ringlaneSession: call.sessionId }),
          }),
        )
        .catch(() => undefined)
    }
  }

  /** The page that placed these calls went away: each ends as the agent hanging up would end it. */
  const dropLeg = async (agent: string, leg: string) => {
    legs.delete(legKey(agent, leg))
    for (const call of calls.values()) {
      if (call.agent === agent && call.leg === leg && !terminal.has(call.status))
        await finish(call, call.answeredAt ? 'completed' : 'canceled')
    }
  }

  /** Starts the leg's grace period when no stream of it is open. */
  const watchLeg = (agent: string, leg: string) => {
    const key = legKey(agent, leg)
    const state = legs.get(key) ?? { streams: 0, timer: null }
    legs.set(key, state)
    if (state.streams > 0 || state.timer) return
    state.timer = setTimeout(() => {
      state.timer = null
      if (state.streams === 0) void dropLeg(agent, leg)
    }, graceMs)
  }

  /** A new call, queued, that plays out its number's scenario from now on. */
  const newCall = (
    placed: Pick<SimulatedCall, 'callId' | 'agent' | 'to' | 'sessionId' | 'record'> &
      Partial<Pick<SimulatedCall, 'waiting' | 'machineDetection' | 'conference' | 'leg' | 'guest'>>,
  ): SimulatedCall => {
    const call: SimulatedCall = {
      waiting: false,
      guest: false,
      machineDetection: false,
      conference: null,
      ...placed,
      leg: placed.leg ?? null,
      status: 'queued',
      answeredBy: null,
      answeredAt: null,
      endedAt: null,
      talkSeconds: null,
      timers: new Set(),
      played: [],
      label: null,
      hold: false,
      muted: false,
      coaching: null,
    }
    calls.set(call.callId, call)
    return call
  }
  const startCall = (
    placed: Pick<SimulatedCall, 'callId' | 'agent' | 'to' | 'sessionId' | 'record'> &
      Partial<Pick<SimulatedCall, 'machineDetection' | 'leg'>>,
    ringTimeoutSeconds?: number,
  ) => run(newCall(placed), ringTimeoutSeconds)

  /** An answered call the simulator can act on now (not ended). */
  const liveCall = (providerCallId: string, operation: string) => {
    const call = calls.get(providerCallId)
    if (!call)
      return Effect.fail(
        new Telephony.TelephonyError({
          operation,
          message: `The simulator has no call ${providerCallId}`,
        }),
      )
    return Effect.succeed(call)
  }

  const labelOf = (call: SimulatedCall) =>
    call.label ?? (call.waiting ? Telephony.participantLabels.agent : Telephony.participantLabels.caller)
  /** The calls in a conference now (ringing guests included, as a provider lists them). */
  const inConference = (conference: string) =>
    [...calls.values()].filter((call) => call.conference === conference && !terminal.has(call.status))
  const participant = (conference: string, label: string, operation: string) => {
    const found = inConference(conference).find((call) => labelOf(call) === label)
    return found
      ? Effect.succeed(found)
      : Effect.fail(
          new Telephony.TelephonyError({
            operation,
            message: `Nobody labelled ${label} is in conference ${conference}`,
          }),
        )
  }
  /** Puts a call in a conference (or none) with its participant settings, fresh (not held, not muted). */
  const join = (
    call: SimulatedCall,
    conference: string | null,
    settings: { label: string | null; muted?: boolean; coaching?: string | null },
  ) => {
    call.conference = conference
    call.label = settings.label
    call.hold = false
    call.muted = settings.muted ?? false
    call.coaching = settings.coaching ?? null
  }
  const addParticipant = (
    conference: string,
    added: Telephony.NewParticipant,
  ): Effect.Effect<{ readonly providerCallId: string }, Telephony.TelephonyError> => {
    const fail = (message: string) =>
      Effect.fail(new Telephony.TelephonyError({ operation: 'add a participant', message }))
    if (inConference(conference).length === 0) return fail(`Conference ${conference} is not running`)
    if (inConference(conference).some((call) => labelOf(call) === added.label))
      return fail(`${added.label} is already in conference ${conference}`)
    const settings = { label: added.label, muted: added.muted, coaching: added.coaching }
    const { target } = added
    if (target.kind === 'agent-leg') {
      const home = Telephony.agentConference(target.agentIdentity)
      const leg = inConference(home).find((call) => call.waiting && call.agent === target.agentIdentity)
      if (!leg) return fail(`${target.agentIdentity} has no browser leg waiting in their conference`)
      join(leg, conference, settings)
      return Effect.succeed({ providerCallId: leg.callId })
    }
    if (target.kind === 'client') {
      // A browser that answers at once (the supervisor's softphone).
      const call = newCall({
        callId: newId('CA'),
        agent: target.identity,
        to: '' as E164,
        sessionId: null,
        record: false,
        waiting: true,
      })
      call.status = 'in-progress'
      call.answeredAt = Date.now()
      join(call, conference, settings)
      return Effect.succeed({ providerCallId: call.callId })
    }
    const call = newCall({
      callId: newId('CA'),
      agent: 'server',
      to: target.to,
      sessionId: null,
      record: false,
      guest: true,
    })
    join(call, conference, settings)
    run(call)
    return Effect.succeed({ providerCallId: call.callId })
  }

  const run = (call: SimulatedCall, ringTimeoutSeconds?: number) => {
    const scenario = scenarioFor(call.to)
    void report(call, 'initiated')
    if (scenario.outcome === 'failed') {
      after(call, 0.5, () => finish(call, 'failed', { ErrorCode: scenario.errorCode }))
      return
    }
    after(call, 0.5, async () => {
      await report(call, 'ringing')
      tellBrowser(call, 'ringing')
    })
    // A server call rings no longer than its timeout, as a provider's would.
    if (ringTimeoutSeconds !== undefined && scenario.ringSeconds >= ringTimeoutSeconds) {
      after(call, ringTimeoutSeconds, () => finish(call, 'no-answer'))
      return
    }
    after(call, scenario.ringSeconds, async () => {
      if (scenario.outcome !== 'answer') return finish(call, scenario.outcome)
      call.answeredAt = Date.now()
      const answeredBy = scenario.answeredBy ?? 'human'
      if (call.machineDetection) {
        // Asynchronous detection: answered now, who answered told by a separate callback (Twilio
        // sends only CallSid and AnsweredBy on it).
        await report(call, 'in-progress')
        after(call, scenario.detectionSeconds ?? 1, async () => {
          call.answeredBy = answeredBy
          await options
            .deliver(
              'status',
              signed(paths.status, {
                CallSid: call.callId,
                AnsweredBy: answeredBy,
                ...(call.sessionId && { ringlaneSession: call.sessionId }),
              }),
            )
            .catch(() => undefined)
        })
      } else {
        call.answeredBy = answeredBy
        await report(call, 'in-progress')
      }
      tellBrowser(call, 'open')
      const talk = scenario.talkSeconds ?? options.maxCallSeconds ?? 1800
      after(call, talk, () => finish(call, 'completed', {}, talk))
    })
  }

  const eventFrom = (
    params: Telephony.WebhookParams,
  ): Effect.Effect<Telephony.CallEvent, Telephony.InvalidWebhook> =>
    Effect.mapError(
      Schema.decodeUnknown(Telephony.CallEvent)({
        providerCallId: params.CallSid,
        sessionId: params.ringlaneSession ?? null,
        // The asynchronous machine-detection callback says who answered, with no status or time.
        status: params.CallStatus ?? (params.AnsweredBy ? 'in-progress' : undefined),
        // Present, a time must be one (an empty one is malformed, not "now").
        occurredAt:
          params.Timestamp !== undefined
            ? new Date(params.Timestamp)
            : params.AnsweredBy && !params.CallStatus
              ? new Date()
              : new Date(Number.NaN),
        answeredBy: params.AnsweredBy ?? null,
        // Empty is absent, as with Twilio.
        durationSeconds: params.CallDuration ? Number(params.CallDuration) : null,
        errorCode: params.ErrorCode ?? null,
      }),
      (error) =>
        new Telephony.InvalidWebhook({
          field: 'CallStatus',
          message: `The call status webhook is malformed: ${error.message}`,
        }),
    )

  // Browser tokens: identity and expiry, HMAC-signed, checked in constant time.
  const tokenFor = (identity: string, expiresAt: Date) => {
    const payload = Buffer.from(JSON.stringify({ identity, exp: +expiresAt })).toString('base64url')
    return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`
  }

  const telephony: Telephony.TelephonyService = {
    provider: 'simulator',
    accessToken: (identity) =>
      /^[A-Za-z0-9_.@-]{1,121}$/.test(identity)
        ? Effect.sync(() => {
            const expiresAt = new Date(Date.now() + (options.tokenTtlSeconds ?? 3600) * 1000)
            return { token: tokenFor(identity, expiresAt), identity, expiresAt }
          })
        : Effect.fail(
            new Telephony.TelephonyError({
              operation: 'issue a token',
              message: 'identity must be 1 to 121 letters, digits, or _ . @ -',
            }),
          ),
    outboundCallInstructions: (call) =>
      Effect.succeed({
        contentType: 'application/json',
        body: JSON.stringify({
          dial: {
            to: call.to,
            session: call.sessionId,
            record: call.record,
            machineDetection: call.machineDetection,
            callerId: call.callerId ?? options.callerId ?? null,
          },
        }),
      }),
    verifyWebhook: (request) =>
      // As with Twilio: our own parameters ride in the signed URL's query, the provider's in the body.
      verifySignedWebhook(secret, options.publicBaseUrl, request).pipe(
        Effect.map(({ params, url: seen }) => ({ ...Object.fromEntries(seen.searchParams), ...params })),
      ),
    parseCallEvent: eventFrom,
    parseRecordingEvent: (params) =>
      Effect.mapError(
        Schema.decodeUnknown(Telephony.RecordingEvent)({
          providerCallId: params.CallSid,
          sessionId: params.ringlaneSession ?? null,
          providerRecordingId: params.RecordingSid,
          status: params.RecordingStatus,
          mediaUrl: params.RecordingUrl ?? null,
          durationSeconds: params.RecordingDuration ? Number(params.RecordingDuration) : null,
          channels: params.RecordingChannels ? Number(params.RecordingChannels) : null,
          occurredAt: new Date(),
        }),
        (error) =>
          new Telephony.InvalidWebhook({
            field: 'RecordingSid',
            message: `The recording webhook is malformed: ${error.message}`,
          }),
      ),
    lookupCall: (providerCallId) =>
      Effect.sync(() => {
        const call = calls.get(providerCallId)
        if (!call) return Option.none()
        return Option.some({
          providerCallId,
          sessionId: call.sessionId,
          status: call.status,
          occurredAt: new Date(call.endedAt ?? Date.now()),
          answeredBy: call.answeredBy,
          durationSeconds: call.talkSeconds,
          errorCode: null,
        })
      }),
    endCall: (providerCallId) =>
      Effect.promise(async () => {
        const call = calls.get(providerCallId)
        if (!call) return false
        // A call already over stays as it ended.
        if (!terminal.has(call.status)) await finish(call, call.answeredAt ? 'completed' : 'canceled')
        return true
      }),
    placeCall: (placed) =>
      Effect.sync(() => {
        const callId = newId('CA')
        startCall(
          {
            callId,
            agent: 'server',
            to: placed.to,
            sessionId: placed.sessionId,
            record: false,
            machineDetection: placed.machineDetection,
          },
          placed.ringTimeoutSeconds,
        )
        return { providerCallId: callId }
      }),
    connectToAgent: (providerCallId, agentIdentity) =>
      Effect.flatMap(liveCall(providerCallId, 'connect a call to an agent'), (call) =>
        call.answeredAt && !terminal.has(call.status)
          ? Effect.sync(() => join(call, Telephony.agentConference(agentIdentity), { label: null }))
          : Effect.fail(
              new Telephony.TelephonyError({
                operation: 'connect a call to an agent',
                message: `Call ${providerCallId} is not answered and live`,
              }),
            ),
      ),
    waitForAgent: (providerCallId) =>
      Effect.flatMap(liveCall(providerCallId, 'put a call to wait for an agent'), (call) =>
        Effect.sync(() => join(call, null, { label: null })),
      ),
    playMessageAndHangUp: (providerCallId, message) =>
      Effect.flatMap(liveCall(providerCallId, 'play a message'), (call) =>
        Effect.sync(() => {
          if (terminal.has(call.status)) return
          call.played.push(message)
          for (const timer of call.timers) clearTimeout(timer)
          call.timers.clear()
          // About the time a short message takes to say.
          after(call, 2, () => finish(call, 'completed'))
        }),
      ),
    agentLegInstructions: (agentIdentity) =>
      Effect.succeed({
        contentType: 'application/json',
        body: JSON.stringify({ conference: Telephony.agentConference(agentIdentity) }),
      }),
    conferenceParticipants: (conference) =>
      Effect.sync(() =>
        inConference(conference).map((call) => ({
          label: labelOf(call),
          providerCallId: call.callId,
          hold: call.hold,
          muted: call.muted,
          coaching: call.coaching,
        })),
      ),
    holdParticipant: (conference, label, hold) =>
      Effect.map(participant(conference, label, 'hold a participant'), (call) => {
        call.hold = hold
      }),
    addParticipant,
    updateParticipant: (conference, label, settings) =>
      Effect.map(participant(conference, label, 'update a participant'), (call) => {
        call.muted = settings.muted
        call.coaching = settings.coaching
      }),
    removeParticipant: (conference, label) =>
      Effect.promise(async () => {
        const call = inConference(conference).find((found) => labelOf(found) === label)
        if (!call) return false
        // A visiting agent's leg goes home to wait for their next call; anyone else is hung up.
        if (call.waiting && Telephony.visitingAgentOf(label) !== null)
          join(call, Telephony.agentConference(call.agent), { label: null })
        else await finish(call, call.answeredAt ? 'completed' : 'canceled')
        return true
      }),
    fetchRecording: ({ providerRecordingId }) => {
      const bytes = recordings.get(providerRecordingId)
      return bytes
        ? Effect.succeed({ bytes, contentType: 'audio/wav' })
        : Effect.fail(
            new Telephony.TelephonyError({
              operation: 'fetch a recording',
              message: `The simulator has no recording ${providerRecordingId}`,
            }),
          )
    },
  }

  const inbound = simulatedInbound({
    url: (path, params = {}) => {
      const target = new URL(path, options.publicBaseUrl)
      for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value)
      return target.toString()
    },
    paths: { voice: paths.voice, flow: paths.flow ?? '/webhooks/simulator/ivr' },
    deliver: (kind, target, params) => options.deliver(kind, signed(target, params)),
    answeredCall: (from) => {
      const call = newCall({ callId: newId('CA'), agent: 'server', to: from, sessionId: null, record: false })
      call.status = 'in-progress'
      call.answeredAt = Date.now()
      call.answeredBy = 'human'
      return {
        callId: call.callId,
        played: call.played,
        conference: () => call.conference,
        ended: () => terminal.has(call.status),
        wait: (seconds) => new Promise<void>((resolve) => after(call, seconds, resolve)),
        hangUp: () => finish(call, 'completed'),
      }
    },
    keepRecording: (recordingId, bytes, conversation) => {
      recordings.set(recordingId, bytes)
      conversations.set(recordingId, conversation)
    },
    newId,
  })

  const refuse = (code: SimulatorRefusal['code'], status: number, message: string) =>
    Promise.reject(new SimulatorRefusal({ code, status, message }))

  return {
    telephony,
    /** Inbound calls' flows in the simulator's terms (`createRinglane({ inbound: { voice } })`). */
    inboundVoice: inbound.inboundVoice as Inbound.InboundVoiceService,
    /**
     * `POST /simulator/inbound-calls`: someone calls one of the dialler's numbers from any number and
     * answers its menus as scripted (keys, words, silence), leaves a message, or waits on hold.
     */
    placeInboundCall: inbound.placeInboundCall,
    /** What was said on a recording this simulator made, timed; undefined for one it did not make. */
    conversationOf: (providerRecordingId: string): ReadonlyArray<Transcripts.TranscriptTurn> | undefined =>
      conversations.get(providerRecordingId),
    /** Checks a browser token from `accessToken`; the identity it was issued to, or null. */
    verifyToken: (token: string): string | null => {
      const [payload, mac] = token.split('.')
      if (!payload || !mac) return null
      const expected = Buffer.from(createHmac('sha256', secret).update(payload).digest('base64url'))
      const given = Buffer.from(mac)
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
      const { identity, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
        identity: string
        exp: number
      }
      return exp > Date.now() ? identity : null
    },
    /**
     * `POST /simulator/calls`: the agent's browser places a call. Like a provider, the simulator asks
     * the app's voice webhook what to do and dials the number the app answers with.
     */
    placeBrowserCall: async (
      agent: string,
      params: Readonly<Record<string, string>>,
      /** The page placing it (its `leg`, as on its event stream): the call ends when that page goes. */
      leg: string | null = null,
    ) => {
      const callId = newId('CA')
      const voice = await options.deliver(
        'voice',
        signed(paths.voice, { CallSid: callId, From: `client:${agent}`, ...params }),
      )
      if (voice.status >= 400) {
        return refuse(
          'call-failed',
          422,
          `The dialler refused to connect the call (${voice.status}): ${voice.body.slice(0, 200)}`,
        )
      }
      const instructions = Schema.decodeUnknownEither(Instructions)(voice.body)
      if (instructions._tag === 'Left')
        return refuse(
          'call-failed',
          502,
          'The dialler answered the call with instructions the simulator cannot read',
        )
      if ('conference' in instructions.right) {
        // The agent's leg waits in their conference: connected at once, nobody rings.
        const call = newCall({
          callId,
          agent,
          to: '' as E164,
          sessionId: null,
          record: false,
          waiting: true,
          leg,
          conference: instructions.right.conference,
        })
        call.status = 'in-progress'
        call.answeredAt = Date.now()
        // The waiting leg goes when its page goes, like any call the page placed.
        if (leg) watchLeg(agent, leg)
        setTimeout(() => tellBrowser(call, 'open'), 0)
        // A newer line of the agent's takes over from one already there (a reload, another window):
        // the older one hangs up, and a call in the conference goes on with the new one.
        for (const older of inConference(call.conference ?? '')) {
          if (older !== call && older.waiting && older.agent === agent && labelOf(older) === labelOf(call))
            await finish(older, 'completed')
        }
        return { callId }
      }
      const { dial } = instructions.right
      if (!/^\+[1-9]\d{6,14}$/.test(dial.to))
        return refuse('invalid-number', 422, `${dial.to} is not an E.164 number`)
      startCall({ callId, agent, to: dial.to as E164, sessionId: dial.session, record: dial.record, leg })
      if (leg) watchLeg(agent, leg)
      return { callId }
    },
    /** `POST /simulator/calls/{callId}/hangup`: the agent ends the call. */
    hangUp: async (agent: string, callId: string) => {
      const call = calls.get(callId)
      if (!call || call.agent !== agent)
        return refuse('unknown-call', 404, `No call ${callId} for this agent`)
      await finish(call, call.answeredAt ? 'completed' : 'canceled')
    },
    /** `POST /simulator/calls/{callId}/digits`: keypad tones (accepted and ignored, as a callee would). */
    sendDigits: async (agent: string, callId: string, digits: string) => {
      const call = calls.get(callId)
      if (!call || call.agent !== agent)
        return refuse('unknown-call', 404, `No call ${callId} for this agent`)
      if (!/^[0-9*#w]+$/.test(digits)) return refuse('call-failed', 400, 'digits must be 0-9, *, # or w')
    },
    /**
     * `GET /simulator/events`: the agent's call events from after `lastEventId`, then every new one
     * through `listener`. Returns the replay and an unsubscribe function. A stream naming its page's
     * `leg` keeps that page's calls alive: when the leg has had no stream for the grace period (the
     * page was closed or reloaded), its calls end, and the dialler hears so by the status webhook.
     */
    browserEvents: (
      agent: string,
      lastEventId: number | null,
      listener: (event: BrowserCallEvent) => void,
      leg: string | null = null,
    ) => {
      const log = agentEvents.get(agent) ?? []
      const replay = lastEventId === null ? [] : log.filter((event) => event.id > lastEventId)
      const set = listeners.get(agent) ?? new Set()
      set.add(listener)
      listeners.set(agent, set)
      const state = leg ? (legs.get(legKey(agent, leg)) ?? { streams: 0, timer: null }) : null
      if (leg && state) {
        legs.set(legKey(agent, leg), state)
        state.streams++
        if (state.timer) clearTimeout(state.timer)
        state.timer = null
      }
      let open = true
      return {
        replay,
        unsubscribe: () => {
          set.delete(listener)
          if (!open || !leg || !state) return
          open = false
          state.streams--
          if (state.streams === 0) watchLeg(agent, leg)
        },
      }
    },
    /** A call the server placed, as the simulator sees it; null if it placed none with that id. */
    serverCall: (callId: string): ServerCallView | null => {
      const call = calls.get(callId)
      return call && call.agent === 'server' ? viewOf(call) : null
    },
    /** Every call the server placed, oldest first. */
    serverCalls: (): ReadonlyArray<ServerCallView> =>
      [...calls.values()].filter((call) => call.agent === 'server').map(viewOf),
    /** Stops every timer (tests, shutdown). */
    dispose: () => {
      for (const call of calls.values()) for (const timer of call.timers) clearTimeout(timer)
      for (const leg of legs.values()) if (leg.timer) clearTimeout(leg.timer)
    },
  }
}

export type SimulatorTelephony = ReturnType<typeof createSimulatorTelephony>

/** Effect API: provides `Telephony` from a simulator you created (keep it to mount the browser routes). */
export const telephonyLayer = (simulator: SimulatorTelephony) =>
  Layer.succeed(Telephony.Telephony, simulator.telephony)
