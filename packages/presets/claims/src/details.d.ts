/** One thing a claim still needs from the person (a document, an answer). */
export interface Requirement {
  readonly id: string
  readonly type: string
  readonly status: string
  readonly createdAt: Date
}
export interface Claim {
  readonly id: string
  readonly reference: string
  readonly status: string
  readonly lender: string
  /** In pounds. */
  readonly value: number
  readonly createdAt: Date
  readonly requirements: ReadonlyArray<Requirement>
}
/** What the claims use case adds to a lead's profile: the agent sees it on the desk. */
export interface ClaimsDetails {
  readonly signatureOnFile: boolean
  readonly claims: ReadonlyArray<Claim>
}
/** What the claims queues read from the source for scoring, per candidate. */
export interface ClaimsFacts {
  readonly pendingRequirements: number
  /** Total claim value in pounds. */
  readonly claimValue: number
}
//# sourceMappingURL=details.d.ts.map
