import { Effect, Option } from 'effect'
import { DialEvidenceStore } from '../compliance/dial-evidence.js'
import { currentDate } from '../kernel/time.js'
import type { DialDecision } from './dial-decision.js'

/**
 * Keeps a dial decision, allowed or refused, with the rules it checked and the facts it used, for the
 * compliance report. Every path that dials calls this once per decision (preview's `startCall`, the
 * call engine's placed calls). Without a `DialEvidenceStore` it keeps nothing (an integration that
 * does not want the record).
 */
export const recordDialDecision = (
  decision: DialDecision,
  context: { readonly campaignId?: string | null; readonly callId?: string | null },
) =>
  Effect.gen(function* () {
    const store = yield* Effect.serviceOption(DialEvidenceStore)
    if (Option.isNone(store)) return null
    const { entry, evidence } = decision
    const compliance = evidence.compliance
    return yield* store.value.record({
      decidedAt: yield* currentDate,
      outcome: decision._tag === 'Allowed' ? 'allowed' : 'refused',
      agentId: entry.claimedBy,
      leadId: entry.leadId,
      queueId: entry.queueId,
      campaignId: context.campaignId ?? null,
      entryId: entry.id,
      callId: context.callId ?? null,
      phone: decision._tag === 'Allowed' ? decision.phone : entry.phone,
      profileId: compliance?.profile.id ?? null,
      profileVersion: compliance?.profile.version ?? null,
      refusals:
        decision._tag === 'Refused'
          ? decision.refusals.map((r) => ({ code: r.code, ruleId: r.ruleId ?? null, message: r.message }))
          : [],
      checked: evidence.checked,
      compliance,
    })
  })
