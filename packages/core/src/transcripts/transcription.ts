import { Context, type Effect, Schema } from 'effect'
import type { InvalidWebhook, WebhookRejected, WebhookRequest } from '../kernel/webhooks.js'
import type { TranscriptionSource, TranscriptTurn } from './transcript.js'

export type { TranscriptionSource }

/** The transcription provider failed (network, refusal, an answer it could not read). Carries `cause`. */
export class TranscriptionError extends Schema.TaggedError<TranscriptionError>()('TranscriptionError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** Where a requested transcript is at the provider. */
export type TranscriptionResult =
  | { readonly status: 'pending' }
  | { readonly status: 'completed'; readonly turns: ReadonlyArray<TranscriptTurn> }
  | { readonly status: 'failed'; readonly reason: string }

/**
 * A post-call transcription provider: asked to transcribe a finished recording, it answers later with
 * speaker turns and their times. The job polls `result`; a provider that calls back says which
 * transcript is ready through `verifyCallback`, and the same `result` is read then.
 */
export interface TranscriptionService {
  /** The provider's name, stored on each transcript (`twilio`, `simulator`). */
  readonly provider: string
  /** Starts transcribing a recording; the provider's id of the transcript. */
  readonly request: (
    source: TranscriptionSource,
  ) => Effect.Effect<{ readonly providerTranscriptId: string }, TranscriptionError>
  readonly result: (providerTranscriptId: string) => Effect.Effect<TranscriptionResult, TranscriptionError>
  /**
   * Checks a "transcript ready" callback's signature and reads which transcript it is about: fails
   * `WebhookRejected` when unsigned or badly signed, `InvalidWebhook` when it names none.
   */
  readonly verifyCallback: (
    request: WebhookRequest,
  ) => Effect.Effect<{ readonly providerTranscriptId: string }, WebhookRejected | InvalidWebhook>
}

export class Transcription extends Context.Tag('@ringlane/core/Transcription')<
  Transcription,
  TranscriptionService
>() {}
