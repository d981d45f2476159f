import { Context, Either, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { settingsLayer } from '../kernel/settings.js'
import { parseTemplate } from './templates.js'

const template = Schema.String.pipe(
  Schema.minLength(1, { message: () => 'a template must not be empty' }),
  Schema.filter((text) =>
    Either.match(parseTemplate(text), { onLeft: (e) => e.message, onRight: () => true }),
  ),
)

/** The dialler's automatic answers to keywords. `{{companyPhone}}` is filled from `companyPhone`. */
export const AutoReplies = Schema.Struct({
  opt_out: Schema.NullOr(template),
  opt_in: Schema.NullOr(template),
  help: Schema.NullOr(template),
  confirmation: Schema.NullOr(template),
})
export type AutoReplies = typeof AutoReplies.Type

export const defaultAutoReplies: AutoReplies = {
  opt_out: "You won't get any more texts from us. Reply START to hear from us again.",
  opt_in: "You're subscribed to texts from us again. Reply STOP at any time to stop them.",
  help: "For help, reply with your question and we'll get back to you. Reply STOP to stop texts.",
  confirmation: "Thank you for confirming. We'll be in touch soon.",
}

/** How SMS behaves. Every field has a default. */
export const MessagingSettings = Schema.Struct({
  /** Region for numbers written without a country code. */
  defaultRegion: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^[A-Z]{2}$/)), {
    default: () => 'GB',
  }),
  /** Accept Ofcom's drama ranges: for demos and the simulator only. */
  allowFictionalNumbers: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** A text longer than this many SMS parts is refused before it is sent. */
  maxSegments: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 10)), { default: () => 3 }),
  /** Inbound texts this long go to an agent as callback requests. */
  longMessageChars: Schema.optionalWith(Schema.Int.pipe(Schema.between(20, 1600)), { default: () => 100 }),
  /** Reusable texts by id, e.g. `{ reminder: 'Hi {{firstName|there}}, …' }`. */
  templates: Schema.optionalWith(Schema.Record({ key: Schema.String, value: template }), {
    default: () => ({}),
  }),
  autoReplies: Schema.optionalWith(AutoReplies, { default: () => defaultAutoReplies }),
  /** The number people can call, for `{{companyPhone}}` in replies. */
  companyPhone: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  /**
   * Where providers report delivery (`https://dialler.example.com/webhooks/sms/status`); null for no
   * reports. Each message's id is added to its query, so a status never has to be matched by guesswork.
   */
  statusCallbackUrl: Schema.optionalWith(Schema.NullOr(Schema.String.pipe(Schema.startsWith('http'))), {
    default: () => null,
  }),
}).pipe(
  Schema.filter((settings) => {
    const needsPhone = Object.entries(settings.autoReplies).find(
      ([, text]) => text?.includes('{{companyPhone}}') === true,
    )
    return needsPhone && settings.companyPhone === null
      ? {
          path: ['companyPhone'],
          message: `autoReplies.${needsPhone[0]} uses {{companyPhone}}: set companyPhone, or give the placeholder a fallback`,
        }
      : undefined
  }),
)
export type MessagingSettings = typeof MessagingSettings.Type
export type MessagingSettingsInput = typeof MessagingSettings.Encoded

export class InvalidMessagingSettings extends Schema.TaggedError<InvalidMessagingSettings>()(
  'InvalidMessagingSettings',
  { field: Schema.String, message: Schema.String },
) {}

/** The checked messaging settings the programs read. */
export class MessagingConfig extends Context.Tag('@ringlane/core/MessagingConfig')<
  MessagingConfig,
  MessagingSettings
>() {}

const decodeSettings = decodeWith(MessagingSettings, (issue) => new InvalidMessagingSettings(issue))

/** Checks the settings once, at start; a bad template fails here, naming it, not at the first send. */
export const messagingConfigLayer = (settings: MessagingSettingsInput = {}) =>
  settingsLayer(MessagingConfig, () => decodeSettings(settings))
