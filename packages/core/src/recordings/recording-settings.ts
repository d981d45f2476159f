import { Schema } from 'effect'
import { capAtLeast, InvalidSettings, int, SettingsTag } from '../kernel/settings.js'
import { SignedUrlExpiry } from './recording-storage.js'

/** How the recording pipeline and its URLs behave. Every field has a default. */
export const RecordingSettings = Schema.Struct({
  /** How long a playback or download URL works unless the caller asks otherwise: 1 hour. */
  urlExpirySeconds: Schema.optionalWith(SignedUrlExpiry, { default: () => 3600 }),
  /** Fetch (and store) tries in one run before the recording is marked failed. */
  fetchTries: Schema.optionalWith(int(1, 20), { default: () => 5 }),
  /** First wait between tries; each next wait doubles (with jitter), up to `fetchMaxBackoffMs`. */
  fetchBackoffMs: Schema.optionalWith(int(1, 60_000), { default: () => 1000 }),
  fetchMaxBackoffMs: Schema.optionalWith(int(1, 600_000), { default: () => 30_000 }),
  /** The retry job leaves a recording alone after this many tries in all; it stays listed as failed. */
  maxFetchAttempts: Schema.optionalWith(int(1, 1000), { default: () => 25 }),
  /** A `fetching` recording untouched this long lost its worker (a restart); the retry job takes it. */
  abandonedFetchMs: Schema.optionalWith(int(1000, 86_400_000), { default: () => 15 * 60_000 }),
  /** The daily-cleanup job deletes recordings older than this many days (the rows stay, marked deleted). */
  retentionDays: Schema.optionalWith(int(1, 36_500), { default: () => 365 }),
}).pipe(capAtLeast('fetchMaxBackoffMs', 'fetchBackoffMs'))
export type RecordingSettings = typeof RecordingSettings.Type
export type RecordingSettingsInput = typeof RecordingSettings.Encoded

export class InvalidRecordingSettings extends InvalidSettings<InvalidRecordingSettings>()(
  'InvalidRecordingSettings',
) {}

/** The recording settings in force; `RecordingsConfig.layer(input)` checks and provides them. */
export class RecordingsConfig extends SettingsTag<RecordingsConfig>()(
  '@ringlane/core/RecordingsConfig',
  RecordingSettings,
  (issue) => new InvalidRecordingSettings(issue),
) {}
