import { Effect, Option } from 'effect'
import { activeSupervisor } from '../agents/supervisor.js'
import { changeSetting, storedSetting } from '../settings/change-setting.js'
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
 * Replaces the dispositions and their retry rules: refused naming the field (`2.retryAfterMinutes`)
 * with nothing stored, else stored and audited with each changed rule before and after (by code).
 */
export const changeDispositions = (supervisorId: string, dispositions: unknown) =>
  Effect.gen(function* () {
    const actor = (yield* activeSupervisor(supervisorId)).id
    const before = yield* currentDispositions
    const changed = yield* changeSetting({
      key: SETTING,
      schema: DispositionList,
      input: dispositions,
      actor,
      before,
      view: (list) => Object.fromEntries(list.map(({ code, ...rule }) => [code, rule])),
    })
    return { dispositions: changed.value, version: changed.version }
  })
