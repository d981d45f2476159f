import { Context, type Effect, Schema } from 'effect'

export class SettingsStoreError extends Schema.TaggedError<SettingsStoreError>()('SettingsStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/**
 * One stored setting: a named JSON document (the queues' tuning, the dispositions, the retention
 * periods), the area that owns it checks what it holds. `version` counts its changes.
 */
export interface StoredSetting {
  readonly key: string
  readonly value: unknown
  readonly version: number
  /** The user id (or `system`) who made the latest change. */
  readonly changedBy: string
  readonly changedAt: Date
}

export interface SettingsStoreService {
  /** The setting stored under `key`, or null when it was never changed from the code's defaults. */
  readonly read: (key: string) => Effect.Effect<StoredSetting | null, SettingsStoreError>
  /** Stores `value` under `key` as its next version (1 for the first) and returns what is stored. */
  readonly write: (change: {
    readonly key: string
    readonly value: unknown
    readonly changedBy: string
    readonly changedAt: Date
  }) => Effect.Effect<StoredSetting, SettingsStoreError>
}

/** Settings supervisors change in the app, stored so every instance and every run reads the same. */
export class SettingsStore extends Context.Tag('@ringlane/core/SettingsStore')<
  SettingsStore,
  SettingsStoreService
>() {}
