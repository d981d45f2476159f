import { Effect, Either, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { currentDate, HOUR, StorableDate } from '../kernel/time.js'
import { AbandonLedger, type AnsweredCounts } from './abandon-ledger.js'
import { activeProfile, ComplianceConfig } from './contact-rules.js'
import type { ComplianceProfile, ComplianceRule } from './profiles.js'

type AbandonRule = Extract<ComplianceRule, { kind: 'abandon-rate' }>

/** What an abandon-rate rule counts over a window: live-answered calls and the abandoned among them. */
export interface AbandonTally {
  /** Calls the machine detection flagged, counted as people at the estimated share (a fraction). */
  readonly machineAsLive: number
  /** The denominator: connected + abandoned (+ the estimated people among machines, when counted). */
  readonly liveAnswered: number
  /** The numerator: abandoned (+ the estimated people among machines, who heard no agent either). */
  readonly abandoned: number
  /** abandoned / liveAnswered as a percent; 0 when nobody answered. */
  readonly ratePercent: number
}

/**
 * The rule's count over one window's answered calls. A machine-flagged call that was really a person
 * was dropped without an agent, so where the rule counts AMD false positives, the estimated share of
 * machine answers joins both the abandoned calls and the live-answered ones.
 */
export const tallyAbandons = (
  counts: AnsweredCounts,
  countsAmdFalsePositives: boolean,
  falsePositiveShare: number,
): AbandonTally => {
  const machineAsLive = countsAmdFalsePositives ? counts.machine * falsePositiveShare : 0
  const liveAnswered = counts.connected + counts.abandoned + machineAsLive
  const abandoned = counts.abandoned + machineAsLive
  return {
    machineAsLive,
    liveAnswered,
    abandoned,
    ratePercent: liveAnswered === 0 ? 0 : (100 * abandoned) / liveAnswered,
  }
}

/**
 * How many more abandoned calls keep the window at or under `targetPercent`: the largest k with
 * (abandoned + k) / (live + k) ≤ target, since each abandon is also a live answer. 0 when over already.
 */
export const abandonBudget = (tally: AbandonTally, targetPercent: number) => {
  const target = targetPercent / 100
  if (target >= 1) return Number.MAX_SAFE_INTEGER
  const room = (target * tally.liveAnswered - tally.abandoned) / (1 - target)
  // A hair of float error must not turn an exact fit into one fewer.
  return Math.max(0, Math.floor(room + 1e-9))
}

/** One abandon-rate rule's standing for a campaign now. */
export interface AbandonRuleStanding extends AbandonTally {
  readonly ruleId: string
  readonly profileId: string
  readonly profileVersion: string
  readonly maxPercent: number
  readonly periodHours: number
  readonly countsAmdFalsePositives: boolean
  readonly since: Date
  readonly counts: AnsweredCounts
  /** The rate the pacer aims under: the campaign's target where it is lower than the rule's cap. */
  readonly targetPercent: number
  /** Abandons the pacer may still spend in this window before the target is crossed. */
  readonly budget: number
  readonly withinLimit: boolean
}

/** A campaign's abandon rates: the rolling 24 h and 30 days for the supervisor, each rule's budget for the pacer. */
export interface AbandonStanding {
  readonly campaignId: string
  readonly at: Date
  readonly falsePositiveShare: number
  readonly windows: ReadonlyArray<
    AbandonTally & { readonly hours: number; readonly since: Date; readonly counts: AnsweredCounts }
  >
  readonly rules: ReadonlyArray<AbandonRuleStanding>
  /** The least budget across the rules: what the pacer may spend now. Null when no rule limits abandons. */
  readonly budget: number | null
  /**
   * The binding rule's window as the pacer's contract reads it (`AbandonWindow`): live-answered,
   * abandoned and the target as a fraction. Null when no rule limits abandons.
   */
  readonly pacing: {
    readonly answeredLive: number
    readonly abandoned: number
    readonly targetRate: number
  } | null
}

/** The abandon rate question was not valid (the field says which part); nothing was read. */
export class InvalidAbandonQuery extends Schema.TaggedError<InvalidAbandonQuery>()('InvalidAbandonQuery', {
  field: Schema.String,
  message: Schema.String,
}) {}

const Query = Schema.Struct({
  campaignId: Schema.String.pipe(
    Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/, {
      message: () => 'campaignId: 1 to 80 letters, digits, _ . : or -',
    }),
  ),
  /** The campaign's profiles, base first then overlays; the settings' profile when not given. */
  profiles: Schema.optional(Schema.NonEmptyArray(Schema.String)),
  /** The campaign's abandon target in percent, when lower than the rules' caps. */
  targetPercent: Schema.optional(Schema.Number.pipe(Schema.between(0, 100))),
  /** The end of the windows; now when not given (a report looks back from its period's end). */
  at: Schema.optional(StorableDate),
})
export type AbandonQuery = typeof Query.Encoded

/** The windows the supervisor sees whatever the profile: Ofcom's 24 hours and the FCC's 30 days. */
export const SUPERVISOR_WINDOWS = [24, 30 * 24] as const

/**
 * A campaign's abandon standing from the ledger now: the rolling 24 h and 30 day rates on the
 * live-answered denominator, and for each abandon-rate rule of its profile, its rate and the abandons
 * the pacer may still spend before the target (or the rule's cap, if lower) is crossed.
 */
export const abandonRates = (query: AbandonQuery) =>
  Effect.gen(function* () {
    const input = yield* decodeWith(Query, (issue) => new InvalidAbandonQuery(issue))(query)
    const rules = yield* ComplianceConfig
    const [base, ...overlays] = input.profiles ?? [rules.complianceProfile, ...rules.complianceOverlays]
    const active = activeProfile({ ...rules, complianceProfile: base ?? '', complianceOverlays: overlays })
    if (Either.isLeft(active))
      return yield* new InvalidAbandonQuery({
        field: 'profiles',
        message: active.left.message.replace(/^complianceProfile|^complianceOverlays\.\d+/, 'profiles'),
      })
    const ledger = yield* AbandonLedger
    const at = input.at ?? (yield* currentDate)
    const share = rules.amdFalsePositivePercent / 100
    const tagged: Array<{ rule: AbandonRule; profile: ComplianceProfile }> = [
      active.right.profile,
      ...active.right.overlays,
    ].flatMap((profile) =>
      profile.rules.flatMap((rule) => (rule.kind === 'abandon-rate' ? [{ rule, profile }] : [])),
    )
    const countsFp = tagged.length === 0 || tagged.some(({ rule }) => rule.countsAmdFalsePositives)
    const hours = [...new Set([...SUPERVISOR_WINDOWS, ...tagged.map(({ rule }) => rule.periodHours)])]
    const counted = new Map(
      yield* Effect.forEach(hours, (h) => {
        const since = new Date(+at - h * HOUR)
        return Effect.map(
          ledger.counts({ campaignId: input.campaignId, since, until: new Date(+at + 1) }),
          (counts) => [h, { since, counts }] as const,
        )
      }),
    )
    const windowOf = (h: number) => counted.get(h) as { since: Date; counts: AnsweredCounts }
    const standings = tagged.map(({ rule, profile }): AbandonRuleStanding => {
      const { since, counts } = windowOf(rule.periodHours)
      const tally = tallyAbandons(counts, rule.countsAmdFalsePositives, share)
      const targetPercent = Math.min(rule.maxPercent, input.targetPercent ?? rule.maxPercent)
      return {
        ...tally,
        ruleId: rule.id,
        profileId: profile.id,
        profileVersion: profile.version,
        maxPercent: rule.maxPercent,
        periodHours: rule.periodHours,
        countsAmdFalsePositives: rule.countsAmdFalsePositives,
        since,
        counts,
        targetPercent,
        budget: abandonBudget(tally, targetPercent),
        withinLimit: tally.ratePercent <= rule.maxPercent,
      }
    })
    const binding = standings.reduce<AbandonRuleStanding | null>(
      (least, s) => (least === null || s.budget < least.budget ? s : least),
      null,
    )
    return {
      campaignId: input.campaignId,
      at,
      falsePositiveShare: share,
      windows: SUPERVISOR_WINDOWS.map((h) => {
        const { since, counts } = windowOf(h)
        return { hours: h, since, counts, ...tallyAbandons(counts, countsFp, share) }
      }),
      rules: standings,
      budget: binding?.budget ?? null,
      pacing: binding && {
        answeredLive: binding.liveAnswered,
        abandoned: binding.abandoned,
        targetRate: binding.targetPercent / 100,
      },
    } satisfies AbandonStanding as AbandonStanding
  })
