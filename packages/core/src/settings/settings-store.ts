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

/**
 * A change refused because the setting is no longer at the version it was based on: someone changed it
 * meanwhile (`changedBy` at `changedAt`, now `storedVersion`). Nothing was stored; read it again and redo it.
 */
export class SettingChangedMeanwhile extends Schema.TaggedError<SettingChangedMeanwhile>()(
  'SettingChangedMeanwhile',
  {
    setting: Schema.String,
    /** The version the change was based on; null: based on the code's values (never stored). */
    expectedVersion: Schema.NullOr(Schema.Number),
    /** The version stored now; null when none is. */
    storedVersion: Schema.NullOr(Schema.Number),
    changedBy: Schema.NullOr(Schema.String),
    changedAt: Schema.NullOr(Schema.DateFromSelf),
    message: Schema.String,
  },
) {}

/** What a refusal says is stored now: a stored setting, a read of one (version null: none), or null. */
interface StoredNow {
  readonly version: number | null
  readonly changedBy: string | null
  readonly changedAt: Date | null
}

/** The refusal of a change based on `expectedVersion` when `now` is what is stored. */
export const changedMeanwhile = (key: string, expectedVersion: number | null, now: StoredNow | null) => {
  const { version = null, changedBy = null, changedAt = null } = now ?? {}
  const saw = expectedVersion === null ? 'the values never stored' : `version ${expectedVersion}`
  return new SettingChangedMeanwhile({
    setting: key,
    expectedVersion,
    storedVersion: version,
    changedBy: version === null ? null : changedBy,
    changedAt: version === null ? null : changedAt,
    message:
      version === null
        ? `The ${key} setting is not at ${saw} this change was based on: nothing is stored now. Nothing was saved: read it again and redo the change.`
        : `The ${key} setting changed meanwhile: ${changedBy} stored version ${version} at ${changedAt?.toISOString()}, after ${saw} this change was based on. Nothing was saved: read it again and redo the change.`,
  })
}

export interface SettingsStoreService {
  /** The setting stored under `key`, or null when it was never changed from the code's defaults. */
  readonly read: (key: string) => Effect.Effect<StoredSetting | null, SettingsStoreError>
  /**
   * Stores `value` under `key` as its next version (1 for the first) and returns what is stored, only
   * if the stored version is still `expectedVersion` (null: nothing stored yet). Otherwise it stores
   * nothing and fails with `SettingChangedMeanwhile`; the check and the write are one atomic step, so of
   * changes racing from the same version exactly one lands.
   */
  readonly write: (change: {
    readonly key: string
    readonly value: unknown
    readonly expectedVersion: number | null
    readonly changedBy: string
    readonly changedAt: Date
  }) => Effect.Effect<StoredSetting, SettingsStoreError | SettingChangedMeanwhile>
}

/** Settings supervisors change in the app, stored so every instance and every run reads the same. */
export class SettingsStore extends Context.Tag('@ringlane/core/SettingsStore')<
  SettingsStore,
  SettingsStoreService
>() {}
