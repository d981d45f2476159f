import { Schema } from 'effect'
import { RecordingStatus } from './recording.js'

/** A request from outside (an SDK call, a form, a job payload) that is not valid; names the field. */
export class InvalidRecordingRequest extends Schema.TaggedError<InvalidRecordingRequest>()(
  'InvalidRecordingRequest',
  { field: Schema.String, message: Schema.String },
) {}

export class UnknownRecording extends Schema.TaggedError<UnknownRecording>()('UnknownRecording', {
  recordingId: Schema.String,
  message: Schema.String,
}) {}

/** The recording exists but has no media to play (not stored yet, failed, unavailable or deleted). */
export class RecordingNotAvailable extends Schema.TaggedError<RecordingNotAvailable>()(
  'RecordingNotAvailable',
  {
    recordingId: Schema.String,
    status: RecordingStatus,
    message: Schema.String,
  },
) {}

/** Only failed (or abandoned) recordings can be fetched again. */
export class RecordingNotRetryable extends Schema.TaggedError<RecordingNotRetryable>()(
  'RecordingNotRetryable',
  {
    recordingId: Schema.String,
    status: RecordingStatus,
    message: Schema.String,
  },
) {}
