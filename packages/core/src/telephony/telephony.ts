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
   * Hangs a call up from the server (an agent whose page lost the call, a supervisor ending a stuck
   * one); the provider then reports its final status as usual. False when the provider does not know
   * the call; a call already over stays as it ended.
   */
  readonly endCall: (providerCallId: string) => Effect.Effect<boolean, TelephonyError>
  /** Places a call from the server (progressive dialing), connecting to `instructionsUrl` on answer. */
  readonly placeCall: (call: {
    readonly to: E164
    readonly from: string | null
    readonly instructionsUrl: string
    readonly statusCallbackUrl: string
  }) => Effect.Effect<{ readonly providerCallId: string }, TelephonyError>
  /** Downloads a finished recording's audio with the provider's credentials. */
  readonly fetchRecording: (
    recording: Pick<RecordingEvent, 'providerRecordingId' | 'mediaUrl'>,
  ) => Effect.Effect<{ readonly bytes: Uint8Array; readonly contentType: string }, TelephonyError>
}

export class Telephony extends Context.Tag('@ringlane/core/Telephony')<Telephony, TelephonyService>() {}
