import { Calls, type E164, Inbound, Telephony, type Transcripts } from '@ringlane/core'
import { Effect, Schema } from 'effect'
import { synthesizeRecording } from '../recordings/wav.js'

/** What a simulated caller does at each menu: presses keys, says words, or stays silent (null). */
export type CallerAnswer = { readonly digits: string } | { readonly speech: string } | null

/** A call in to one of the dialler's numbers, from any number, played by a scripted caller. */
export interface InboundCallScript {
  readonly from: string
  readonly to: string
  /** The caller's answer at each menu, in turn; silence once they run out. */
  readonly answers?: ReadonlyArray<CallerAnswer>
  /** How long a message they leave at the tone is, in seconds (default 6). */
  readonly messageSeconds?: number
  /** The caller hangs up after this long, wherever they are (default: they stay until the flow ends). */
  readonly hangUpAfterSeconds?: number
}

/** The flow's next turn, as the simulator's inbound voice writes it and reads it back. */
const IvrJson = Schema.parseJson(
  Schema.Struct({
    ivr: Schema.Struct({
      prompts: Schema.Array(Inbound.Prompt),
      after: Schema.Union(
        Schema.TaggedStruct('Gather', { timeoutSeconds: Schema.Number, hints: Schema.Array(Schema.String) }),
        Schema.TaggedStruct('Record', { maxLengthSeconds: Schema.Number }),
        Schema.TaggedStruct('Hold', { music: Schema.NullOr(Inbound.Prompt), seconds: Schema.Number }),
        Schema.TaggedStruct('HangUp', {}),
      ),
      action: Schema.String,
      recordingCallback: Schema.String,
    }),
  }),
)

/** The parts of a simulated call the inbound caller drives. */
export interface InboundCallHandle {
  readonly callId: string
  readonly played: Telephony.SpokenMessage[]
  readonly conference: () => string | null
  readonly ended: () => boolean
}

/** What the simulator lends the inbound caller: its call table, clock, signing and delivery. */
export interface InboundCallerDeps {
  readonly url: (path: string, params?: Record<string, string>) => string
  readonly paths: { readonly flow: string; readonly voice: string }
  readonly deliver: (
    kind: 'voice' | 'flow' | 'recording',
    url: string,
    params: Record<string, string>,
  ) => Promise<{ readonly status: number; readonly body: string }>
  /** A new answered call from `from`, ended by the returned `hangUp`. */
  readonly answeredCall: (from: E164) => InboundCallHandle & {
    readonly wait: (seconds: number) => Promise<void>
    readonly hangUp: () => Promise<void>
  }
  readonly keepRecording: (
    recordingId: string,
    bytes: Uint8Array,
    conversation: ReadonlyArray<Transcripts.TranscriptTurn>,
  ) => void
  readonly newId: (prefix: string) => string
}

const E164_PATTERN = /^\+[1-9]\d{6,14}$/

/**
 * Inbound calls in the simulator: the inbound voice port (JSON instead of TwiML, same turns) and a
 * scripted caller that calls the app's voice webhook, answers menus, leaves messages and waits on
 * hold until the call is connected, through signed webhooks like any provider.
 */
export const simulatedInbound = (deps: InboundCallerDeps) => {
  const flowUrl = (place: Inbound.FlowPlace) =>
    deps.url(deps.paths.flow, {
      [Calls.SESSION_PARAM]: place.sessionId,
      [Inbound.FLOW_STEP_PARAM]: place.stepId,
      [Inbound.FLOW_ATTEMPT_PARAM]: String(place.attempt),
    })
  const recordingUrl = (place: Inbound.FlowPlace) =>
    deps.url('/webhooks/simulator/recording-status', {
      [Calls.SESSION_PARAM]: place.sessionId,
    })
  const json = (next: Inbound.IvrInstructions) =>
    JSON.stringify({
      ivr: {
        prompts: next.prompts,
        after: next.after,
        action: flowUrl(next.place),
        recordingCallback: recordingUrl(next.place),
      },
    })
  const redirects = new Map<string, string>()

  const inboundVoice: Inbound.InboundVoiceService = {
    provider: 'simulator',
    incomingCall: (params) =>
      params.CallSid && E164_PATTERN.test(params.From ?? '') && E164_PATTERN.test(params.To ?? '')
        ? Effect.succeed({ providerCallId: params.CallSid, from: params.From as E164, to: params.To as E164 })
        : Effect.fail(
            new Telephony.InvalidWebhook({
              field: !params.CallSid ? 'CallSid' : E164_PATTERN.test(params.From ?? '') ? 'To' : 'From',
              message: 'The voice webhook is not a call from a phone number',
            }),
          ),
    callerInput: (params) => ({ digits: params.Digits || null, speech: params.SpeechResult || null }),
    recordedMessage: (params) =>
      params.RecordingSid
        ? {
            providerRecordingId: params.RecordingSid,
            durationSeconds: params.RecordingDuration ? Number(params.RecordingDuration) : null,
          }
        : null,
    instructions: (next) => Effect.succeed({ contentType: 'application/json', body: json(next) }),
    redirect: (providerCallId, next) =>
      Effect.sync(() => {
        redirects.set(providerCallId, json(next))
      }),
  }

  /** Plays the flow's turns as the scripted caller until the call ends or is connected to an agent. */
  const follow = async (
    call: ReturnType<InboundCallerDeps['answeredCall']>,
    first: string,
    script: InboundCallScript,
  ) => {
    const answers = [...(script.answers ?? [])]
    let body = first
    while (!call.ended()) {
      const decoded = Schema.decodeUnknownEither(IvrJson)(body)
      if (decoded._tag === 'Left') return call.hangUp()
      const { prompts, after, action, recordingCallback } = decoded.right.ivr
      call.played.push(...prompts)
      const back = async (params: Record<string, string>) => {
        const answer = await deps.deliver('flow', action, { CallSid: call.callId, ...params })
        return answer.status < 300 ? answer.body : ''
      }
      switch (after._tag) {
        case 'Gather': {
          const answer = answers.shift() ?? null
          await call.wait(answer ? 1 : after.timeoutSeconds)
          if (call.ended()) return
          body = await back(
            answer === null
              ? {}
              : 'digits' in answer
                ? { Digits: answer.digits }
                : { SpeechResult: answer.speech, Confidence: '0.9' },
          )
          break
        }
        case 'Record': {
          const seconds = Math.min(script.messageSeconds ?? 6, after.maxLengthSeconds)
          await call.wait(seconds)
          if (call.ended()) return
          const recordingId = deps.newId('RE')
          deps.keepRecording(recordingId, synthesizeRecording({ seconds }), [
            {
              speaker: 'customer',
              startSeconds: 0,
              endSeconds: seconds,
              text: 'Hello, please call me back about my claim.',
            },
          ])
          await deps.deliver('recording', recordingCallback, {
            CallSid: call.callId,
            RecordingSid: recordingId,
            RecordingStatus: 'completed',
            RecordingDuration: String(seconds),
            RecordingChannels: '1',
            RecordingUrl: deps.url(`/simulator/recordings/${recordingId}`),
          })
          body = await back({ RecordingSid: recordingId, RecordingDuration: String(seconds) })
          break
        }
        case 'Hold': {
          if (after.music) call.played.push(after.music)
          // Waits on hold in short steps: connected to an agent, the caller stays on the line with them.
          for (let waited = 0; waited < after.seconds; waited += 0.5) {
            if (call.conference() || call.ended()) return
            const redirected = redirects.get(call.callId)
            if (redirected) break
            await call.wait(0.5)
          }
          const redirected = redirects.get(call.callId)
          redirects.delete(call.callId)
          body = redirected ?? (await back({}))
          break
        }
        case 'HangUp':
          await call.wait(1)
          return call.hangUp()
      }
    }
  }

  /**
   * `POST /simulator/inbound-calls`: someone calls one of the dialler's numbers. The simulator asks the
   * app's voice webhook, after plays the caller's script through the flow's turns. Resolves with the
   * call's id once the flow answered; rejects with the app's refusal otherwise.
   */
  const placeInboundCall = async (script: InboundCallScript) => {
    if (!E164_PATTERN.test(script.from)) throw new Error(`from: ${script.from} is not an E.164 number`)
    if (!E164_PATTERN.test(script.to)) throw new Error(`to: ${script.to} is not an E.164 number`)
    const call = deps.answeredCall(script.from as E164)
    const first = await deps.deliver('voice', deps.url(deps.paths.voice), {
      CallSid: call.callId,
      From: script.from,
      To: script.to,
      Direction: 'inbound',
      CallStatus: 'ringing',
    })
    if (first.status >= 300) {
      await call.hangUp()
      throw new Error(`The dialler refused the call (${first.status}): ${first.body.slice(0, 200)}`)
    }
    if (script.hangUpAfterSeconds !== undefined) void call.wait(script.hangUpAfterSeconds).then(call.hangUp)
    void follow(call, first.body, script).catch(() => call.hangUp())
    return { callId: call.callId }
  }

  return { inboundVoice, placeInboundCall }
}
