import { Context, Schema } from 'effect'
import { Disposition, DispositionList, defaultDispositions } from './dispositions.js'

/** How calls are placed, recorded, reconciled and closed. Every field has a default. */
export const CallSettings = Schema.Struct({
  /** What agents can record at the end of a call, with each one's retry rule. */
  dispositions: Schema.optionalWith(DispositionList, {
    default: () => Schema.decodeSync(Schema.Array(Disposition))(defaultDispositions),
  }),
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
export type CallSettings = typeof CallSettings.Type

/** The checked call settings the call programs read. */
export class CallsConfig extends Context.Tag('@ringlane/core/CallsConfig')<CallsConfig, CallSettings>() {}
