import type { Queues } from '@ringlane/core'
import type { ClaimsFacts } from './details.js'
export interface ClaimsWeights {
  /** Points per pending requirement, up to `maxPendingRequirements`. */
  readonly perPendingRequirement: number
  readonly maxPendingRequirements: number
  /** Points once a person's claims together exceed a value (the highest tier reached counts). */
  readonly claimValueTiers: ReadonlyArray<{
    readonly over: number
    readonly points: number
  }>
}
export declare const defaultClaimsWeights: ClaimsWeights
/**
 * What moves a claimant up the queue besides the dialler's own factors: more that is still pending
 * from them, and more money at stake.
 */
export declare const claimsScoreFactors: (
  weights?: Partial<ClaimsWeights>,
) => ReadonlyArray<Queues.ScoreFactor<ClaimsFacts>>
//# sourceMappingURL=score-factors.d.ts.map
