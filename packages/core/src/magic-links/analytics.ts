import { Effect, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { AgentId } from '../kernel/ids.js'
import { StorableDate } from '../kernel/time.js'
import { InvalidMagicLinkRequest } from './errors.js'
import { type LinkCounts, MagicLinkStore } from './magic-link-store.js'

export const LinkAnalyticsQuery = Schema.Struct({
  since: StorableDate,
  until: StorableDate,
  issuedBy: Schema.optional(AgentId),
}).pipe(
  Schema.filter((q) =>
    +q.since < +q.until ? undefined : { path: ['until'], message: 'until must be after since' },
  ),
)
export type LinkAnalyticsQuery = typeof LinkAnalyticsQuery.Encoded

export interface LinkRates extends LinkCounts {
  /** Opened at least once, out of sent (0 to 1). */
  readonly accessRate: number
  /** Converted, out of opened (0 to 1). */
  readonly conversionRate: number
}

const withRates = <T extends LinkCounts>(counts: T): T & LinkRates => ({
  ...counts,
  accessRate: counts.sent === 0 ? 0 : counts.accessed / counts.sent,
  conversionRate: counts.accessed === 0 ? 0 : counts.converted / counts.accessed,
})

const decodeQuery = decodeWith(LinkAnalyticsQuery, (issue) => new InvalidMagicLinkRequest(issue))

/** Links sent, opened and converted in a period: in total, by type, by agent and by day. */
export const magicLinkAnalytics = (query: LinkAnalyticsQuery) =>
  Effect.gen(function* () {
    const filter = yield* decodeQuery(query)
    const counts = yield* Effect.flatMap(MagicLinkStore, (store) => store.analytics(filter))
    return {
      total: withRates(counts.total),
      byType: counts.byType.map(withRates),
      byAgent: counts.byAgent.map(withRates),
      byDay: counts.byDay.map(withRates),
    }
  })
