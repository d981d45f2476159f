import { Effect, Option, Schema } from 'effect'
import { activeSupervisor } from '../agents/supervisor.js'
import { changeSetting, InvalidSettingsChange, storedSetting } from '../settings/change-setting.js'
import { type ConfiguredQueue, CoolingMinutes, QueuesConfig, Threshold } from './queue-definition.js'
import { QueueStore } from './queue-store.js'
import { ScoringWeights } from './scoring.js'

/** What a supervisor tunes on a queue in the app: when it regenerates, its cooling, its score weights. */
export const QueueTuning = Schema.Struct({
  threshold: Threshold,
  coolingMinutes: CoolingMinutes,
  weights: ScoringWeights,
})
export type QueueTuning = typeof QueueTuning.Type
export type QueueTuningInput = typeof QueueTuning.Encoded

/** The stored tuning, by queue id; a queue not in it keeps what the code configured. */
const StoredTuning = Schema.Record({ key: Schema.String, value: QueueTuning })
const SETTING = 'queues'

const tuningOf = (queue: ConfiguredQueue): QueueTuning => ({
  threshold: queue.threshold,
  coolingMinutes: queue.coolingMinutes,
  weights: queue.weights,
})

/**
 * The queues in force: the configured ones with the tuning supervisors stored over them. Every queue
 * program reads this, so a change applies at the next regeneration, level check or claim.
 */
export const currentQueues = Effect.gen(function* () {
  const config = yield* QueuesConfig
  const tuned = yield* storedSetting(SETTING, StoredTuning)
  if (Option.isNone(tuned)) return config
  return {
    ...config,
    queues: config.queues.map((queue) => {
      const tuning = tuned.value[queue.id]
      return tuning ? { ...queue, ...tuning } : queue
    }),
  }
})

/**
 * Changes one queue's tuning (threshold, cooling minutes, weights): refused naming the field
 * (`unsigned.threshold`) with nothing stored, else stored, audited with before and after, and recorded
 * where the supervisor's views read the queues' settings.
 */
export const tuneQueue = (supervisorId: string, queueId: string, tuning: unknown) =>
  Effect.gen(function* () {
    const actor = (yield* activeSupervisor(supervisorId)).id
    const { queues } = yield* currentQueues
    const queue = queues.find((q) => q.id === queueId)
    if (!queue) {
      return yield* new InvalidSettingsChange({
        setting: SETTING,
        field: 'queueId',
        message: `queueId: "${queueId}" is not a queue; the queues are ${queues.map((q) => q.id).join(', ')}`,
      })
    }
    const before = Option.getOrElse(yield* storedSetting(SETTING, StoredTuning), () => ({}))
    const encoded = Schema.encodeSync(StoredTuning)(before)
    const changed = yield* changeSetting({
      key: SETTING,
      schema: StoredTuning,
      input: { ...encoded, [queueId]: tuning },
      actor,
      before: { ...before, [queueId]: tuningOf(queue) },
    })
    const now = yield* currentQueues
    yield* Effect.flatMap(QueueStore, (store) => store.saveQueueSettings(now.queues))
    return { queueId, tuning: changed.value[queueId] as QueueTuning, version: changed.version }
  })

/** Each queue's tuning in force, with the latest stored change's version. */
export const queueTunings = Effect.map(currentQueues, ({ queues }) =>
  queues.map((queue) => ({ queueId: queue.id, label: queue.label, kind: queue.kind, ...tuningOf(queue) })),
)
