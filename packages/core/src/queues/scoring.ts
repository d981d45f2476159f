import { Schema } from 'effect'

const points = (description: string) =>
  Schema.Number.pipe(
    Schema.finite({ message: () => 'must be a number from -1000 to 1000' }),
    Schema.between(-1000, 1000, { message: () => 'must be a number from -1000 to 1000' }),
    Schema.annotations({ description }),
  )
const count = (max: number) =>
  Schema.Number.pipe(
    Schema.int({ message: () => `must be a whole number from 0 to ${max}` }),
    Schema.between(0, max, { message: () => `must be a whole number from 0 to ${max}` }),
  )

/**
 * How much each factor moves a lead up (positive) or down (negative) its queue. A higher score is
 * dialled sooner. Every field has a default; configure only what differs.
 */
export const ScoringWeights = Schema.Struct({
  perDaySinceLastContact: Schema.optionalWith(points('points per day since the last contact'), {
    default: () => 2,
  }),
  maxDaysSinceLastContact: Schema.optionalWith(count(3650), { default: () => 30 }),
  perAttempt: Schema.optionalWith(points('points per call attempt so far'), { default: () => -5 }),
  lastOutcome: Schema.optionalWith(
    Schema.Record({ key: Schema.String, value: points('points for the last outcome') }),
    {
      default: () => ({
        callback_requested: 20,
        no_answer: 5,
        busy: 5,
        voicemail: 0,
        contacted: -10,
        not_interested: -50,
      }),
    },
  ),
  callbackDue: Schema.optionalWith(points('points when a promised callback is due'), { default: () => 100 }),
  perDayOfLeadAge: Schema.optionalWith(points('points per day since the lead appeared'), {
    default: () => -0.5,
  }),
  maxLeadAgeDays: Schema.optionalWith(count(3650), { default: () => 60 }),
})
export type ScoringWeights = typeof ScoringWeights.Type
export type ScoringWeightsInput = typeof ScoringWeights.Encoded

export const defaultScoringWeights: ScoringWeights = Schema.decodeSync(ScoringWeights)({})

/** The factors every queue scores by; a use case adds its own (`ScoreFactor`). */
export type ScoringFactor =
  | 'days_since_last_contact'
  | 'attempts'
  | 'last_outcome'
  | 'callback_due'
  | 'lead_age'

/**
 * A factor a use case adds to its queues' scores from what the source says of a candidate (its
 * `facts`), e.g. the claims preset's pending requirements. Its points and detail become a reason.
 */
export interface ScoreFactor<Facts = unknown> {
  /** The factor's name in reasons, e.g. `pending_requirements`. */
  readonly factor: string
  score(facts: Facts, now: Date): { readonly points: number; readonly detail: string }
}

export interface ScoreReason {
  readonly factor: string
  readonly points: number
  /** What an agent reads: "3 days since last contact". */
  readonly detail: string
}

export interface LeadScore {
  readonly score: number
  readonly reasons: ReadonlyArray<ScoreReason>
}

export interface ScoringInputs {
  readonly now: Date
  readonly leadCreatedAt: Date
  readonly lastContactAt: Date | null
  readonly attempts: number
  readonly lastOutcome: string | null
  readonly callbackDue: boolean
}

const DAY = 86_400_000
const round = (value: number) => Math.round(value * 100) / 100
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * Scores a lead and says why: every factor is reported, with the points it gave. `factors` are the
 * use case's own, read from the candidate's `facts`.
 */
export const scoreLead = <Facts>(
  inputs: ScoringInputs,
  weights: ScoringWeights = defaultScoringWeights,
  factors: ReadonlyArray<ScoreFactor<Facts>> = [],
  facts?: Facts,
): LeadScore => {
  const reasons: ScoreReason[] = []
  const add = (factor: string, value: number, detail: string) =>
    reasons.push({ factor, points: round(value) + 0, detail })

  const days =
    inputs.lastContactAt === null
      ? weights.maxDaysSinceLastContact
      : Math.min(
          Math.max(0, Math.floor((+inputs.now - +inputs.lastContactAt) / DAY)),
          weights.maxDaysSinceLastContact,
        )
  add(
    'days_since_last_contact',
    days * weights.perDaySinceLastContact,
    inputs.lastContactAt === null ? 'never contacted' : `${plural(days, 'day')} since last contact`,
  )
  add('attempts', inputs.attempts * weights.perAttempt, `${plural(inputs.attempts, 'attempt')} so far`)
  add(
    'last_outcome',
    inputs.lastOutcome === null ? 0 : (weights.lastOutcome[inputs.lastOutcome] ?? 0),
    inputs.lastOutcome === null
      ? 'no previous outcome'
      : `last outcome ${inputs.lastOutcome.replaceAll('_', ' ')}`,
  )
  add(
    'callback_due',
    inputs.callbackDue ? weights.callbackDue : 0,
    inputs.callbackDue ? 'callback due' : 'no callback due',
  )
  const age = Math.min(
    Math.max(0, Math.floor((+inputs.now - +inputs.leadCreatedAt) / DAY)),
    weights.maxLeadAgeDays,
  )
  add('lead_age', age * weights.perDayOfLeadAge, `lead ${plural(age, 'day')} old`)
  if (facts !== undefined) {
    for (const factor of factors) {
      const { points, detail } = factor.score(facts, inputs.now)
      add(factor.factor, points, detail)
    }
  }

  return { score: round(reasons.reduce((sum, r) => sum + r.points, 0)) + 0, reasons }
}

/** Queue order: higher score first, then the newest lead, then lead id, so equal input gives equal order. */
export const compareByScore = (
  a: { readonly score: number; readonly leadCreatedAt: Date; readonly leadId: string },
  b: { readonly score: number; readonly leadCreatedAt: Date; readonly leadId: string },
) =>
  b.score - a.score ||
  +b.leadCreatedAt - +a.leadCreatedAt ||
  (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0)
