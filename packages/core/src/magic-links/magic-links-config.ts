import { Context, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { InvalidSettings, settingsLayer } from '../kernel/settings.js'
import { MagicLinkType } from './link-types.js'

const HOUR = 60

/** How magic links are built and how long they live. */
export const MagicLinkSettings = Schema.Struct({
  /** Where the person's side of the app lives, e.g. `https://portal.example.com`. */
  baseUrl: Schema.String.pipe(
    Schema.filter((url) => {
      try {
        const parsed = new URL(url)
        const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
        return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && local)
          ? parsed.search === '' && parsed.hash === ''
            ? true
            : 'baseUrl must have no query or fragment; put those in the link type paths'
          : 'baseUrl must be https (http only for localhost): a link carries a secret'
      } catch {
        return 'baseUrl must be an absolute URL such as https://portal.example.com'
      }
    }),
  ),
  /** What links agents may send, each with its page and text (a preset brings its own, e.g. the claims one). */
  linkTypes: Schema.Array(MagicLinkType).pipe(
    Schema.minItems(1, { message: () => 'give at least one link type' }),
    Schema.filter((types) => {
      const seen = new Set<string>()
      const repeated = types.find((t) => seen.size === seen.add(t.type).size)
      return repeated ? `link type "${repeated.type}" is defined twice` : true
    }),
  ),
  /** How long a link works unless the issuer says otherwise (default 24 hours). */
  defaultExpiryMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 30 * 24 * HOUR)), {
    default: () => 24 * HOUR,
  }),
  /** The longest life an issuer may ask for (default 30 days). */
  maxExpiryMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 365 * 24 * HOUR)), {
    default: () => 30 * 24 * HOUR,
  }),
  /** Conversions count for links opened within this many days of issue. */
  conversionWindowDays: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 365)), { default: () => 30 }),
})
export type MagicLinkSettings = typeof MagicLinkSettings.Type
export type MagicLinkSettingsInput = typeof MagicLinkSettings.Encoded

export class InvalidMagicLinkSettings extends InvalidSettings<InvalidMagicLinkSettings>()(
  'InvalidMagicLinkSettings',
) {}

export class MagicLinksConfig extends Context.Tag('@ringlane/core/MagicLinksConfig')<
  MagicLinksConfig,
  MagicLinkSettings
>() {}

const decodeSettings = decodeWith(MagicLinkSettings, (issue) => new InvalidMagicLinkSettings(issue))

/** Checks the settings once, at start: a bad path template fails here, naming it. */
export const magicLinksConfigLayer = (settings: MagicLinkSettingsInput) =>
  settingsLayer(MagicLinksConfig, () => decodeSettings(settings))
