import { Schema } from 'effect'
import { InvalidSettings, SettingsTag } from '../kernel/settings.js'

const int = (min: number, max: number, message: string) =>
  Schema.Int.pipe(Schema.between(min, max, { message: () => message }))

/** Base64 audio, G.711 µ-law at 8 kHz, at least 100 ms and at most 10 s of it. */
const MulawClip = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9+/]+={0,2}$/, { message: () => 'fillerAudio must be base64 µ-law audio' }),
  Schema.filter(
    (clip) => (clip.length >= 1068 && clip.length <= 106_668) || 'fillerAudio must play 0.1 to 10 s',
  ),
)

/** How AI sessions guard the caller from dead air. Every field has a default. */
export const VoiceAiSettings = Schema.Struct({
  /** A provider that has not spoken this long after it was asked is replaced by the next one. */
  firstResponseMs: Schema.optionalWith(int(300, 10_000, 'firstResponseMs is 300 to 10000 ms'), {
    default: () => 1500,
  }),
  /** While the caller waits for an agent, this much silence brings the filler (the caller hears no more). */
  fillerAfterMs: Schema.optionalWith(int(200, 2000, 'fillerAfterMs is 200 to 2000 ms'), {
    default: () => 1500,
  }),
  /** What the caller hears while waiting: a recorded "one moment, please"; a soft chime when unset. */
  fillerAudio: Schema.optional(MulawClip),
  /** How long the human queue may take to accept a handoff before it counts as refused. */
  handoffTimeoutMs: Schema.optionalWith(int(500, 10_000, 'handoffTimeoutMs is 500 to 10000 ms'), {
    default: () => 2500,
  }),
  /**
   * Signs the ticket a call's audio stream carries back (a Twilio Media Stream's custom parameter), so
   * a stream nobody sent is refused. At least 32 characters; without it, streams cannot be accepted.
   */
  streamSecret: Schema.optional(
    Schema.Redacted(
      Schema.String.pipe(
        Schema.minLength(32, { message: () => 'streamSecret must be at least 32 characters' }),
      ),
    ),
  ),
})
export type VoiceAiSettings = typeof VoiceAiSettings.Type
export type VoiceAiSettingsInput = typeof VoiceAiSettings.Encoded

export class InvalidVoiceAiSettings extends InvalidSettings<InvalidVoiceAiSettings>()(
  'InvalidVoiceAiSettings',
) {}

/** The voice AI settings in force; `VoiceAiConfig.layer(input)` checks and provides them. */
export class VoiceAiConfig extends SettingsTag<VoiceAiConfig>()(
  '@ringlane/core/VoiceAiConfig',
  VoiceAiSettings,
  (issue) => new InvalidVoiceAiSettings(issue),
) {}
