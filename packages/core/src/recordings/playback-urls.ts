import { Clock, Effect, Schema } from 'effect'
import { AuditLog } from '../audit/audit-log.js'
import { firstIssue } from '../kernel/decode.js'
import { InvalidRecordingRequest, RecordingNotAvailable } from './errors.js'
import { findRecording } from './read-recordings.js'
import type { RecordingId } from './recording.js'
import { RecordingsConfig } from './recording-settings.js'
import { RecordingStorage, SignedUrlExpiry } from './recording-storage.js'

/** Who asks for a recording's URL, and why. Validated: errors name the field. */
export const RecordingUrlRequest = Schema.Struct({
  recordingId: Schema.String,
  /** An agent id, or `system`; recorded in the audit log as who listened or downloaded. */
  actor: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  purpose: Schema.Literal('playback', 'download'),
  /** Defaults to the configured `urlExpirySeconds` (1 hour). */
  expiresInSeconds: Schema.optional(SignedUrlExpiry),
})
export type RecordingUrlRequest = typeof RecordingUrlRequest.Encoded

/** A signed URL for one recording. Ask again (refresh) at `refreshAt`, a little before it expires. */
export interface RecordingUrl {
  readonly recordingId: RecordingId
  /** A bearer secret: give it to the listener, never log it. */
  readonly url: string
  readonly expiresAt: Date
  readonly refreshAt: Date
}

const issue = (refresh: boolean) => (input: RecordingUrlRequest) =>
  Effect.gen(function* () {
    const request = yield* Schema.decodeUnknown(RecordingUrlRequest)(input, { errors: 'first' }).pipe(
      Effect.mapError((error) => new InvalidRecordingRequest(firstIssue(error.issue))),
    )
    const recording = yield* findRecording(request.recordingId)
    if (recording.status !== 'stored' || recording.storagePath === null) {
      return yield* new RecordingNotAvailable({
        recordingId: recording.id,
        status: recording.status,
        message: `Recording ${recording.id} cannot be played: it is ${recording.status}${
          recording.failureReason ? ` (${recording.failureReason})` : ''
        }`,
      })
    }
    const { urlExpirySeconds } = yield* RecordingsConfig
    const lifetime = request.expiresInSeconds ?? urlExpirySeconds
    const signed = yield* Effect.flatMap(RecordingStorage, (storage) =>
      storage.signedUrl(recording.storagePath ?? '', lifetime),
    )
    // Audited before the URL is handed out: no audit entry, no URL.
    yield* Effect.flatMap(AuditLog, (audit) =>
      Effect.flatMap(Clock.currentTimeMillis, (at) =>
        audit.record({
          actor: request.actor,
          action: refresh
            ? 'recording.url_refreshed'
            : request.purpose === 'download'
              ? 'recording.downloaded'
              : 'recording.played',
          subject: `recording:${recording.id}`,
          detail: {
            purpose: request.purpose,
            expiresAt: signed.expiresAt.toISOString(),
            providerCallId: recording.providerCallId,
            sessionId: recording.sessionId,
          },
          at: new Date(at),
        }),
      ),
    )
    // Refresh at 90% of the lifetime, so a player never holds an expired URL.
    const refreshAt = new Date(signed.expiresAt.getTime() - Math.ceil(lifetime * 100))
    return {
      recordingId: recording.id,
      url: signed.url,
      expiresAt: signed.expiresAt,
      refreshAt,
    } as RecordingUrl
  })

/** A signed URL to play or download a stored recording, with who asked written to the audit log. */
export const recordingUrl = issue(false)

/**
 * A fresh URL for a recording someone is already playing, once the one they hold nears its expiry.
 * Audited as `recording.url_refreshed`, so a long listen is one playback, not several.
 */
export const refreshRecordingUrl = issue(true)
