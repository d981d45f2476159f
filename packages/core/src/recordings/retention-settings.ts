import { Effect, Option, Schema } from 'effect'
import { activeSupervisor } from '../agents/supervisor.js'
import { changeSetting, readSetting, storedSetting } from '../settings/change-setting.js'
import { RecordingsConfig } from './recording-settings.js'

const days = () => 'recordingDays must be a whole number of days from 1 to 36500'

/** How long the dialler keeps what it records, as a supervisor sets it in the app. */
export const RetentionPeriods = Schema.Struct({
  /** The daily-cleanup job deletes recordings made more than this many days ago (rows stay, marked deleted). */
  recordingDays: Schema.Number.pipe(
    Schema.int({ message: days }),
    Schema.between(1, 36_500, { message: days }),
  ),
})
export type RetentionPeriods = typeof RetentionPeriods.Type

const SETTING = 'retention'

/** The retention periods in force: what a supervisor stored, else the recordings' `retentionDays`. */
export const currentRetention = Effect.gen(function* () {
  const { retentionDays } = yield* RecordingsConfig
  const stored = yield* storedSetting(SETTING, RetentionPeriods)
  return Option.getOrElse(stored, (): RetentionPeriods => ({ recordingDays: retentionDays }))
})

/**
 * The retention periods in force from one read of the stored ones: their `version` (null: never
 * stored, `retentionDays`), who changed them last and when. A change based on it passes `version`.
 */
export const retentionSetting = Effect.gen(function* () {
  const { retentionDays } = yield* RecordingsConfig
  const { value, version, changedBy, changedAt } = yield* readSetting(SETTING, RetentionPeriods)
  const retention = Option.getOrElse(value, (): RetentionPeriods => ({ recordingDays: retentionDays }))
  return { retention, version, changedBy, changedAt }
})

/**
 * Changes the retention periods from the version the supervisor saw (`expectedVersion`; left out,
 * whatever is stored now): refused naming the field with nothing stored, refused with
 * `SettingChangedMeanwhile` when they changed since, else stored and audited.
 */
export const changeRetention = (supervisorId: string, periods: unknown, expectedVersion?: number | null) =>
  Effect.gen(function* () {
    const actor = (yield* activeSupervisor(supervisorId)).id
    const { retentionDays } = yield* RecordingsConfig
    const read = yield* readSetting(SETTING, RetentionPeriods)
    const changed = yield* changeSetting({
      key: SETTING,
      schema: RetentionPeriods,
      input: periods,
      expectedVersion,
      read,
      actor,
      before: Option.getOrElse(read.value, (): RetentionPeriods => ({ recordingDays: retentionDays })),
    })
    return { retention: changed.value, version: changed.version }
  })
