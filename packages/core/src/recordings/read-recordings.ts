import { Effect, Option, Schema } from 'effect'
import { decodeWith, firstIssue } from '../kernel/decode.js'
import { InvalidRecordingRequest, UnknownRecording } from './errors.js'
import { RecordingId, RecordingStatus } from './recording.js'
import { RecordingStore } from './recording-store.js'

const decodeRecordingId = decodeWith(
  RecordingId,
  () => new InvalidRecordingRequest({ field: 'recordingId', message: 'recordingId: must be a UUID' }),
)

/** A recording by the id a caller gave us, checked, or `UnknownRecording`. */
export const findRecording = (recordingId: string) =>
  Effect.gen(function* () {
    const id = yield* decodeRecordingId(recordingId)
    const found = yield* Effect.flatMap(RecordingStore, (store) => store.findRecording(id))
    if (Option.isNone(found)) {
      return yield* new UnknownRecording({ recordingId, message: `No recording has id ${recordingId}` })
    }
    return found.value
  })

export const RecordingListFilter = Schema.Struct({
  status: Schema.optionalWith(RecordingStatus, { exact: true }),
  sessionId: Schema.optionalWith(Schema.NonEmptyTrimmedString, { exact: true }),
  providerCallId: Schema.optionalWith(Schema.NonEmptyTrimmedString, { exact: true }),
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1000)), { default: () => 100 }),
})
export type RecordingListFilter = typeof RecordingListFilter.Encoded

/** Recordings newest first, e.g. `{ status: 'failed' }` for the ones a supervisor should look at. */
export const listRecordings = (filter: RecordingListFilter = {}) =>
  Effect.gen(function* () {
    const valid = yield* Schema.decodeUnknown(RecordingListFilter)(filter, { errors: 'first' }).pipe(
      Effect.mapError((error) => new InvalidRecordingRequest(firstIssue(error.issue))),
    )
    return yield* Effect.flatMap(RecordingStore, (store) => store.listRecordings(valid))
  })
