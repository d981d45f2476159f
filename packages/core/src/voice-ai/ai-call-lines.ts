import { Context, type Effect, type Option, Schema } from 'effect'
import type { CallAudioLine } from './call-audio.js'
import type { TakeCallRequest } from './take-call.js'

/** The call's audio could not be sent to the AI agent (the provider refused the redirect, say). */
export class AiLineFailed extends Schema.TaggedError<AiLineFailed>()('AiLineFailed', {
  providerCallId: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** An answered call on its way to an AI agent: what `takeCall` will be asked, and its signed ticket. */
export interface AiCallRoute {
  readonly request: TakeCallRequest
  /**
   * `request` signed with the `streamSecret` (`signAiCallTicket`): a line that arrives later (a Twilio
   * Media Stream) carries it back, and only a stream with a valid ticket is given to the agent. Null
   * when no `streamSecret` is set.
   */
  readonly ticket: string | null
}

/**
 * How an answered call's audio reaches an AI agent, the transport's side of `takeCall`:
 * - a line at hand (the simulator's caller): `Some(line)`, and the caller of `connect` runs the session;
 * - a line that comes later (Twilio: the call is redirected to `<Connect><Stream>` with the ticket as a
 *   custom parameter): `None`; the app's stream endpoint gives it to `voiceAi.acceptStream`.
 */
export interface AiCallLinesService {
  readonly connect: (route: AiCallRoute) => Effect.Effect<Option.Option<CallAudioLine>, AiLineFailed>
}

export class AiCallLines extends Context.Tag('@ringlane/core/AiCallLines')<
  AiCallLines,
  AiCallLinesService
>() {}
