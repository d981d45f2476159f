/** A stored recording's transcript was queued for the transcription job. */
export interface TranscriptQueued {
  readonly _tag: 'TranscriptQueued'
  readonly at: Date
  readonly transcriptId: string
  readonly recordingId: string
}

/** A transcript's turns are stored and searchable. */
export interface TranscriptReady {
  readonly _tag: 'TranscriptReady'
  readonly at: Date
  readonly transcriptId: string
  readonly recordingId: string
  readonly sessionId: string | null
}

/** A transcription try failed; `willRetry` says whether the job tries again. */
export interface TranscriptFailed {
  readonly _tag: 'TranscriptFailed'
  readonly at: Date
  readonly transcriptId: string
  readonly recordingId: string
  readonly reason: string
  readonly attempts: number
  readonly willRetry: boolean
}

export type TranscriptEvent = TranscriptQueued | TranscriptReady | TranscriptFailed
