import { Schema } from 'effect'

/**
 * The kinds of system error a supervisor's quality page counts: a call that failed (the provider could
 * not place or carry it), a webhook refused (unsigned, forged or malformed), a recording whose media
 * could not be fetched, a provider that failed a request (telephony, SMS, transcription, pricing,
 * the lead source), and input refused as invalid (by the field or rule at fault).
 */
export const SystemErrorKind = Schema.Literal(
  'failed-call',
  'rejected-webhook',
  'recording-fetch-failed',
  'provider-error',
  'validation-refused',
)
export type SystemErrorKind = typeof SystemErrorKind.Type

/**
 * Something went wrong that is not a person's choice: published where the dialler refuses or fails
 * (the Promise entry publishes one for each typed refusal of the kinds above). `cause` is short and
 * groupable (`bad-signature`, `InvalidOutcome: disposition`); `message` is the error's own text, which
 * never carries a secret.
 */
export interface SystemErrorOccurred {
  readonly _tag: 'SystemErrorOccurred'
  readonly at: Date
  readonly kind: SystemErrorKind
  readonly cause: string
  readonly message: string
  /** What refused or failed: the SDK method (`calls.handleStatus`) or the program. */
  readonly source: string
  readonly sessionId: string | null
  readonly leadId: string | null
}
