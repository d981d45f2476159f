import { Either, Schema } from 'effect'
import type { Kysely } from 'kysely'
import { decodeWith } from '../internal/decode.js'
import type { Candidate, Eligibility, LeadId } from '../leads/lead.js'
import { ScoringWeights } from './scoring.js'

export const QueueId = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
    message: () => 'id must be 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
  }),
  Schema.brand('@ringlane/core/QueueId'),
)
export type QueueId = typeof QueueId.Type

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
  threshold: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 100_000)), { default: () => 20 }),
  /** No call within this long of a lead appearing or of its last contact. */
  coolingMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 525_600)), { default: () => 120 }),
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

export interface CandidateQuery {
  /** Leads created after this are still cooling and must not be returned. */
  readonly createdBefore: Date
  readonly limit: number
}

/**
 * A queue: its settings plus, for `source` queues, the two Kysely queries that find its leads and
 * re-check them. Both must run unchanged on MySQL and on Postgres.
 */
export type QueueDefinition<Source = never> = QueueSettingsInput & {
  readonly candidates?: (db: Kysely<Source>, query: CandidateQuery) => Promise<ReadonlyArray<Candidate>>
  readonly recheck?: (
    db: Kysely<Source>,
    leadIds: ReadonlyArray<LeadId>,
  ) => Promise<ReadonlyMap<LeadId, Eligibility>>
}

export type ResolvedQueue<Source = never> = QueueSettings &
  Pick<QueueDefinition<Source>, 'candidates' | 'recheck'>

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
 * `queues[1].weights.perAttempt: Expected a number between -1000 and 1000, actual 5000`.
 */
export const resolveQueues = <Source>(
  definitions: ReadonlyArray<QueueDefinition<Source>>,
): Either.Either<ReadonlyArray<ResolvedQueue<Source>>, InvalidQueueDefinition> => {
  const fail = (field: string, message: string) =>
    Either.left(new InvalidQueueDefinition({ field, message: `${field}: ${message}` }))
  if (definitions.length === 0) return fail('queues', 'at least one queue is needed')
  const resolved: ResolvedQueue<Source>[] = []
  for (const [index, definition] of definitions.entries()) {
    const at = `queues[${index}]`
    const { candidates, recheck, ...settings } = definition
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
    resolved.push({ ...queue, ...(candidates && { candidates }), ...(recheck && { recheck }) })
  }
  return Either.right(resolved.sort((a, b) => a.priority - b.priority))
}
