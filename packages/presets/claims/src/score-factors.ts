import type { Queues } from '@ringlane/core'
import type { ClaimsFacts } from './details.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export interface ClaimsWeights {
  /** Points per pending requirement, up to `maxPendingRequirements`. */
  readonly perPendingRequirement: number
  readonly maxPendingRequirements: number
  /** Points once a person's claims together exceed a value (the highest tier reached counts). */
  readonly claimValueTiers: ReadonlyArray<{ readonly over: number; readonly points: number }>
}

export const defaultClaimsWeights: ClaimsWeights = {
  perPendingRequirement: 15,
  maxPendingRequirements: 5,
  claimValueTiers: [
    { over: 5000, points: 10 },
    { over: 10000, points: 20 },
  ],
}

/**
 * What moves a claimant up the queue besides the dialler's own factors: more that is still pending
 * from them, and more money at stake.
 */
export const claimsScoreFactors = (
  weights: Partial<ClaimsWeights> = {},
): ReadonlyArray<Queues.ScoreFactor<ClaimsFacts>> => {
  const w = { ...defaultClaimsWeights, ...weights }
  return [
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
          detail: tier
            ? `claims worth over £${tier.over.toLocaleString('en-GB')}`
            : `claims worth £${Math.round(claimValue).toLocaleString('en-GB')}`,
        }
      },
    },
  ]
}
