import { Context, type Effect, Schema, type Scope, type Stream } from 'effect'

/**
 * Why a provider's session ended without a conversation finished: each failure is typed so the call's
 * record says which provider failed and how.
 * - `NoFirstResponse`: no audio within the first-response window.
 * - `Disconnected`: the connection dropped or closed mid-call.
 * - `MalformedMessage`: it sent something that is not its documented protocol.
 * - `ProviderRefused`: it answered with an error (bad key, quota, refused session).
 * - `ConnectFailed`: it could not be reached at all.
 */
export const FailureReason = Schema.Literal(
  'NoFirstResponse',
  'Disconnected',
  'MalformedMessage',
  'ProviderRefused',
  'ConnectFailed',
)
export type FailureReason = typeof FailureReason.Type

/** A provider's session failed; `reason` says how, `message` what it said (never a key or token). */
export class VoiceAgentFailure extends Schema.TaggedError<VoiceAgentFailure>()('VoiceAgentFailure', {
  provider: Schema.String,
  reason: FailureReason,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** Who said a line of the conversation. */
export const Speaker = Schema.Literal('agent', 'caller')
export type Speaker = typeof Speaker.Type

/**
 * What a provider's session says while it runs:
 * - `Audio`: agent speech to play, base64 G.711 µ-law at 8 kHz (Twilio Media Streams' format).
 * - `Transcript`: a finished line, the caller's or the agent's.
 * - `Intent`: the agent understood something the dialler acts on: `human-requested` (the caller
 *   asks for a person) or `conversation-done` (it has finished; the call may end).
 * - `Interrupted`: the caller spoke over the agent; audio queued on the line should stop.
 */
export type VoiceAgentEvent =
  | { readonly _tag: 'Audio'; readonly payload: string }
  | { readonly _tag: 'Transcript'; readonly speaker: Speaker; readonly text: string }
  | {
      readonly _tag: 'Intent'
      readonly intent: 'human-requested' | 'conversation-done'
      readonly detail: string
    }
  | { readonly _tag: 'Interrupted' }

/** What the agent is told for this call: its own instructions, then the call's context. */
export interface AgentBrief {
  readonly callId: string
  readonly instructions: string
  /** The call's context in plain words: the lead's case, the campaign's goal. */
  readonly context: string
  /** What was said so far, when a provider takes over from one that failed. */
  readonly transcript: ReadonlyArray<{ readonly speaker: Speaker; readonly text: string }>
}

/** One provider's conversation over one call. */
export interface VoiceAgentSession {
  /** What the agent says and understands; ends when the provider ends the session, fails with why. */
  readonly events: Stream.Stream<VoiceAgentEvent, VoiceAgentFailure>
  /** Caller audio, base64 G.711 µ-law at 8 kHz, as it arrives. */
  readonly sendAudio: (payload: string) => Effect.Effect<void>
}

/**
 * An AI voice agent provider: a model that talks over a call's audio. `open` starts a session for a
 * call; closing the scope closes it (the socket, the provider's session).
 */
export interface VoiceAgentProviderService {
  readonly name: string
  readonly open: (brief: AgentBrief) => Effect.Effect<VoiceAgentSession, VoiceAgentFailure, Scope.Scope>
}

/** The providers an AI agent's chain may name. */
export class VoiceAgentProviders extends Context.Tag('@ringlane/core/VoiceAgentProviders')<
  VoiceAgentProviders,
  ReadonlyArray<VoiceAgentProviderService>
>() {}
