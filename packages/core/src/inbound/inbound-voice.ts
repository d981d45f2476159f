import { Context, type Effect } from 'effect'
import type { E164 } from '../kernel/phone-numbers.js'
import type { InvalidWebhook, WebhookParams } from '../kernel/webhooks.js'
import type { CallInstructions, TelephonyError } from '../telephony/telephony.js'
import type { Prompt } from './flow.js'
import type { CallerInput } from './walk.js'

/** A call to one of the dialler's numbers, as the provider's voice webhook announces it. */
export interface IncomingCall {
  readonly providerCallId: string
  readonly from: E164
  readonly to: E164
}

/** The caller's message, as the provider reports it when the recording stops. */
export interface RecordedMessage {
  readonly providerRecordingId: string
  readonly durationSeconds: number | null
}

/** Where the flow's webhook comes back to: the session, the step, and the menu's attempt. */
export interface FlowPlace {
  readonly sessionId: string
  readonly stepId: string
  readonly attempt: number
}

/** What the caller is told next, in the provider's terms (TwiML for Twilio). */
export interface IvrInstructions {
  readonly place: FlowPlace
  /** Heard first, in order. */
  readonly prompts: ReadonlyArray<Prompt>
  readonly after:
    | {
        readonly _tag: 'Gather'
        readonly timeoutSeconds: number
        /** Words to listen for (speech recognition hints). */
        readonly hints: ReadonlyArray<string>
      }
    /** A message after the tone, up to `maxLengthSeconds`, recorded through the recording webhook. */
    | { readonly _tag: 'Record'; readonly maxLengthSeconds: number }
    /** The caller waits (the hold message looped) until the call is connected; asks again after `seconds`. */
    | { readonly _tag: 'Hold'; readonly music: Prompt | null; readonly seconds: number }
    | { readonly _tag: 'HangUp' }
}

/**
 * The provider side of inbound calls: reading its voice and flow webhooks (already verified with
 * `Telephony.verifyWebhook`) and telling a live call what to play, ask or record next. Webhook
 * parameters of our own (`ringlaneSession`, `step`, `attempt`) ride in the callback URLs it builds.
 */
export interface InboundVoiceService {
  readonly provider: string
  readonly incomingCall: (params: WebhookParams) => Effect.Effect<IncomingCall, InvalidWebhook>
  /** The caller's keys or words on a flow webhook; neither when they gave nothing. */
  readonly callerInput: (params: WebhookParams) => CallerInput
  /** The message recorded, when the flow webhook reports one (the end of a `Record`). */
  readonly recordedMessage: (params: WebhookParams) => RecordedMessage | null
  readonly instructions: (next: IvrInstructions) => Effect.Effect<CallInstructions, TelephonyError>
  /** Gives a live call new instructions now (a caller waiting in a queue sent to voicemail, say). */
  readonly redirect: (providerCallId: string, next: IvrInstructions) => Effect.Effect<void, TelephonyError>
}

export class InboundVoice extends Context.Tag('@ringlane/core/InboundVoice')<
  InboundVoice,
  InboundVoiceService
>() {}

/** Our own parameters on the flow webhook's URL. */
export const FLOW_STEP_PARAM = 'step'
export const FLOW_ATTEMPT_PARAM = 'attempt'
