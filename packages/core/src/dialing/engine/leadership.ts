import { Context, Effect, Schema } from 'effect'

export class LeadershipError extends Schema.TaggedError<LeadershipError>()('LeadershipError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/**
 * One pacing leader per campaign across app instances: only the leader places a campaign's calls,
 * so two instances never pace one campaign twice over. Every instance asks each round; the leader
 * keeps leading, and when it dies another one takes over at its next ask.
 */
export interface PacingLeadershipService {
  /** Whether this instance leads the campaign now (taking the lead if nobody holds it). */
  readonly lead: (campaignId: string) => Effect.Effect<boolean, LeadershipError>
  /** Gives up leading every campaign (shutdown), so another instance takes over at once. */
  readonly resign: Effect.Effect<void, LeadershipError>
}

export class PacingLeadership extends Context.Tag('@ringlane/core/PacingLeadership')<
  PacingLeadership,
  PacingLeadershipService
>() {}

/** One instance (embedded use): it leads every campaign. */
export const soleLeadership: PacingLeadershipService = {
  lead: () => Effect.succeed(true),
  resign: Effect.void,
}
