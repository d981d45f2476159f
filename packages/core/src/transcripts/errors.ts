import { Schema } from 'effect'

/** A request from outside (an SDK call, a form, a job payload) that is not valid; names the field. */
export class InvalidTranscriptRequest extends Schema.TaggedError<InvalidTranscriptRequest>()(
  'InvalidTranscriptRequest',
  { field: Schema.String, message: Schema.String },
) {}

/** Only a stored recording (its media is ours) can be transcribed. */
export class RecordingNotTranscribable extends Schema.TaggedError<RecordingNotTranscribable>()(
  'RecordingNotTranscribable',
  { recordingId: Schema.String, status: Schema.String, message: Schema.String },
) {}
