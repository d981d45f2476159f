import { Clock, Effect, Schema } from 'effect'
import { AuditLog } from '../audit/audit-log.js'
import { firstIssue } from '../kernel/decode.js'
import { InvalidRecordingRequest } from './errors.js'
import type { RecordingId } from './recording.js'
import { RecordingStorage } from './recording-storage.js'
import { RecordingStore } from './recording-store.js'

const RetentionPolicy = Schema.Struct({
  /** Recordings made more than this many days ago are deleted. */
  olderThanDays: Schema.Int.pipe(Schema.between(1, 36_500)),
  /** At most this many per run; the daily job picks up the rest next time. */
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 10_000)), { default: () => 500 }),
})
export type RetentionPolicy = typeof RetentionPolicy.Encoded

export interface RetentionReport {
  readonly cutoff: Date
  readonly deleted: number
  /** Recordings whose media could not be removed this run; they stay as they were and are tried again. */
  readonly failed: ReadonlyArray<{ readonly recordingId: RecordingId; readonly reason: string }>
}

/**
 * The retention job: removes the media of recordings made before the cutoff and marks their rows
 * `deleted` (the row stays, so call history still shows a recording existed). Each deletion is audited.
 */
export const applyRecordingRetention = (policy: RetentionPolicy) =>
  Effect.gen(function* () {
    const { olderThanDays, limit } = yield* Schema.decodeUnknown(RetentionPolicy)(policy).pipe(
      Effect.mapError((error) => new InvalidRecordingRequest(firstIssue(error.issue))),
    )
    const store = yield* RecordingStore
    const storage = yield* RecordingStorage
    const audit = yield* AuditLog
    const now = yield* Clock.currentTimeMillis
    const cutoff = new Date(now - olderThanDays * 86_400_000)
    const failed: Array<{ recordingId: RecordingId; reason: string }> = []
    let deleted = 0
    for (const recording of yield* store.recordedBefore(cutoff, limit)) {
      // Media first: a row marked deleted must never leave its media behind.
      const removed = recording.storagePath
        ? yield* Effect.either(storage.remove(recording.storagePath))
        : undefined
      if (removed?._tag === 'Left') {
        failed.push({ recordingId: recording.id, reason: removed.left.message })
        continue
      }
      yield* store.markDeleted(recording.id, new Date(now))
      yield* audit.record({
        actor: 'system',
        action: 'recording.deleted',
        subject: `recording:${recording.id}`,
        detail: { reason: 'retention', olderThanDays, previousStatus: recording.status },
        at: new Date(now),
      })
      deleted++
    }
    if (failed.length > 0) {
      yield* Effect.logWarning(
        'Retention could not remove some recordings; they are tried again next run',
      ).pipe(Effect.annotateLogs({ failed: failed.length }))
    }
    return { cutoff, deleted, failed } satisfies RetentionReport
  })
