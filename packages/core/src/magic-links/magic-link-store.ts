import { Context, type Effect, type Option, Schema } from 'effect'
import type { PageKey } from '../kernel/cursor.js'
import type { AgentId, LeadId } from '../kernel/ids.js'

/** The magic-link store failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class MagicLinkStoreError extends Schema.TaggedError<MagicLinkStoreError>()('MagicLinkStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** An issued link as the dialler remembers it. Its token is not here: only the token's hash is kept. */
export interface MagicLink {
  readonly id: string
  readonly leadId: LeadId
  readonly linkType: string
  readonly issuedBy: AgentId | null
  /** The call it was sent during, when there was one. */
  readonly callSessionId: string | null
  readonly issuedAt: Date
  readonly expiresAt: Date
  readonly singleUse: boolean
  readonly revokedAt: Date | null
  readonly revokedReason: string | null
  readonly accessCount: number
  readonly firstAccessedAt: Date | null
  readonly lastAccessedAt: Date | null
  readonly lastUserAgent: string | null
  readonly lastIp: string | null
  /** When the lead was seen to have done what the link was for, after opening it. */
  readonly convertedAt: Date | null
}

export interface StoredMagicLink extends MagicLink {
  readonly tokenHash: string
}

/** A link as it is issued: the store gives it its id, and it has no access or revocation yet. */
export type NewMagicLink = Pick<
  StoredMagicLink,
  'tokenHash' | 'leadId' | 'linkType' | 'issuedBy' | 'callSessionId' | 'issuedAt' | 'expiresAt' | 'singleUse'
>

export interface LinkAccess {
  readonly at: Date
  readonly userAgent: string | null
  readonly ip: string | null
}

export interface LinkCounts {
  readonly sent: number
  readonly accessed: number
  readonly converted: number
  /** Every opening, not only the first. */
  readonly totalAccesses: number
}

/** Counts by link type, by agent (null: sent by the dialler itself) and by UTC day, computed in SQL. */
export interface LinkAnalyticsCounts {
  readonly total: LinkCounts
  readonly byType: ReadonlyArray<LinkCounts & { readonly linkType: string }>
  readonly byAgent: ReadonlyArray<LinkCounts & { readonly agentId: AgentId | null }>
  /** `YYYY-MM-DD` of issue. */
  readonly byDay: ReadonlyArray<LinkCounts & { readonly day: string }>
}

export interface LinkAnalyticsFilter {
  readonly since: Date
  readonly until: Date
  readonly issuedBy?: AgentId | undefined
}

type Op<A> = Effect.Effect<A, MagicLinkStoreError>

export interface MagicLinkStoreService {
  readonly insertLink: (link: NewMagicLink) => Op<MagicLink>
  readonly findByTokenHash: (tokenHash: string) => Op<Option.Option<StoredMagicLink>>
  readonly findLink: (linkId: string) => Op<Option.Option<MagicLink>>
  readonly linksForLead: (leadId: LeadId) => Op<ReadonlyArray<MagicLink>>
  /**
   * Links issued in `[since, until)`, newest first by issue time then id (descending), at most `limit`,
   * each after `after` in that order (the previous page's last link).
   */
  readonly listLinks: (query: {
    readonly since: Date
    readonly until: Date
    readonly after: PageKey | null
    readonly limit: number
  }) => Op<ReadonlyArray<MagicLink>>
  /**
   * Counts an opening, in one statement that also re-checks the link is still usable at `access.at`
   * (not revoked, not expired, a single-use link not yet opened). None when it no longer was: two
   * clicks on a single-use link never both get in.
   */
  readonly recordAccess: (linkId: string, access: LinkAccess) => Op<Option.Option<MagicLink>>
  /** Revokes with a reason; a link already revoked keeps its first reason. None if there is no such link. */
  readonly revokeLink: (linkId: string, reason: string, at: Date) => Op<Option.Option<MagicLink>>
  /** Opened links issued since the date whose lead has not converted yet. */
  readonly linksAwaitingConversion: (since: Date, limit: number) => Op<ReadonlyArray<MagicLink>>
  readonly markConverted: (linkIds: ReadonlyArray<string>, at: Date) => Op<number>
  readonly analytics: (filter: LinkAnalyticsFilter) => Op<LinkAnalyticsCounts>
}

export class MagicLinkStore extends Context.Tag('@ringlane/core/MagicLinkStore')<
  MagicLinkStore,
  MagicLinkStoreService
>() {}
