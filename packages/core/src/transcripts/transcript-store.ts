import { Context, type Effect, type Option, Schema } from 'effect'
import type {
  Transcript,
  TranscriptId,
  TranscriptionSource,
  TranscriptMatch,
  TranscriptTurn,
} from './transcript.js'

/** The transcripts tables failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class TranscriptStoreError extends Schema.TaggedError<TranscriptStoreError>()('TranscriptStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** A stored recording to transcribe: ours, and as the provider knows it (`source`). */
export interface NewTranscript {
  readonly recordingId: string
  readonly sessionId: string | null
  readonly provider: string
  readonly source: TranscriptionSource
}

type Op<A> = Effect.Effect<A, TranscriptStoreError>

/** The dialler's transcripts: one per recording, its turns searchable as full text. */
export interface TranscriptStoreService {
  /**
   * Queues a recording's transcript unless it has one, in one statement, so duplicate triggers make
   * one row. `created` says which happened. A queued transcript is due at once.
   */
  readonly queueTranscript: (
    transcript: NewTranscript,
    now: Date,
  ) => Op<{ readonly transcript: Transcript; readonly created: boolean }>
  readonly findTranscript: (id: TranscriptId) => Op<Option.Option<Transcript>>
  readonly transcriptOfRecording: (recordingId: string) => Op<Option.Option<Transcript>>
  /** The call's transcripts (by our session id or the provider's call id), oldest first. */
  readonly transcriptsOfCall: (call: {
    readonly sessionId?: string
    readonly providerCallId?: string
  }) => Op<ReadonlyArray<Transcript>>
  readonly transcriptByProviderId: (
    provider: string,
    providerTranscriptId: string,
  ) => Op<Option.Option<Transcript>>
  /**
   * The job's work, oldest first: queued and failed transcripts whose `nextAttemptAt` has come, and
   * requested ones (to ask the provider how they are).
   */
  readonly dueTranscripts: (now: Date, limit: number) => Op<ReadonlyArray<Transcript>>
  /** The provider took the request: `requested`, one more attempt counted. */
  readonly markRequested: (id: TranscriptId, providerTranscriptId: string, now: Date) => Op<Transcript>
  /**
   * Stores the turns and marks it completed, atomically; None when it was already completed (a
   * callback and the job racing), and nothing is written then.
   */
  readonly completeTranscript: (
    id: TranscriptId,
    turns: ReadonlyArray<TranscriptTurn>,
    now: Date,
  ) => Op<Option.Option<Transcript>>
  /**
   * A try failed for `reason`: `attempts` is the requests made so far; tried again from `retryAt`, or
   * never when it is null.
   */
  readonly markFailed: (
    id: TranscriptId,
    failure: { readonly reason: string; readonly attempts: number; readonly retryAt: Date | null },
    now: Date,
  ) => Op<Transcript>
  /**
   * Turns of completed transcripts matching a phrase, as full-text search (words stemmed, quoted
   * phrases kept together, `-word` excluded), best first then newest.
   */
  readonly searchTranscripts: (search: {
    readonly query: string
    readonly limit: number
  }) => Op<ReadonlyArray<TranscriptMatch>>
}

export class TranscriptStore extends Context.Tag('@ringlane/core/TranscriptStore')<
  TranscriptStore,
  TranscriptStoreService
>() {}
