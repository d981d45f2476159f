import { Context, Schema } from 'effect'
import { Disposition, defaultDispositions } from './calls/dispositions.js'
import type { QueueSettings } from './queues/queue-definition.js'

const clock = Schema.String.pipe(
  Schema.pattern(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, {
    message: () => 'a time of day must be HH:MM, e.g. 08:00',
  }),
)
const minutes = (max: number) => Schema.Int.pipe(Schema.between(0, max))

/** How the dialler behaves around queues and calls. Every field has a default. */
export const DiallerSettings = Schema.Struct({
  /** Region for numbers written without a country code. */
  defaultRegion: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^[A-Z]{2}$/)), {
    default: () => 'GB',
  }),
  /** Accept Ofcom's drama ranges: for demos and simulated telephony only. */
  allowFictionalNumbers: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** How long pre-call validation waits for the source before refusing to dial. */
  sourceTimeoutMs: Schema.optionalWith(Schema.Int.pipe(Schema.between(50, 60_000)), { default: () => 2000 }),
  /** Consecutive source failures that open the circuit, and how long it stays open. */
  breakerFailureThreshold: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1000)), {
    default: () => 5,
  }),
  breakerResetMs: Schema.optionalWith(Schema.Int.pipe(Schema.between(100, 3_600_000)), {
    default: () => 30_000,
  }),
  /** A claim with no call after this long goes back to its queue. */
  claimExpiryMinutes: Schema.optionalWith(minutes(1440), { default: () => 15 }),
  /** A skipped lead is not offered again for this long. */
  skipCooldownMinutes: Schema.optionalWith(minutes(525_600), { default: () => 120 }),
  /** Conversions keep a lead out of the queue it converted from for this long (the replica may lag). */
  conversionHoldDays: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 3650)), { default: () => 30 }),
  maxAttemptsPerDay: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100)), { default: () => 3 }),
  maxAttemptsTotal: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 10_000)), { default: () => 15 }),
  /**
   * Calls are placed only between these times in the lead's local time (their number's region); null
   * turns the check off.
   */
  callingWindow: Schema.optionalWith(Schema.NullOr(Schema.Struct({ start: clock, end: clock })), {
    default: () => ({ start: '08:00', end: '21:00' }),
  }),
  /** Time zones for regions, for the calling window; others use `fallbackTimeZone`. */
  timeZoneByRegion: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), {
    default: () => ({
      GB: 'Europe/London',
      IE: 'Europe/Dublin',
      GG: 'Europe/Guernsey',
      JE: 'Europe/Jersey',
      IM: 'Europe/Isle_of_Man',
    }),
  }),
  fallbackTimeZone: Schema.optionalWith(Schema.String, { default: () => 'Europe/London' }),
  /** What agents can record at the end of a call, with each one's retry rule. */
  dispositions: Schema.optionalWith(
    Schema.Array(Disposition).pipe(
      Schema.minItems(1),
      Schema.filter(
        (list) => new Set(list.map((d) => d.code)).size === list.length || 'disposition codes must be unique',
      ),
    ),
    { default: () => Schema.decodeSync(Schema.Array(Disposition))(defaultDispositions) },
  ),
  /** Record calls from answer, both sides on separate channels. */
  recordCalls: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /** Ask the provider to tell people from answering machines. */
  machineDetection: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** The number leads see; the telephony adapter's default when null. */
  callerId: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  /** Calls with no final status from the provider after this long are reconciled. */
  staleCallMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1440)), { default: () => 10 }),
  /** Callbacks are announced to their owner this long before they are due. */
  callbackReminderMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 1440)), {
    default: () => 5,
  }),
})
export type DiallerSettings = typeof DiallerSettings.Type
export type DiallerSettingsInput = typeof DiallerSettings.Encoded

export class InvalidDiallerSettings extends Schema.TaggedError<InvalidDiallerSettings>()(
  'InvalidDiallerSettings',
  {
    field: Schema.String,
    message: Schema.String,
  },
) {}

/** The resolved queues (in priority order) and settings every dialler program reads. */
export class DiallerConfig extends Context.Tag('@ringlane/core/DiallerConfig')<
  DiallerConfig,
  { readonly queues: ReadonlyArray<QueueSettings>; readonly settings: DiallerSettings }
>() {}
