import { Clock, Duration, Effect, Either, Option, Ref, Schedule, Schema } from 'effect'
import { decodeWith, firstIssue } from '../kernel/decode.js'
import { publish } from '../kernel/events.js'
import { JobOptions } from '../kernel/job-options.js'
import { RecordingEvent } from '../telephony/call-event.js'
import { Telephony, TelephonyError } from '../telephony/telephony.js'
import { InvalidRecordingRequest, RecordingNotRetryable } from './errors.js'
import { findRecording } from './read-recordings.js'
import { normalizeContentType, type Recording, recordingPath } from './recording.js'
import { type RecordingSettings, RecordingsConfig } from './recording-settings.js'
import { RecordingStorage } from './recording-storage.js'
import { RecordingStore } from './recording-store.js'

/** A recording's media could not be copied into storage after every try; it is kept as failed. */
export interface RecordingFailed {
  readonly _tag: 'RecordingFailed'
  readonly at: Date
  readonly recordingId: string
  readonly sessionId: string | null
  readonly reason: string
}

/** What became of a recording event: its row, and whether this call stored, failed or did nothing. */
export interface RecordingOutcome {
  readonly outcome: 'stored' | 'failed' | 'unavailable' | 'duplicate'
  readonly recording: Recording
}

const now = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms))

/** Exponential backoff with jitter, capped, for `fetchTries` tries in all. */
const backoff = (settings: RecordingSettings) =>
  Schedule.exponential(Duration.millis(settings.fetchBackoffMs), 2).pipe(
    Schedule.jittered,
    // union takes the shorter delay: the exponential one until it passes the cap.
    Schedule.union(Schedule.spaced(Duration.millis(settings.fetchMaxBackoffMs))),
    Schedule.intersect(Schedule.recurs(settings.fetchTries - 1)),
  )

/**
 * Copies one recording's media from the provider into storage, each step retried with backoff, and
 * writes the result to its row: `stored`, or `failed` with the reason. A failure is logged and kept on
 * the row for the retry job; only the recordings table failing makes this fail.
 */
const copyMedia = (recording: Recording) =>
  Effect.gen(function* () {
    const telephony = yield* Telephony
    const storage = yield* RecordingStorage
    const store = yield* RecordingStore
    const settings = yield* RecordingsConfig
    const tries = yield* Ref.make(0)

    const fetched = yield* Ref.update(tries, (n) => n + 1).pipe(
      // Suspended, so each retry asks the adapter again rather than re-running one prepared effect.
      Effect.zipRight(
        Effect.suspend(() =>
          telephony.fetchRecording({
            providerRecordingId: recording.providerRecordingId,
            mediaUrl: recording.mediaUrl,
          }),
        ),
      ),
      Effect.filterOrFail(
        (media) => media.bytes.byteLength > 0,
        () => new TelephonyError({ operation: 'fetch a recording', message: 'the provider sent no bytes' }),
      ),
      Effect.retry(backoff(settings)),
      Effect.mapError((error) => `fetching the media from ${telephony.provider} failed: ${error.message}`),
      Effect.flatMap((media) => {
        const contentType = normalizeContentType(media.contentType)
        return Effect.suspend(() =>
          storage.put({ path: recordingPath(recording, contentType), bytes: media.bytes, contentType }),
        ).pipe(
          Effect.retry(backoff(settings)),
          Effect.map((storagePath) => ({ storagePath, contentType, sizeBytes: media.bytes.byteLength })),
          Effect.mapError((error) => `storing the media in ${storage.backend} failed: ${error.message}`),
        )
      }),
      Effect.either,
    )
    const fetchTries = yield* Ref.get(tries)
    const at = yield* now
    if (Either.isRight(fetched)) {
      return {
        outcome: 'stored',
        recording: yield* store.markStored(recording.id, { ...fetched.right, fetchTries }, at),
      } as const
    }
    const reason = `${fetched.left} (after ${fetchTries} ${fetchTries === 1 ? 'try' : 'tries'})`
    yield* Effect.logWarning('A call recording could not be copied into storage; it is kept as failed').pipe(
      Effect.annotateLogs({
        recordingId: recording.id,
        providerRecordingId: recording.providerRecordingId,
        reason,
      }),
    )
    const failed = yield* store.markFailed(recording.id, { reason, fetchTries }, at)
    yield* publish({
      _tag: 'RecordingFailed',
      at,
      recordingId: failed.id,
      sessionId: failed.sessionId,
      reason,
    } satisfies RecordingFailed)
    return { outcome: 'failed', recording: failed } as const
  })

/**
 * The recording pipeline: a provider's "recording finished" event becomes a row, and its media is
 * copied into our storage. Idempotent: an event for a recording already known (a duplicate webhook)
 * changes nothing and answers `duplicate`. Run it from the recording webhook's job.
 */
export const processRecordingEvent = (event: RecordingEvent) =>
  Effect.gen(function* () {
    const valid = yield* Schema.decodeUnknown(RecordingEvent)(event).pipe(
      Effect.mapError((error) => new InvalidRecordingRequest(firstIssue(error.issue))),
    )
    const telephony = yield* Telephony
    const store = yield* RecordingStore
    const hasMedia = valid.status === 'completed'
    const { recording, created } = yield* store.addRecording(
      {
        provider: telephony.provider,
        providerRecordingId: valid.providerRecordingId,
        providerCallId: valid.providerCallId,
        sessionId: valid.sessionId,
        status: hasMedia ? 'fetching' : 'unavailable',
        mediaUrl: valid.mediaUrl,
        durationSeconds: valid.durationSeconds,
        channels: valid.channels,
        failureReason: hasMedia ? null : `the provider reported the recording ${valid.status}`,
        recordedAt: valid.occurredAt,
      },
      yield* now,
    )
    if (!created) return { outcome: 'duplicate', recording } satisfies RecordingOutcome
    if (!hasMedia) return { outcome: 'unavailable', recording } satisfies RecordingOutcome
    return (yield* copyMedia(recording)) satisfies RecordingOutcome
  })

/** Fetches a failed recording again now (a supervisor's "retry" button). */
export const retryRecording = (recordingId: string) =>
  Effect.gen(function* () {
    const recording = yield* findRecording(recordingId)
    const settings = yield* RecordingsConfig
    const at = yield* now
    const claimed = yield* Effect.flatMap(RecordingStore, (store) =>
      store.claimForRetry(recording.id, new Date(at.getTime() - settings.abandonedFetchMs), at),
    )
    if (Option.isNone(claimed)) {
      return yield* new RecordingNotRetryable({
        recordingId,
        status: recording.status,
        message: `Recording ${recordingId} is ${recording.status}; only failed recordings are fetched again`,
      })
    }
    return (yield* copyMedia(claimed.value)) satisfies RecordingOutcome
  })

export interface RecordingRetryReport {
  /** Recordings this run fetched again. */
  readonly attempted: number
  readonly stored: number
  readonly failed: number
}

const decodeOptions = decodeWith(JobOptions(50), (issue) => new InvalidRecordingRequest(issue))

/**
 * The retry job: fetches failed recordings (below `maxFetchAttempts`) and abandoned fetches again,
 * oldest first. Safe on many instances at once: each recording is claimed by one of them.
 */
export const retryFailedRecordings = (options: { readonly limit?: number } = {}) =>
  Effect.gen(function* () {
    const { limit } = yield* decodeOptions(options)
    const store = yield* RecordingStore
    const settings = yield* RecordingsConfig
    const at = yield* now
    const abandonedBefore = new Date(at.getTime() - settings.abandonedFetchMs)
    const candidates = yield* store.retryableRecordings({
      abandonedBefore,
      maxFetchAttempts: settings.maxFetchAttempts,
      limit,
    })
    const report = { attempted: 0, stored: 0, failed: 0 }
    for (const candidate of candidates) {
      const claimed = yield* store.claimForRetry(candidate.id, abandonedBefore, at)
      if (Option.isNone(claimed)) continue
      const { outcome } = yield* copyMedia(claimed.value)
      report.attempted++
      if (outcome === 'stored') report.stored++
      else report.failed++
    }
    return report satisfies RecordingRetryReport
  })
