import { Context, type Effect, type Option, Schema } from 'effect'
import type { E164 } from '../kernel/phone-numbers.js'
import type { InvalidWebhook, WebhookParams, WebhookRejected, WebhookRequest } from '../kernel/webhooks.js'
import type { CallEvent, RecordingEvent } from './call-event.js'

export { InvalidWebhook, type WebhookParams, WebhookRejected, WebhookRequest } from '../kernel/webhooks.js'

/** The provider failed or could not be reached. Carries the provider's error as `cause`. */
export class TelephonyError extends Schema.TaggedError<TelephonyError>()('TelephonyError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** Text the provider speaks, or an https audio file it plays. */
export type SpokenMessage = { readonly say: string } | { readonly play: string }

/** A call the engine places from the server. */
export interface ServerCall {
  readonly sessionId: string
  readonly to: E164
  /** The number the lead sees (the campaign's). */
  readonly callerId: string
  readonly ringTimeoutSeconds: number
  /** Asynchronous answering-machine detection: the call is not held up while it listens. */
  readonly machineDetection: boolean
}

/** The conference an agent's browser leg waits in, one per agent, named from their identity. */
export const agentConference = (agentIdentity: string) => `ringlane-agent-${agentIdentity}`

export interface OutboundCall {
  readonly sessionId: string
  readonly to: E164
  /** The number the lead sees; the adapter's configured default when null. */
  readonly callerId: string | null
  readonly record: boolean
  readonly machineDetection: boolean
}

/** What the provider is told to do with the agent's browser call, e.g. TwiML. */
export interface CallInstructions {
  readonly contentType: string
  readonly body: string
}

export interface AccessToken {
  readonly token: string
  readonly identity: string
  readonly expiresAt: Date
}

/**
 * A telephony provider. Server side only; the browser side is a `Softphone.SoftphoneDriver`.
 */
export interface TelephonyService {
  /** Which provider this is, for logs and health (`twilio`, `simulator`). */
  readonly provider: string
  /** A token that lets one agent's browser softphone register and place calls. */
  readonly accessToken: (identity: string) => Effect.Effect<AccessToken, TelephonyError>
  /** The instructions that connect the agent's browser call to the lead, recorded from answer. */
  readonly outboundCallInstructions: (call: OutboundCall) => Effect.Effect<CallInstructions, TelephonyError>
  /** Checks the webhook came from the provider (signature against the public URL). */
  readonly verifyWebhook: (request: WebhookRequest) => Effect.Effect<WebhookParams, WebhookRejected>
  /** A verified call-status webhook as a call event. */
  readonly parseCallEvent: (params: WebhookParams) => Effect.Effect<CallEvent, InvalidWebhook>
  /** A verified recording-status webhook as a recording event. */
  readonly parseRecordingEvent: (params: WebhookParams) => Effect.Effect<RecordingEvent, InvalidWebhook>
  /** Asks the provider where a call is now, for calls whose callbacks never came. None if unknown. */
  readonly lookupCall: (providerCallId: string) => Effect.Effect<Option.Option<CallEvent>, TelephonyError>
  /**
   * Places a call from the server (the call engine): the lead's phone rings for up to
   * `ringTimeoutSeconds`; once answered the call waits, silent, for `connectToAgent` or
   * `playMessageAndHangUp`. With `machineDetection` the provider says asynchronously who answered
   * (a call event with `answeredBy`, through the same status webhook). Status webhooks carry the
   * session id, like the browser's calls.
   */
  readonly placeCall: (call: ServerCall) => Effect.Effect<{ readonly providerCallId: string }, TelephonyError>
  /**
   * Joins an answered server call to the agent's own conference, where their browser leg waits (see
   * `agentLegInstructions`): no ringing, the audio connects at once.
   */
  readonly connectToAgent: (
    providerCallId: string,
    agentIdentity: string,
  ) => Effect.Effect<void, TelephonyError>
  /** Plays a message on an answered server call, then hangs up (an abandoned call, an answering machine). */
  readonly playMessageAndHangUp: (
    providerCallId: string,
    message: SpokenMessage,
  ) => Effect.Effect<void, TelephonyError>
  /**
   * Hangs a call up from the server, ringing or answered (the engine's calls, an agent whose page lost
   * the call, a supervisor ending a stuck one); the provider then reports its final status as usual.
   * False when the provider does not know the call; a call already over stays as it ended.
   */
  readonly endCall: (providerCallId: string) => Effect.Effect<boolean, TelephonyError>
  /**
   * What the provider is told to do with a ready agent's browser call in auto mode: wait in the
   * agent's own conference for the engine's calls.
   */
  readonly agentLegInstructions: (agentIdentity: string) => Effect.Effect<CallInstructions, TelephonyError>
  /** Downloads a finished recording's audio with the provider's credentials. */
  readonly fetchRecording: (
    recording: Pick<RecordingEvent, 'providerRecordingId' | 'mediaUrl'>,
  ) => Effect.Effect<{ readonly bytes: Uint8Array; readonly contentType: string }, TelephonyError>
}

export class Telephony extends Context.Tag('@ringlane/core/Telephony')<Telephony, TelephonyService>() {}
