import { Chunk, Effect } from 'effect'
import type { QueueId } from '../kernel/ids.js'
import { currentDate } from '../kernel/time.js'
import { LeadSource } from '../leads/lead-source.js'
import { type Conversion, QueueStore } from './queue-store.js'
import { currentQueues } from './queue-tuning.js'

export interface ConversionReport {
  readonly queueId: QueueId
  readonly checked: number
  readonly converted: number
  readonly removed: number
}

/**
 * Re-checks every waiting entry against the source. People who did what their queue called about
 * (signed, uploaded) are conversions: recorded, and out of the queue. Leads gone or no longer
 * eligible for another reason just leave the queue.
 */
export const trackConversions = (batchSize = 1000) =>
  Effect.gen(function* () {
    const store = yield* QueueStore
    const source = yield* LeadSource
    const { queues } = yield* currentQueues
    const reports: ConversionReport[] = []
    for (const queue of queues) {
      const waiting = yield* store.waitingEntries(queue.id)
      let converted = 0
      let removed = 0
      for (const batch of Chunk.chunksOf(Chunk.fromIterable(waiting), batchSize)) {
        const entries = Chunk.toReadonlyArray(batch)
        const answers = yield* source.recheck(
          queue.id,
          entries.map((e) => e.leadId),
        )
        const conversions: Conversion[] = []
        const gone: string[] = []
        for (const entry of entries) {
          const answer = answers.get(entry.leadId)
          if (!answer || answer.eligible) continue
          if (answer.reason === 'completed') {
            conversions.push({
              entryId: entry.entryId,
              leadId: entry.leadId,
              queueId: queue.id,
              detail: answer.detail,
            })
          } else gone.push(entry.entryId)
        }
        const now = yield* currentDate
        converted += yield* store.recordConversions(conversions, now)
        removed += yield* store.removeEntries(gone)
      }
      reports.push({ queueId: queue.id, checked: waiting.length, converted, removed })
    }
    return reports
  })
