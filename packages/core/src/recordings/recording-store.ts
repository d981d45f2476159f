import { Context, type Effect, type Option, Schema } from 'effect'
import type { Recording, RecordingId, RecordingStatus } from './recording.js'

/** The recordings table failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class RecordingStoreError extends Schema.TaggedError<RecordingStoreError>()('RecordingStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** What the pipeline knows when a provider reports a finished recording. */
export interface NewRecording {
  readonly provider: string
  readonly providerRecordingId: string
  readonly providerCallId: string
  readonly sessionId: string | null
  /** `fetching` when there is media to copy; `unavailable` when the provider says there is none. */
  readonly status: Extract<RecordingStatus, 'fetching' | 'unavailable'>
  readonly mediaUrl: string | null
  readonly durationSeconds: number | null
  readonly channels: number | null
  readonly failureReason: string | null
  readonly recordedAt: Date
}

export interface RecordingFilter {
  readonly status?: RecordingStatus
  readonly sessionId?: string
  readonly providerCallId?: string
  readonly limit: number
}

type Op<A> = Effect.Effect<A, RecordingStoreError>

/**
 * The dialler's recordings table: one row per provider recording, whatever happened to its media. Kept
 * apart from the dialler store so an app can hold recordings elsewhere.
 */
export interface RecordingStoreService {
  /**
   * Adds the recording unless one with the same provider and provider recording id exists, in one
   * statement, so duplicate webhooks racing each other make one row. `created` says which happened.
   */
  readonly addRecording: (
    recording: NewRecording,
    now: Date,
  ) => Op<{ readonly recording: Recording; readonly created: boolean }>
  readonly findRecording: (id: RecordingId) => Op<Option.Option<Recording>>
  readonly listRecordings: (filter: RecordingFilter) => Op<ReadonlyArray<Recording>>
  /** The media is in storage. `fetchTries` is added to the recording's count. */
  readonly markStored: (
    id: RecordingId,
    stored: {
      readonly storagePath: string
      readonly contentType: string
      readonly sizeBytes: number
      readonly fetchTries: number
    },
    now: Date,
  ) => Op<Recording>
  /** Copying failed for `reason`. `fetchTries` is added to the recording's count. */
  readonly markFailed: (
    id: RecordingId,
    failure: { readonly reason: string; readonly fetchTries: number },
    now: Date,
  ) => Op<Recording>
  /**
   * Failed recordings with fewer than `maxFetchAttempts` tries, and fetches abandoned (a `fetching` row
   * untouched since `abandonedBefore`, its worker gone), oldest first.
   */
  readonly retryableRecordings: (filter: {
    readonly abandonedBefore: Date
    readonly maxFetchAttempts: number
    readonly limit: number
  }) => Op<ReadonlyArray<Recording>>
  /**
   * Moves a failed or abandoned recording back to `fetching` for one worker, atomically: None when it
   * is neither (another worker took it, or it was stored meanwhile).
   */
  readonly claimForRetry: (id: RecordingId, abandonedBefore: Date, now: Date) => Op<Option.Option<Recording>>
  /** Recordings made before the cutoff that are not deleted or being fetched, oldest first. */
  readonly recordedBefore: (cutoff: Date, limit: number) => Op<ReadonlyArray<Recording>>
  /** The media is gone; the row stays, marked `deleted`. */
  readonly markDeleted: (id: RecordingId, now: Date) => Op<Recording>
}

export class RecordingStore extends Context.Tag('@ringlane/core/RecordingStore')<
  RecordingStore,
  RecordingStoreService
>() {}
