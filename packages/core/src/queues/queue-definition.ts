import { Context, Either, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { QueueId } from '../kernel/ids.js'
import type { SourceQueries } from '../leads/kysely-lead-source.js'
import { type ScoreFactor, ScoringWeights } from './scoring.js'

export { QueueId }

const wholeNumber = (min: number, max: number) => {
  const message = () => `must be a whole number from ${min} to ${max}`
  return Schema.Number.pipe(Schema.int({ message }), Schema.between(min, max, { message }))
}
/** Regenerate automatically when fewer entries than this are waiting. */
export const Threshold = wholeNumber(0, 100_000)
/** No call within this many minutes of a lead appearing or of its last contact (a year at most). */
export const CoolingMinutes = wholeNumber(0, 525_600)

/** A queue's settings: plain data, stored and shown to supervisors. */
export const QueueSettings = Schema.Struct({
  id: QueueId,
  label: Schema.String.pipe(Schema.minLength(1, { message: () => 'label must not be empty' })),
  /**
   * `source`: leads found by a query on the lead source. `callbacks`: leads the dialler itself owes a
   * call (callbacks that are due).
   */
  kind: Schema.Literal('source', 'callbacks'),
  /** 1 is worked first; a lead wanted by two queues goes to the one with the lower number. */
  priority: Schema.Int.pipe(
    Schema.between(1, 1000, { message: () => 'priority must be a whole number from 1 to 1000' }),
  ),
  /** Regenerate automatically when fewer entries than this are waiting. */
  threshold: Schema.optionalWith(Threshold, { default: () => 20 }),
  /** No call within this long of a lead appearing or of its last contact. */
  coolingMinutes: Schema.optionalWith(CoolingMinutes, { default: () => 120 }),
  /** How many scored entries a regeneration keeps. */
  maxEntries: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1_000_000)), { default: () => 500 }),
  /** How many candidates a regeneration reads from the source at most. */
  maxCandidates: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 10_000_000)), {
    default: () => 200_000,
  }),
  weights: Schema.optionalWith(ScoringWeights, { default: () => Schema.decodeSync(ScoringWeights)({}) }),
})
export type QueueSettings = typeof QueueSettings.Type
export type QueueSettingsInput = typeof QueueSettings.Encoded

/**
 * A queue: its settings plus, for `source` queues, the two Kysely queries that find its leads and
 * re-check them (both must run unchanged on MySQL and on Postgres), and the use case's own score
 * factors over the candidates' `details`.
 */
export type QueueDefinition<Source = never, Facts = unknown> = QueueSettingsInput &
  Omit<SourceQueries<Source, Facts>, 'id'> & {
    readonly factors?: ReadonlyArray<ScoreFactor<Facts>>
  }

/** A checked queue, with its defaults filled in; what the dialler's programs read. */
export type ResolvedQueue<Source = never, Facts = unknown> = QueueSettings &
  Omit<SourceQueries<Source, Facts>, 'id'> & { readonly factors: ReadonlyArray<ScoreFactor<Facts>> }

/** How claims, skips and conversions behave across queues. Every field has a default. */
export const QueueRules = Schema.Struct({
  /** A claim with no call after this long goes back to its queue. */
  claimExpiryMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 1440)), { default: () => 15 }),
  /** A skipped lead is not offered again for this long. */
  skipCooldownMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 525_600)), {
    default: () => 120,
  }),
  /** Conversions keep a lead out of the queue it converted from for this long (the replica may lag). */
  conversionHoldDays: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 3650)), { default: () => 30 }),
})
export type QueueRules = typeof QueueRules.Type

/** A queue as the dialler's programs read it: its settings and its score factors. */
export type ConfiguredQueue = QueueSettings & { readonly factors: ReadonlyArray<ScoreFactor> }

/** The resolved queues (in priority order) and queue rules every queue program reads. */
export class QueuesConfig extends Context.Tag('@ringlane/core/QueuesConfig')<
  QueuesConfig,
  { readonly queues: ReadonlyArray<ConfiguredQueue>; readonly rules: QueueRules }
>() {}

export class InvalidQueueDefinition extends Schema.TaggedError<InvalidQueueDefinition>()(
  'InvalidQueueDefinition',
  {
    field: Schema.String,
    message: Schema.String,
  },
) {}

const decodeSettings = decodeWith(QueueSettings, (issue) => issue)

/**
 * Checks a set of queue definitions and fills in defaults. Errors name the field, e.g.
 * `queues[1].weights.perAttempt: must be a number from -1000 to 1000`.
 */
export const resolveQueues = <Source, Facts>(
  definitions: ReadonlyArray<QueueDefinition<Source, Facts>>,
): Either.Either<ReadonlyArray<ResolvedQueue<Source, Facts>>, InvalidQueueDefinition> => {
  const fail = (field: string, message: string) =>
    Either.left(new InvalidQueueDefinition({ field, message: `${field}: ${message}` }))
  if (definitions.length === 0) return fail('queues', 'at least one queue is needed')
  const resolved: ResolvedQueue<Source, Facts>[] = []
  for (const [index, definition] of definitions.entries()) {
    const at = `queues[${index}]`
    const { candidates, recheck, factors = [], ...settings } = definition
    const decoded = decodeSettings(settings)
    if (Either.isLeft(decoded)) {
      return Either.left(
        new InvalidQueueDefinition({
          field: `${at}.${decoded.left.field}`,
          message: `${at}.${decoded.left.message}`,
        }),
      )
    }
    const queue = decoded.right
    if (queue.kind === 'source' && (typeof candidates !== 'function' || typeof recheck !== 'function')) {
      return fail(`${at}.candidates`, 'a source queue needs both a candidates and a recheck query')
    }
    if (resolved.some((other) => other.id === queue.id))
      return fail(`${at}.id`, `"${queue.id}" is used by another queue`)
    if (resolved.some((other) => other.priority === queue.priority)) {
      return fail(
        `${at}.priority`,
        `${queue.priority} is used by another queue; priorities decide who wins a lead`,
      )
    }
    if (!Array.isArray(factors) || factors.some((f) => typeof f?.score !== 'function')) {
      return fail(`${at}.factors`, 'each score factor needs a factor name and a score function')
    }
    resolved.push({ ...queue, factors, ...(candidates && { candidates }), ...(recheck && { recheck }) })
  }
  return Either.right(resolved.sort((a, b) => a.priority - b.priority))
}
