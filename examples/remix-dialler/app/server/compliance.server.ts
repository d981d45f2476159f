import type { DiallerApp } from './dialler.server'
import { rangeFromSearch } from './metrics.server'

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/

/**
 * The compliance report's scope a page's query asks for: a range of days in the call centre's zone
 * (the last seven by default) and optionally a campaign or a queue (preview calls have no campaign).
 * A wrong campaign or queue is reported in `fields` and left out of the scope.
 */
export const scopeFromSearch = async ({ ringlane }: DiallerApp, url: URL) => {
  const { range, asked, fields } = rangeFromSearch(url)
  const campaignId = url.searchParams.get('campaign')?.trim() ?? ''
  const queueId = url.searchParams.get('queue')?.trim() ?? ''
  const scopeFields: Record<string, string> = {}
  if (campaignId !== '' && !ID.test(campaignId))
    scopeFields.campaign = 'A campaign id is letters, digits, _ . : or -'
  if (queueId !== '' && !ID.test(queueId)) scopeFields.queue = 'A queue id is letters, digits, _ . : or -'
  const { since, until } = await ringlane.analytics.rangeBounds(range)
  return {
    scope: {
      since,
      until,
      ...(campaignId !== '' && !scopeFields.campaign ? { campaignId } : {}),
      ...(queueId !== '' && !scopeFields.queue ? { queueId } : {}),
    },
    range,
    asked: { ...asked, campaign: campaignId, queue: queueId },
    fields: { ...fields, ...scopeFields } as Record<string, string | undefined>,
  }
}
