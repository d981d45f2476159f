import { Analytics } from '@ringlane/core'
import { Schema } from 'effect'
import type { DiallerApp } from './dialler.server'
import { METRICS_TIME_ZONE } from './metrics.server'
import { refuseBadCursor } from './paging.server'
import { daysInOrder, sharedFilters } from './search-filters.server'

/** The search: every field optional; the number may be typed any way people write it, or in part. */
export const RecordingSearch = Schema.Struct(sharedFilters).pipe(Schema.filter(daysInOrder))
export type RecordingSearch = typeof RecordingSearch.Type

/**
 * A page of the recordings matching the search (newest first, after `cursor`), from the SDK (which reads a whole number however it
 * is written, or matches a part by its digits), with their call's number, agent and outcome code. A
 * search the SDK refuses (a day that does not exist) finds nothing and says why, under its field.
 */
export const searchRecordings = async (
  { ringlane }: DiallerApp,
  search: RecordingSearch,
  page: { readonly cursor?: string | undefined; readonly limit: number } = { limit: 100 },
): Promise<{
  readonly found: ReadonlyArray<Analytics.RecordingFound>
  readonly nextCursor: string | null
  readonly fields: Readonly<Record<string, string>>
}> => {
  try {
    const { items, nextCursor } = await ringlane.analytics.pageRecordings({
      ...(search.from ? { from: search.from } : {}),
      ...(search.to ? { to: search.to } : {}),
      timeZone: METRICS_TIME_ZONE,
      ...(search.agentId ? { agentId: search.agentId } : {}),
      ...(search.outcome ? { disposition: search.outcome } : {}),
      ...(search.number ? { number: search.number } : {}),
      ...(page.cursor ? { cursor: page.cursor } : {}),
      limit: page.limit,
    })
    return { found: items, nextCursor, fields: {} }
  } catch (error) {
    if (!(error instanceof Analytics.InvalidRecordingSearch)) return refuseBadCursor(error)
    return {
      found: [],
      nextCursor: null,
      fields: { [error.field]: error.message.replace(`${error.field}: `, '') },
    }
  }
}
