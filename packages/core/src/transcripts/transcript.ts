import { Schema } from 'effect'

/** Our id of a transcript (the provider has its own, `providerTranscriptId`). */
export const TranscriptId = Schema.UUID.pipe(Schema.brand('TranscriptId'))
export type TranscriptId = typeof TranscriptId.Type

/** Who spoke a turn: the dialler's agent, the person called, or a voice the provider could not place. */
export const Speaker = Schema.Literal('agent', 'customer', 'unknown')
export type Speaker = typeof Speaker.Type

const Seconds = Schema.Number.pipe(Schema.finite(), Schema.between(0, 86_400))

/** One speaker's stretch of speech: when it starts and ends, in seconds from the recording's start. */
export const TranscriptTurn = Schema.Struct({
  speaker: Speaker,
  startSeconds: Seconds,
  endSeconds: Seconds,
  text: Schema.String.pipe(Schema.maxLength(20_000)),
}).pipe(
  Schema.filter((turn) =>
    turn.endSeconds >= turn.startSeconds
      ? undefined
      : { path: ['endSeconds'], message: 'endSeconds must not be before startSeconds' },
  ),
)
export type TranscriptTurn = typeof TranscriptTurn.Type

/**
 * Where a transcript is in its life:
 * - `queued`: a stored recording waits for the transcription job to ask the provider.
 * - `requested`: the provider has it (`providerTranscriptId`); the job or its callback collects it.
 * - `completed`: the turns are stored and searchable.
 * - `failed`: the last try failed (`failureReason`); `nextAttemptAt` says when the job tries again,
 *   null when it has given up.
 */
export const TranscriptStatus = Schema.Literal('queued', 'requested', 'completed', 'failed')
export type TranscriptStatus = typeof TranscriptStatus.Type

/** The recording to transcribe, as the provider knows it. */
export interface TranscriptionSource {
  readonly providerRecordingId: string
  readonly providerCallId: string
  readonly mediaUrl: string | null
  readonly durationSeconds: number | null
  readonly channels: number | null
}

/** The transcript of one recording, as the dialler keeps it. */
export interface Transcript {
  readonly id: TranscriptId
  readonly recordingId: string
  /** Our call session and the provider's call, copied from the recording for lookups by call. */
  readonly sessionId: string | null
  readonly providerCallId: string
  /** The recording as its provider knows it: what the transcription provider is asked to read. */
  readonly source: TranscriptionSource
  /** The transcription provider (`twilio`, `simulator`). */
  readonly provider: string
  readonly providerTranscriptId: string | null
  readonly status: TranscriptStatus
  /** Requests sent to the provider so far. */
  readonly attempts: number
  readonly failureReason: string | null
  readonly nextAttemptAt: Date | null
  /** In time order; empty until completed. */
  readonly turns: ReadonlyArray<TranscriptTurn>
  readonly completedAt: Date | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A turn that matched a search, with the call it belongs to. */
export interface TranscriptMatch {
  readonly transcriptId: TranscriptId
  readonly recordingId: string
  readonly sessionId: string | null
  readonly providerCallId: string
  /** The turn's place in its transcript (0-based). */
  readonly position: number
  readonly speaker: Speaker
  readonly startSeconds: number
  readonly endSeconds: number
  readonly text: string
  readonly completedAt: Date
}
