import { Schema } from 'effect'
import { capAtLeast, InvalidSettings, int, SettingsTag } from '../kernel/settings.js'

/** How the transcription job retries. Every field has a default. */
export const TranscriptSettings = Schema.Struct({
  /** Requests to the provider before a transcript is left failed for good. */
  maxAttempts: Schema.optionalWith(int(1, 50), { default: () => 5 }),
  /** Wait after the first failure; each next wait doubles, up to `maxRetryDelayMs`. */
  retryDelayMs: Schema.optionalWith(int(1000, 86_400_000), { default: () => 60_000 }),
  maxRetryDelayMs: Schema.optionalWith(int(1000, 86_400_000), { default: () => 3_600_000 }),
  /** A requested transcript the provider has not finished in this long counts as a failed try. */
  pendingTimeoutMs: Schema.optionalWith(int(60_000, 7 * 86_400_000), { default: () => 6 * 3_600_000 }),
}).pipe(capAtLeast('maxRetryDelayMs', 'retryDelayMs'))
export type TranscriptSettings = typeof TranscriptSettings.Type
export type TranscriptSettingsInput = typeof TranscriptSettings.Encoded

export class InvalidTranscriptSettings extends InvalidSettings<InvalidTranscriptSettings>()(
  'InvalidTranscriptSettings',
) {}

/** The transcript settings in force; `TranscriptsConfig.layer(input)` checks and provides them. */
export class TranscriptsConfig extends SettingsTag<TranscriptsConfig>()(
  '@ringlane/core/TranscriptsConfig',
  TranscriptSettings,
  (issue) => new InvalidTranscriptSettings(issue),
) {}

/** When the job tries again after `attempts` failed requests: doubling waits, capped; null to give up. */
export const retryAt = (settings: TranscriptSettings, attempts: number, now: Date): Date | null =>
  attempts >= settings.maxAttempts
    ? null
    : new Date(
        now.getTime() +
          Math.min(settings.maxRetryDelayMs, settings.retryDelayMs * 2 ** Math.max(0, attempts - 1)),
      )
