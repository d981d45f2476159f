import { Schema } from 'effect'

/** A live-call queue's id: lower case, like the lead queues' ids (`welsh-claims`). */
export const RoutingQueueId = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
    message: () => 'id must be 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
  }),
  Schema.brand('@ringlane/core/RoutingQueueId'),
)
export type RoutingQueueId = typeof RoutingQueueId.Type

/**
 * How a queue picks among the agents its current rule step allows, as Asterisk's app_queue and
 * FreeSWITCH's mod_callcenter define them (see `strategies.ts` for each definition).
 */
export const RoutingStrategy = Schema.Literal(
  'longest-idle',
  'least-calls',
  'round-robin',
  'fewest-talk-time',
  'skills-based',
)
export type RoutingStrategy = typeof RoutingStrategy.Type

/** Where a call goes when it waited past the queue's max wait, or found the queue full. */
export const OverflowTarget = Schema.Union(
  Schema.Struct({ kind: Schema.Literal('queue'), queueId: RoutingQueueId }),
  Schema.Struct({ kind: Schema.Literal('voicemail'), boxId: Schema.Trim.pipe(Schema.nonEmptyString()) }),
  Schema.Struct({ kind: Schema.Literal('hang-up') }),
)
export type OverflowTarget = typeof OverflowTarget.Type

/** A skill's or language's name: `welsh`, `motor-claims`, `cy`, `en-gb`. */
export const SkillName = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
    message: () => 'a skill or language is 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
  }),
)

/**
 * One routing step: while a call has waited less than the steps so far add up to, only agents for
 * whom `expression` holds are offered it (`timeoutSeconds` null: the step never ends). The
 * expression language is in `expression.ts`.
 */
export const RuleStep = Schema.Struct({
  expression: Schema.Trim.pipe(
    Schema.nonEmptyString({ message: () => 'expression must not be empty (write `true` for any agent)' }),
    Schema.maxLength(500),
  ),
  timeoutSeconds: Schema.NullOr(Schema.Int.pipe(Schema.between(1, 3600))),
})
export type RuleStep = typeof RuleStep.Type

const Seconds = Schema.Int.pipe(Schema.between(1, 86_400))

const queueFields = {
  id: RoutingQueueId,
  name: Schema.Trim.pipe(
    Schema.nonEmptyString({ message: () => 'name must not be empty' }),
    Schema.maxLength(100),
  ),
  /** Most calls waiting at once; a call beyond it overflows at once. Null: no limit. */
  maxSize: Schema.NullOr(Schema.Int.pipe(Schema.between(1, 10_000))),
  /** Longest a call waits before it overflows. Null: it waits until answered or the caller hangs up. */
  maxWaitSeconds: Schema.NullOr(Seconds),
  overflow: Schema.NullOr(OverflowTarget),
  /** Every agent offered this queue's calls has all these skills. */
  requiredSkills: Schema.Array(SkillName),
  /** ... and speaks all these languages. */
  requiredLanguages: Schema.Array(SkillName),
  /** The agents who work the queue; empty: every active agent. */
  agentIds: Schema.Array(Schema.UUID),
  strategy: RoutingStrategy,
  /** How long a reserved agent is held for a call before it goes to the next one. */
  reservationTimeoutSeconds: Schema.Int.pipe(Schema.between(1, 300)),
  /** Ordered steps; empty: any agent of the queue at once. */
  steps: Schema.Array(RuleStep).pipe(Schema.maxItems(20)),
}

/** A queue for live calls, as saved: `version` goes up by one at each edit. */
export const RoutingQueue = Schema.Struct({ ...queueFields, version: Schema.Int })
export type RoutingQueue = typeof RoutingQueue.Type

/** A queue as a supervisor writes it (unknown fields are refused, so a typo is not silently lost). */
export const RoutingQueueInput = Schema.Struct({
  ...queueFields,
  maxSize: Schema.optionalWith(queueFields.maxSize, { default: () => null }),
  maxWaitSeconds: Schema.optionalWith(queueFields.maxWaitSeconds, { default: () => null }),
  overflow: Schema.optionalWith(queueFields.overflow, { default: () => null }),
  requiredSkills: Schema.optionalWith(queueFields.requiredSkills, { default: () => [] }),
  requiredLanguages: Schema.optionalWith(queueFields.requiredLanguages, { default: () => [] }),
  agentIds: Schema.optionalWith(queueFields.agentIds, { default: () => [] }),
  strategy: Schema.optionalWith(RoutingStrategy, { default: () => 'longest-idle' as const }),
  reservationTimeoutSeconds: Schema.optionalWith(queueFields.reservationTimeoutSeconds, {
    default: () => 15,
  }),
  steps: Schema.optionalWith(queueFields.steps, { default: () => [] }),
})
export type RoutingQueueInput = typeof RoutingQueueInput.Encoded

/** What routing knows of an agent: skills with a level from 1 (some) to 10 (expert), and languages. */
export const AgentSkills = Schema.Struct({
  agentId: Schema.UUID,
  skills: Schema.Record({ key: SkillName, value: Schema.Int.pipe(Schema.between(1, 10)) }),
  languages: Schema.Array(SkillName),
})
export type AgentSkills = typeof AgentSkills.Type
export type AgentSkillsInput = typeof AgentSkills.Encoded
