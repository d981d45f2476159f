import { Effect, Option, Schema } from 'effect'
import { activeSupervisor } from '../agents/supervisor.js'
import { changeSetting, storedSetting } from '../settings/change-setting.js'
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

/** Changes the retention periods: refused naming the field with nothing stored, else stored and audited. */
export const changeRetention = (supervisorId: string, periods: unknown) =>
  Effect.gen(function* () {
    const actor = (yield* activeSupervisor(supervisorId)).id
    const before = yield* currentRetention
    const changed = yield* changeSetting({
      key: SETTING,
      schema: RetentionPeriods,
      input: periods,
      actor,
      before,
    })
    return { retention: changed.value, version: changed.version }
  })
