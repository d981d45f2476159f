import { Effect } from 'effect'
import type { AbandonLedgerService, AnsweredCall } from './abandon-ledger.js'

/**
 * An abandon ledger in memory, for one process: Effect programs' tests and simulations that run
 * without a database. Not for several app instances (each would count only its own calls).
 */
export const inMemoryAbandonLedger = (): AbandonLedgerService => {
  const calls = new Map<string, AnsweredCall>()
  return {
    record: (call) =>
      Effect.sync(() => {
        if (!calls.has(call.callId)) calls.set(call.callId, { ...call })
      }),
    counts: ({ campaignId, since, until }) =>
      Effect.sync(() => {
        const counts = { connected: 0, abandoned: 0, machine: 0 }
        for (const call of calls.values())
          if (call.campaignId === campaignId && +call.answeredAt >= +since && +call.answeredAt < +until)
            counts[call.outcome]++
        return counts
      }),
  }
}
