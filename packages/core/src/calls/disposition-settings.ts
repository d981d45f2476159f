import { Effect, Option } from 'effect'
import { activeSupervisor } from '../agents/supervisor.js'
import { changeSetting, readSetting, storedSetting } from '../settings/change-setting.js'
import { CallsConfig } from './calls-config.js'
import { type Disposition, DispositionList } from './dispositions.js'

const SETTING = 'dispositions'

/**
 * The dispositions in force, with their retry rules: what a supervisor stored, else the configured
 * list. Outcomes, the engine's unanswered attempts and the desk's form all read this.
 */
export const currentDispositions: Effect.Effect<
  ReadonlyArray<Disposition>,
  Effect.Effect.Error<ReturnType<typeof storedSetting>>,
  CallsConfig
> = Effect.gen(function* () {
  const settings = yield* CallsConfig
  const stored = yield* storedSetting(SETTING, DispositionList)
  return Option.getOrElse(stored, () => settings.dispositions)
})

/**
 * The dispositions in force from one read of the stored list: its `version` (null: never stored, the
 * configured list), who changed it last and when. A change based on it passes `version`.
 */
export const dispositionsSetting = Effect.gen(function* () {
  const settings = yield* CallsConfig
  const { value, version, changedBy, changedAt } = yield* readSetting(SETTING, DispositionList)
  return { dispositions: Option.getOrElse(value, () => settings.dispositions), version, changedBy, changedAt }
})

/**
 * Replaces the dispositions and their retry rules, from the list's version the supervisor saw
 * (`expectedVersion`; left out, whatever is stored now): refused naming the field
 * (`2.retryAfterMinutes`) with nothing stored, refused with `SettingChangedMeanwhile` when the list
 * changed since, else stored and audited with each changed rule before and after (by code).
 */
export const changeDispositions = (
  supervisorId: string,
  dispositions: unknown,
  expectedVersion?: number | null,
) =>
  Effect.gen(function* () {
    const actor = (yield* activeSupervisor(supervisorId)).id
    const settings = yield* CallsConfig
    const read = yield* readSetting(SETTING, DispositionList)
    const changed = yield* changeSetting({
      key: SETTING,
      schema: DispositionList,
      input: dispositions,
      expectedVersion,
      read,
      actor,
      before: Option.getOrElse(read.value, () => settings.dispositions),
      view: (list) => Object.fromEntries(list.map(({ code, ...rule }) => [code, rule])),
    })
    return { dispositions: changed.value, version: changed.version }
  })
