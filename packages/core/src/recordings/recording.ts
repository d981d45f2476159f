import { Schema } from 'effect'

/** Our id of a recording (the provider has its own, `providerRecordingId`). */
export const RecordingId = Schema.UUID.pipe(Schema.brand('RecordingId'))
export type RecordingId = typeof RecordingId.Type

/**
 * Where a recording is in its life:
 * - `fetching`: the provider said it is ready; its media is being copied into our storage.
 * - `stored`: the media is in our storage at `storagePath` and can be played.
 * - `failed`: copying kept failing; `failureReason` says why. A job retries it.
 * - `unavailable`: the provider reported the recording failed or absent; there is nothing to fetch.
 * - `deleted`: its media was removed (retention); the row stays as a record that it existed.
 */
export const RecordingStatus = Schema.Literal('fetching', 'stored', 'failed', 'unavailable', 'deleted')
export type RecordingStatus = typeof RecordingStatus.Type

/** A call recording as the dialler keeps it: which call, where the media is, what happened to it. */
export interface Recording {
  readonly id: RecordingId
  /** The telephony provider that recorded it (`twilio`, `simulator`). */
  readonly provider: string
  readonly providerRecordingId: string
  readonly providerCallId: string
  /** Our call session, when the provider echoed it back. */
  readonly sessionId: string | null
  readonly status: RecordingStatus
  /** Where the provider serves the media (with its credentials), kept so a failed fetch can be retried. */
  readonly mediaUrl: string | null
  readonly storagePath: string | null
  readonly contentType: string | null
  readonly sizeBytes: number | null
  readonly durationSeconds: number | null
  readonly channels: number | null
  /** Fetch tries so far, over every run. */
  readonly fetchAttempts: number
  readonly failureReason: string | null
  /** When the provider finished the recording. */
  readonly recordedAt: Date
  readonly storedAt: Date | null
  readonly deletedAt: Date | null
  readonly updatedAt: Date
}

const extensions: Readonly<Record<string, string>> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/mp4': 'm4a',
}

/** `audio/wav; charset=x` → `audio/wav`; anything that is not a media type becomes a neutral one. */
export const normalizeContentType = (contentType: string): string => {
  const bare = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(bare) ? bare : 'application/octet-stream'
}

/**
 * Where a recording's media is stored: `YYYY/MM/DD/<recording id>.<ext>` by the day it was recorded
 * (UTC). Derived from the row alone, so a retried or repeated copy lands on the same object.
 */
export const recordingPath = (
  recording: Pick<Recording, 'id' | 'recordedAt'>,
  contentType: string,
): string => {
  const day = recording.recordedAt.toISOString().slice(0, 10).replaceAll('-', '/')
  return `${day}/${recording.id}.${extensions[normalizeContentType(contentType)] ?? 'bin'}`
}
