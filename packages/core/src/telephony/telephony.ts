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

/**
 * Who is who in an agent's conference: participants carry labels, so an operation names "the caller"
 * or "the supervisor" rather than a call id (Twilio accepts a label wherever it takes a participant's
 * call SID).
 */
export const participantLabels = {
  /** The agent whose conference it is (their browser leg). */
  agent: 'agent',
  /** The person the call is with (the lead, the inbound caller). */
  caller: 'caller',
  /** Another agent's browser leg, visiting this conference (a consult, a three-way call). */
  visitingAgent: (agentIdentity: string) => `agent:${agentIdentity}`,
  supervisor: (identity: string) => `supervisor:${identity}`,
  /** An outside number added to the call. */
  guest: (to: string) => `guest:${to}`,
} as const

/** The agent identity of a visiting agent's label, or null for any other label. */
export const visitingAgentOf = (label: string) => (label.startsWith('agent:') ? label.slice(6) : null)

/** Someone in a conference, as the provider reports them now. */
export interface ConferenceParticipant {
  readonly label: string
  readonly providerCallId: string
  /** On hold: hears the hold music, and nobody hears them. */
  readonly hold: boolean
  /** Muted: hears everyone, nobody hears them. */
  readonly muted: boolean
  /** Coaching: only the participant with this call id hears them (a whispering supervisor). */
  readonly coaching: string | null
}

/** Whom a new participant is: an agent's waiting browser leg, a browser to ring, or a number. */
export type ParticipantTarget =
  | { readonly kind: 'agent-leg'; readonly agentIdentity: string }
  | { readonly kind: 'client'; readonly identity: string }
  /** An outside number; it sees `callerId`, or the adapter's default number when null. */
  | { readonly kind: 'number'; readonly to: E164; readonly callerId: string | null }

export interface NewParticipant {
  readonly label: string
  readonly target: ParticipantTarget
  readonly muted: boolean
  /** The call id of the participant only they will hear (coaching), or null. */
  readonly coaching: string | null
}

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
  /**
   * Takes an answered call out of any conference to wait, hearing the provider's hold music, for
   * `connectToAgent` (a call transferred to a queue).
   */
  readonly waitForAgent: (providerCallId: string) => Effect.Effect<void, TelephonyError>
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
   * agent's own conference for the engine's calls. A newer line takes over from one already there (the
   * agent reloaded, or opened another window): the older one leaves without ending the conference, so
   * a call in it goes on with the agent's new line.
   */
  readonly agentLegInstructions: (agentIdentity: string) => Effect.Effect<CallInstructions, TelephonyError>
  /** Who is in the conference now, and how (held, muted, coaching); empty when it is not running. */
  readonly conferenceParticipants: (
    conference: string,
  ) => Effect.Effect<ReadonlyArray<ConferenceParticipant>, TelephonyError>
  /** Puts a participant on hold (hold music, nobody hears them) or takes them off it. */
  readonly holdParticipant: (
    conference: string,
    label: string,
    hold: boolean,
  ) => Effect.Effect<void, TelephonyError>
  /**
   * Brings someone into a running conference under `label`: another agent's waiting browser leg (it
   * leaves their own conference, which ends nothing: it returns there on `removeParticipant`), a browser
   * to ring, or an outside number. Their leaving never ends the conference.
   */
  readonly addParticipant: (
    conference: string,
    participant: NewParticipant,
  ) => Effect.Effect<{ readonly providerCallId: string }, TelephonyError>
  /** Mutes or unmutes a participant and sets whom they coach (null: everyone hears them). */
  readonly updateParticipant: (
    conference: string,
    label: string,
    settings: { readonly muted: boolean; readonly coaching: string | null },
  ) => Effect.Effect<void, TelephonyError>
  /**
   * Takes a participant out: a visiting agent's leg goes back to waiting in their own conference, anyone
   * else is hung up. False when nobody has that label there.
   */
  readonly removeParticipant: (conference: string, label: string) => Effect.Effect<boolean, TelephonyError>
  /** Downloads a finished recording's audio with the provider's credentials. */
  readonly fetchRecording: (
    recording: Pick<RecordingEvent, 'providerRecordingId' | 'mediaUrl'>,
  ) => Effect.Effect<{ readonly bytes: Uint8Array; readonly contentType: string }, TelephonyError>
}

export class Telephony extends Context.Tag('@ringlane/core/Telephony')<Telephony, TelephonyService>() {}
