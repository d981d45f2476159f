import { Clock, Effect } from 'effect'
import type { LeadId, QueueId } from '../kernel/ids.js'
import { LeadSource } from '../leads/lead-source.js'
import { MagicLinkStore } from './magic-link-store.js'
import { MagicLinksConfig } from './magic-links-config.js'

/**
 * Marks opened links whose lead has since done what the link was for: the live source says the lead
 * is `completed` for the link type's `convertsIn` queue. A job runs it (hourly is plenty).
 */
export const trackLinkConversions = Effect.gen(function* () {
  const settings = yield* MagicLinksConfig
  const store = yield* MagicLinkStore
  const source = yield* LeadSource
  const now = new Date(yield* Clock.currentTimeMillis)
  const links = yield* store.linksAwaitingConversion(
    new Date(+now - settings.conversionWindowDays * 86_400_000),
    2000,
  )
  const byQueue = new Map<string, Array<{ id: string; leadId: LeadId }>>()
  for (const link of links) {
    const queueId = settings.linkTypes.find((t) => t.type === link.linkType)?.convertsIn
    if (queueId) byQueue.set(queueId, [...(byQueue.get(queueId) ?? []), link])
  }
  let converted = 0
  for (const [queueId, queued] of byQueue) {
    const answers = yield* source.recheck(queueId as QueueId, [...new Set(queued.map((l) => l.leadId))])
    const done = queued.filter((l) => {
      const answer = answers.get(l.leadId)
      return answer !== undefined && !answer.eligible && answer.reason === 'completed'
    })
    converted += yield* store.markConverted(
      done.map((l) => l.id),
      now,
    )
  }
  return { checked: links.length, converted }
})
