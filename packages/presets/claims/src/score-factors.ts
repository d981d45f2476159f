import type { Queues } from '@ringlane/core'
import type { ClaimsFacts } from './details.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const pounds = (value: number) => `£${Math.round(value).toLocaleString('en-GB')}`

export interface ClaimsWeights {
  /** Points per pending requirement, up to `maxPendingRequirements`. */
  readonly perPendingRequirement: number
  readonly maxPendingRequirements: number
  /** Points once a person's claims together exceed a value (the highest tier reached counts). */
  readonly claimValueTiers: ReadonlyArray<{ readonly over: number; readonly points: number }>
  /**
   * Points per lender: a person whose claims include a lender that matters more to the business (it
   * pays out faster, or a deadline runs) is called sooner. The most important lender of their claims
   * counts; lenders not listed count 0.
   */
  readonly lenderImportance: Readonly<Record<string, number>>
  /** Points when now falls inside the hours the person asked to be called in (seed: 5). */
  readonly preferredTimeOfDay: number
  /** The zone a person's preferred hours are in: the claims source's people are in the UK. */
  readonly timeZone: string
}

/** Tiers of 5 points per £2,500 up to £30,000: £5,000 gives 10 and £10,000 gives 20, as the seed's tiers did. */
const valueLadder = Array.from({ length: 12 }, (_, i) => ({ over: (i + 1) * 2500, points: (i + 1) * 5 }))

export const defaultClaimsWeights: ClaimsWeights = {
  perPendingRequirement: 15,
  maxPendingRequirements: 10,
  claimValueTiers: valueLadder,
  lenderImportance: {},
  preferredTimeOfDay: 5,
  timeZone: 'Europe/London',
}

/** The hour (0–23) on the clock of a zone. */
export const hourIn = (now: Date, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(now))

/**
 * Whether an hour is inside a preferred window, both ends included (seed 000: `hour >= start && hour
 * <= end`). A window whose start is after its end runs over midnight (20 to 7).
 */
export const inPreferredHours = (hour: number, hours: { readonly from: number; readonly to: number }) =>
  hours.from <= hours.to ? hour >= hours.from && hour <= hours.to : hour >= hours.from || hour <= hours.to

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`

/**
 * What moves a claimant up the queue besides the dialler's own factors: more that is still pending
 * from them, more money at stake, a lender that matters more, and calling inside the hours they asked
 * for. Factors that cannot apply (no lender weighted, no preferred hours) add no reason at all, so every
 * reason an agent reads moved the score.
 */
export const claimsScoreFactors = (
  weights: Partial<ClaimsWeights> = {},
): ReadonlyArray<Queues.ScoreFactor<ClaimsFacts>> => {
  const w = { ...defaultClaimsWeights, ...weights }
  const factors: Array<Queues.ScoreFactor<ClaimsFacts>> = [
    {
      factor: 'pending_requirements',
      score: ({ pendingRequirements }) => ({
        points: Math.min(pendingRequirements, w.maxPendingRequirements) * w.perPendingRequirement,
        detail: plural(pendingRequirements, 'pending requirement'),
      }),
    },
    {
      factor: 'claim_value',
      score: ({ claimValue }) => {
        const tier = [...w.claimValueTiers]
          .filter((t) => claimValue > t.over)
          .sort((a, b) => b.over - a.over)[0]
        return {
          points: tier?.points ?? 0,
          detail: tier ? `claims worth over ${pounds(tier.over)}` : `claims worth ${pounds(claimValue)}`,
        }
      },
    },
  ]
  if (Object.keys(w.lenderImportance).length > 0) {
    factors.push({
      factor: 'lender_importance',
      score: ({ lenders }) => {
        const top = [...(lenders ?? [])]
          .map((lender) => ({ lender, points: w.lenderImportance[lender] ?? 0 }))
          .sort((a, b) => b.points - a.points || a.lender.localeCompare(b.lender))[0]
        return top && top.points !== 0
          ? { points: top.points, detail: `a claim with ${top.lender}` }
          : { points: 0, detail: 'no claim with a weighted lender' }
      },
    })
  }
  if (w.preferredTimeOfDay !== 0) {
    factors.push({
      factor: 'preferred_time_of_day',
      score: ({ preferredCallHours }, now) => {
        if (!preferredCallHours) return { points: 0, detail: 'no preferred time to call' }
        const window = `${hourLabel(preferredCallHours.from)}–${hourLabel(preferredCallHours.to)}`
        return inPreferredHours(hourIn(now, w.timeZone), preferredCallHours)
          ? { points: w.preferredTimeOfDay, detail: `prefers calls ${window}: now is inside` }
          : { points: 0, detail: `prefers calls ${window}` }
      },
    })
  }
  return factors
}
