import { Schema } from 'effect'
import { InvalidSettings, SettingsTag } from '../kernel/settings.js'

/** How inbound calls are answered. Every field has a default. */
export const InboundSettings = Schema.Struct({
  /**
   * The queues a flow may send callers to. Until queues for live calls are configured elsewhere, the
   * flow validator checks queue steps against this list.
   */
  queueIds: Schema.optionalWith(Schema.Array(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(40))), {
    default: () => [],
  }),
  /** How long a waiting caller hears the hold message before the provider asks again. */
  holdSeconds: Schema.optionalWith(Schema.Int.pipe(Schema.between(5, 300)), { default: () => 20 }),
  /** Said to a caller of a number no published flow answers, before the call is hung up. */
  notInService: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(500)), {
    default: () => 'Sorry, this number does not take calls.',
  }),
  /** Said after a voicemail is recorded, before the call is hung up. */
  afterMessage: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(500)), {
    default: () => 'Thank you. We will call you back. Goodbye.',
  }),
})
export type InboundSettings = typeof InboundSettings.Type
export type InboundSettingsInput = typeof InboundSettings.Encoded

export class InvalidInboundSettings extends InvalidSettings<InvalidInboundSettings>()(
  'InvalidInboundSettings',
) {}

/** The inbound settings in force; `InboundConfig.layer(input)` checks and provides them. */
export class InboundConfig extends SettingsTag<InboundConfig>()(
  '@ringlane/core/InboundConfig',
  InboundSettings,
  (issue) => new InvalidInboundSettings(issue),
) {}
