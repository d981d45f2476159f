import { Effect, Option, Schema } from 'effect'
import { activeSupervisor } from '../agents/supervisor.js'
import {
  changeSetting,
  InvalidSettingsChange,
  readSetting,
  storedSetting,
} from '../settings/change-setting.js'
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
type StoredTuning = typeof StoredTuning.Type
const SETTING = 'queues'

const tuningOf = (queue: ConfiguredQueue): QueueTuning => ({
  threshold: queue.threshold,
  coolingMinutes: queue.coolingMinutes,
  weights: queue.weights,
})

/** The configured queues with a stored tuning laid over them. */
const tunedQueues = (config: QueuesConfig['Type'], tuned: Option.Option<StoredTuning>) =>
  Option.match(tuned, {
    onNone: () => config,
    onSome: (tuning) => ({
      ...config,
      queues: config.queues.map((queue) => {
        const own = tuning[queue.id]
        return own ? { ...queue, ...own } : queue
      }),
    }),
  })

/**
 * The queues in force: the configured ones with the tuning supervisors stored over them. Every queue
 * program reads this, so a change applies at the next regeneration, level check or claim.
 */
export const currentQueues = Effect.gen(function* () {
  return tunedQueues(yield* QueuesConfig, yield* storedSetting(SETTING, StoredTuning))
})

/**
 * Changes one queue's tuning (threshold, cooling minutes, weights) from the tuning version the
 * supervisor saw (`expectedVersion`; left out, whatever is stored now): refused naming the field
 * (`unsigned.threshold`) with nothing stored, refused with `SettingChangedMeanwhile` when any queue's
 * tuning changed since, else stored, audited with before and after, and recorded where the
 * supervisor's views read the queues' settings.
 */
export const tuneQueue = (
  supervisorId: string,
  queueId: string,
  tuning: unknown,
  expectedVersion?: number | null,
) =>
  Effect.gen(function* () {
    const actor = (yield* activeSupervisor(supervisorId)).id
    const read = yield* readSetting(SETTING, StoredTuning)
    const { queues } = tunedQueues(yield* QueuesConfig, read.value)
    const queue = queues.find((q) => q.id === queueId)
    if (!queue) {
      return yield* new InvalidSettingsChange({
        setting: SETTING,
        field: 'queueId',
        message: `queueId: "${queueId}" is not a queue; the queues are ${queues.map((q) => q.id).join(', ')}`,
      })
    }
    const stored = Option.getOrElse(read.value, () => ({}))
    const encoded = Schema.encodeSync(StoredTuning)(stored)
    const changed = yield* changeSetting({
      key: SETTING,
      schema: StoredTuning,
      input: { ...encoded, [queueId]: tuning },
      expectedVersion,
      read,
      actor,
      before: { ...stored, [queueId]: tuningOf(queue) },
    })
    const now = yield* currentQueues
    yield* Effect.flatMap(QueueStore, (store) => store.saveQueueSettings(now.queues))
    return { queueId, tuning: changed.value[queueId] as QueueTuning, version: changed.version }
  })

/**
 * Each queue's tuning in force, from one read of the stored tuning: its `version` (null: never
 * stored, the code's values), who changed it last and when. A change based on it passes `version`.
 */
export const queueTuningSetting = Effect.gen(function* () {
  const read = yield* readSetting(SETTING, StoredTuning)
  const { queues } = tunedQueues(yield* QueuesConfig, read.value)
  const { version, changedBy, changedAt } = read
  return {
    queues: queues.map((queue) => ({
      queueId: queue.id,
      label: queue.label,
      kind: queue.kind,
      ...tuningOf(queue),
    })),
    version,
    changedBy,
    changedAt,
  }
})

/** Each queue's threshold, cooling minutes and score weights in force. */
export const queueTunings = Effect.map(queueTuningSetting, (setting) => setting.queues)
