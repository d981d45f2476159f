import { Effect, Option } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { publish } from '../kernel/events.js'
import { JobOptions } from '../kernel/job-options.js'
import { currentDate } from '../kernel/time.js'
import type { WebhookRequest } from '../kernel/webhooks.js'
import type { Recording } from '../recordings/recording.js'
import { InvalidTranscriptRequest, RecordingNotTranscribable } from './errors.js'
import type { TranscriptFailed, TranscriptQueued, TranscriptReady } from './events.js'
import type { Transcript } from './transcript.js'
import { TranscriptStore } from './transcript-store.js'
import { Transcription, type TranscriptionResult } from './transcription.js'
import { retryAt, TranscriptsConfig } from './transcripts-config.js'

/** What a transcript needs to know of its recording. */
export type TranscribableRecording = Pick<
  Recording,
  | 'id'
  | 'status'
  | 'sessionId'
  | 'providerRecordingId'
  | 'providerCallId'
  | 'mediaUrl'
  | 'durationSeconds'
  | 'channels'
>

/**
 * Queues a stored recording's transcript for the transcription job (`createRinglane` does it on each
 * `RecordingStored`; Effect users pass `Recordings.findRecording`'s recording). Idempotent: a recording
 * with a transcript keeps it, and nothing is published. Only stored recordings: that is, ones whose
 * call really happened and whose media we hold.
 */
export const queueTranscript = (recording: TranscribableRecording) =>
  Effect.gen(function* () {
    if (recording.status !== 'stored') {
      return yield* new RecordingNotTranscribable({
        recordingId: recording.id,
        status: recording.status,
        message: `Recording ${recording.id} is ${recording.status}; only stored recordings are transcribed`,
      })
    }
    const transcription = yield* Transcription
    const store = yield* TranscriptStore
    const at = yield* currentDate
    const queued = yield* store.queueTranscript(
      {
        recordingId: recording.id,
        sessionId: recording.sessionId,
        provider: transcription.provider,
        source: {
          providerRecordingId: recording.providerRecordingId,
          providerCallId: recording.providerCallId,
          mediaUrl: recording.mediaUrl,
          durationSeconds: recording.durationSeconds,
          channels: recording.channels,
        },
      },
      at,
    )
    if (queued.created) {
      yield* publish<TranscriptQueued>({
        _tag: 'TranscriptQueued',
        at,
        transcriptId: queued.transcript.id,
        recordingId: recording.id,
      })
    }
    return queued
  })

/** What one step of the job did to one transcript. */
type Step = 'requested' | 'completed' | 'failed' | 'pending' | 'skipped'

/** Marks a try failed, keeps why on the row, logs and publishes it: a failure is never silent. */
const fail = (transcript: Transcript, reason: string, attempts: number) =>
  Effect.gen(function* () {
    const settings = yield* TranscriptsConfig
    const store = yield* TranscriptStore
    const at = yield* currentDate
    const next = retryAt(settings, attempts, at)
    const failed = yield* store.markFailed(transcript.id, { reason, attempts, retryAt: next }, at)
    yield* Effect.logWarning('A transcript could not be made').pipe(
      Effect.annotateLogs({ transcriptId: transcript.id, recordingId: transcript.recordingId, reason }),
    )
    yield* publish<TranscriptFailed>({
      _tag: 'TranscriptFailed',
      at,
      transcriptId: transcript.id,
      recordingId: transcript.recordingId,
      reason,
      attempts,
      willRetry: next !== null,
    })
    return failed
  })

/** Stores a finished result (or the provider's failure) on its transcript. */
const settleResult = (transcript: Transcript, result: TranscriptionResult) =>
  Effect.gen(function* () {
    const store = yield* TranscriptStore
    const settings = yield* TranscriptsConfig
    const at = yield* currentDate
    if (result.status === 'failed') {
      yield* fail(transcript, `the provider failed to transcribe: ${result.reason}`, transcript.attempts)
      return 'failed' as Step
    }
    if (result.status === 'pending') {
      // A provider that never finishes counts as a failed try, so the job asks again.
      if (at.getTime() - transcript.updatedAt.getTime() > settings.pendingTimeoutMs) {
        yield* fail(transcript, 'the provider did not finish in time', transcript.attempts)
        return 'failed' as Step
      }
      return 'pending' as Step
    }
    const done = yield* store.completeTranscript(transcript.id, result.turns, at)
    if (Option.isNone(done)) return 'skipped' as Step
    yield* publish<TranscriptReady>({
      _tag: 'TranscriptReady',
      at,
      transcriptId: transcript.id,
      recordingId: transcript.recordingId,
      sessionId: transcript.sessionId,
    })
    return 'completed' as Step
  })

/** One transcript's next step: ask the provider to start, or ask it how it went. */
const advance = (transcript: Transcript) =>
  Effect.gen(function* () {
    const transcription = yield* Transcription
    const store = yield* TranscriptStore
    if (transcript.status === 'requested' && transcript.providerTranscriptId !== null) {
      const result = yield* Effect.either(
        Effect.suspend(() => transcription.result(transcript.providerTranscriptId as string)),
      )
      if (result._tag === 'Left') {
        yield* fail(
          transcript,
          `asking ${transcription.provider} failed: ${result.left.message}`,
          transcript.attempts,
        )
        return 'failed' as Step
      }
      return yield* settleResult(transcript, result.right)
    }
    const attempts = transcript.attempts + 1
    const requested = yield* Effect.either(Effect.suspend(() => transcription.request(transcript.source)))
    const at = yield* currentDate
    if (requested._tag === 'Left') {
      yield* fail(
        transcript,
        `requesting from ${transcription.provider} failed: ${requested.left.message}`,
        attempts,
      )
      return 'failed' as Step
    }
    const marked = yield* store.markRequested(transcript.id, requested.right.providerTranscriptId, at)
    // Providers that finish at once (the simulator) are collected in the same run.
    const result = yield* Effect.either(
      Effect.suspend(() => transcription.result(requested.right.providerTranscriptId)),
    )
    if (result._tag === 'Right' && result.right.status !== 'pending') {
      return yield* settleResult(marked, result.right)
    }
    return 'requested' as Step
  })

export interface TranscriptionReport {
  readonly checked: number
  readonly requested: number
  readonly completed: number
  readonly failed: number
  readonly pending: number
}

const decodeOptions = decodeWith(JobOptions(50), (issue) => new InvalidTranscriptRequest(issue))

/**
 * The transcription job: requests queued transcripts, collects requested ones, and tries failed ones
 * again when their time comes (doubling waits, up to `maxAttempts`). Every failure is kept on the row
 * and published as `TranscriptFailed`; only the transcripts table failing makes the run fail.
 */
export const transcribeDue = (options: { readonly limit?: number } = {}) =>
  Effect.gen(function* () {
    const { limit } = yield* decodeOptions(options)
    const store = yield* TranscriptStore
    const due = yield* store.dueTranscripts(yield* currentDate, limit)
    const report = { checked: due.length, requested: 0, completed: 0, failed: 0, pending: 0 }
    for (const transcript of due) {
      const step = yield* advance(transcript)
      if (step !== 'skipped') report[step]++
    }
    return report satisfies TranscriptionReport
  })

/**
 * The provider's "transcript ready" callback: verified, then the transcript it names is collected.
 * One for a transcript we do not know is acknowledged (`unknown`) and writes nothing; answer 403 on
 * `WebhookRejected`, 400 on `InvalidWebhook`.
 */
export const handleTranscriptCallback = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const transcription = yield* Transcription
    const store = yield* TranscriptStore
    const { providerTranscriptId } = yield* transcription.verifyCallback(request)
    const found = yield* store.transcriptByProviderId(transcription.provider, providerTranscriptId)
    if (Option.isNone(found) || found.value.status !== 'requested') {
      return { outcome: Option.isNone(found) ? ('unknown' as const) : ('duplicate' as const) }
    }
    return { outcome: yield* advance(found.value) }
  })
