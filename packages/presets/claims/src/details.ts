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
  /** The lenders of the person's claims, each once, in name order. */
  readonly lenders: ReadonlyArray<string>
  /**
   * The hours (0–23 on the UK clock, both ends included) the person asked to be called in; null when
   * they did not say. A window whose start is after its end runs over midnight.
   */
  readonly preferredCallHours: { readonly from: number; readonly to: number } | null
}
