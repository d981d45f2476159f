import { Schema } from 'effect'
import { StorableDate } from '../kernel/time.js'

/** Where a call is, as providers report it (Twilio's names; other adapters map to these). */
export const CallStatus = Schema.Literal(
  'initiated',
  'queued',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
)
export type CallStatus = typeof CallStatus.Type

export const terminalCallStatuses: ReadonlySet<CallStatus> = new Set([
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
])
export const isTerminal = (status: CallStatus) => terminalCallStatuses.has(status)

/** The statuses of a call not yet ended, for stores that look calls up by them. */
export const openCallStatuses: ReadonlyArray<CallStatus> = CallStatus.literals.filter((s) => !isTerminal(s))

export const AnsweredBy = Schema.Literal('human', 'machine', 'unknown')
export type AnsweredBy = typeof AnsweredBy.Type

/** A call or recording's length in seconds: no call lasts longer than a day (providers end them sooner). */
const Seconds = Schema.Int.pipe(Schema.between(0, 86_400))

/**
 * One thing a provider said about a call, whatever the provider. Webhooks and status look-ups both
 * become this; the call session applies them in any order, any number of times.
 */
export const CallEvent = Schema.Struct({
  /** The provider's id of the call leg to the lead (Twilio: the child CallSid of the Dial). */
  providerCallId: Schema.NonEmptyTrimmedString,
  /** Our call session, when the provider echoes it back (custom parameter or callback query). */
  sessionId: Schema.NullOr(Schema.String),
  status: CallStatus,
  /** When the provider says it happened; ordering never relies on arrival time. */
  occurredAt: StorableDate,
  answeredBy: Schema.NullOr(AnsweredBy),
  /** Talk time the provider measured, on the final event. */
  durationSeconds: Schema.NullOr(Seconds),
  /** Provider error code and text for failed calls. */
  errorCode: Schema.NullOr(Schema.String),
})
export type CallEvent = typeof CallEvent.Type

/** A provider finished a recording of a call. */
export const RecordingEvent = Schema.Struct({
  providerCallId: Schema.NonEmptyTrimmedString,
  sessionId: Schema.NullOr(Schema.String),
  providerRecordingId: Schema.NonEmptyTrimmedString,
  status: Schema.Literal('completed', 'failed', 'absent'),
  /** Where the media can be fetched (with the provider's credentials). */
  mediaUrl: Schema.NullOr(Schema.String),
  durationSeconds: Schema.NullOr(Seconds),
  /** Mono, or one channel per leg (dual-channel). */
  channels: Schema.NullOr(Schema.Int.pipe(Schema.between(1, 2))),
  occurredAt: StorableDate,
})
export type RecordingEvent = typeof RecordingEvent.Type
