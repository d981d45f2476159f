import type { Compliance } from '@ringlane/core'
import { Effect } from 'effect'

/**
 * The abandon ledger the engine writes, in this process's memory. A stopgap on the engine branch:
 * the compliance area's store-backed ledger replaces it when the branches meet (an instance's
 * restart forgets the window's counts until then).
 */
export const memoryAbandonLedger = (): Compliance.AbandonLedgerService => {
  const calls = new Map<string, Compliance.AnsweredCall>()
  return {
    record: (call) =>
      Effect.sync(() => {
        if (!calls.has(call.callId)) calls.set(call.callId, call)
      }),
    counts: ({ campaignId, since, until }) =>
      Effect.sync(() => {
        const counts = { connected: 0, abandoned: 0, machine: 0 }
        for (const call of calls.values()) {
          if (call.campaignId === campaignId && +call.answeredAt >= +since && +call.answeredAt < +until)
            counts[call.outcome]++
        }
        return counts
      }),
  }
}
