import { Effect, Option, Schema } from 'effect'
import { decodeWith, firstIssue } from '../kernel/decode.js'
import { InvalidTranscriptRequest } from './errors.js'
import { TranscriptStore } from './transcript-store.js'

const RecordingIdInput = Schema.UUID.annotations({ message: () => 'must be a UUID' })
const decodeRecordingId = decodeWith(
  RecordingIdInput,
  () => new InvalidTranscriptRequest({ field: 'recordingId', message: 'recordingId: must be a UUID' }),
)

/** A recording's transcript, or null when it has none (not transcribed, or not yet). */
export const transcriptOfRecording = (recordingId: string) =>
  Effect.gen(function* () {
    const id = yield* decodeRecordingId(recordingId)
    const found = yield* Effect.flatMap(TranscriptStore, (store) => store.transcriptOfRecording(id))
    return Option.getOrNull(found)
  })

export const CallTranscriptsQuery = Schema.Struct({
  sessionId: Schema.optionalWith(Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)), { exact: true }),
  providerCallId: Schema.optionalWith(Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)), {
    exact: true,
  }),
}).pipe(
  Schema.filter((q) =>
    q.sessionId !== undefined || q.providerCallId !== undefined
      ? undefined
      : { path: ['sessionId'], message: 'give sessionId or providerCallId' },
  ),
)
export type CallTranscriptsQuery = typeof CallTranscriptsQuery.Encoded

/** A call's transcripts (one per recording), by our session id or the provider's call id. */
export const transcriptsOfCall = (query: CallTranscriptsQuery) =>
  Effect.gen(function* () {
    const valid = yield* Schema.decodeUnknown(CallTranscriptsQuery)(query, { errors: 'first' }).pipe(
      Effect.mapError((error) => new InvalidTranscriptRequest(firstIssue(error.issue))),
    )
    return yield* Effect.flatMap(TranscriptStore, (store) => store.transcriptsOfCall(valid))
  })

export const TranscriptSearch = Schema.Struct({
  /** Words or a "quoted phrase"; `-word` leaves out turns with it. */
  query: Schema.Trim.pipe(
    Schema.minLength(1, { message: () => 'must hold a word to look for' }),
    Schema.maxLength(200),
  ),
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 200)), { default: () => 50 }),
})
export type TranscriptSearch = typeof TranscriptSearch.Encoded

/** Turns of completed transcripts that match, best first, with their call and recording. */
export const searchTranscripts = (search: TranscriptSearch) =>
  Effect.gen(function* () {
    const valid = yield* Schema.decodeUnknown(TranscriptSearch)(search, { errors: 'first' }).pipe(
      Effect.mapError((error) => new InvalidTranscriptRequest(firstIssue(error.issue))),
    )
    return yield* Effect.flatMap(TranscriptStore, (store) => store.searchTranscripts(valid))
  })
