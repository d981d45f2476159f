import { Effect } from 'effect'
import { AgentStore } from '../../agents/agent-store.js'
import type { CallSession } from '../../calls/call-session.js'
import { CallStore } from '../../calls/call-store.js'
import type { Pacer, PacingObservation } from '../../campaigns/pacer.js'
import { currentDate, HOUR } from '../../kernel/time.js'
import type { EngineCampaign } from './engine-campaigns.js'

/** Ended calls a pacer learns from when it starts (its estimates remember about this many). */
export const HISTORY_CALLS = 400
/**
 * How far back each read looks again: a call ended on another instance may be written a little
 * after a later one was read (commit order, clocks). Already-learned calls are skipped by id.
 */
const OVERLAP_MS = 30_000
/** How often a leader reads what ended: the estimates move slowly, the call log need not be polled. */
export const LEARN_EVERY_MS = 2000

/** What an ended engine call tells the pacer: its ring, its answer (or why none) and its talk. */
export const observationsOf = (call: CallSession): ReadonlyArray<PacingObservation> => {
  const ringMs = (call.ringSeconds ?? 0) * 1000
  if (call.answeredAt === null) {
    const reason = call.status === 'busy' ? 'busy' : call.status === 'no-answer' ? 'no-answer' : 'failed'
    return [{ kind: 'not-answered', ringMs, reason }]
  }
  if (call.answeredBy === 'machine') return [{ kind: 'not-answered', ringMs, reason: 'machine' }]
  return [
    { kind: 'answered', ringMs },
    ...(call.agentId !== null && call.talkSeconds !== null
      ? [{ kind: 'talk-ended' as const, talkMs: call.talkSeconds * 1000 }]
      : []),
  ]
}

interface Learned {
  /** Calls (by id) and wrap-ups (agent and start) already observed, with when they ended. */
  readonly seen: Map<string, number>
  since: Date | null
  nextAt: number
}

// Per pacer, so a campaign whose mode changes (a new pacer) learns its history again.
const learnedBy = new WeakMap<Pacer, Learned>()

/**
 * Feeds a campaign's pacer what ended since it last looked, from the shared call log and agent state
 * history rather than from the webhooks this instance happened to handle: whichever instance leads
 * the campaign paces with the same estimates, and a new leader starts from the campaign's last
 * `HISTORY_CALLS` calls (decision 0034). Wrap-ups are learned from the campaign's agents' states.
 */
export const learnFromCallLog = (running: EngineCampaign, pacer: Pacer) =>
  Effect.gen(function* () {
    const now = yield* currentDate
    const learned = learnedBy.get(pacer) ?? { seen: new Map<string, number>(), since: null, nextAt: 0 }
    learnedBy.set(pacer, learned)
    if (+now < learned.nextAt) return 0
    learned.nextAt = +now + LEARN_EVERY_MS
    const since = learned.since ?? new Date(0)
    const calls = yield* Effect.flatMap(CallStore, (store) =>
      store.endedCampaignCalls(running.campaign.id, since, HISTORY_CALLS),
    )
    let observed = 0
    let latest = learned.since === null ? 0 : +learned.since + OVERLAP_MS
    for (const call of calls) {
      const endedAt = call.endedAt === null ? +now : +call.endedAt
      latest = Math.max(latest, endedAt)
      if (learned.seen.has(call.id)) continue
      learned.seen.set(call.id, endedAt)
      for (const observation of observationsOf(call)) pacer.observe(observation)
      observed++
    }
    // Wrap-ups that ended in the window, of this campaign's agents only.
    const agents = new Set<string>(running.agents)
    const spans = yield* Effect.flatMap(AgentStore, (store) =>
      store.stateHistory({
        agentId: null,
        since: new Date(learned.since === null ? +now - HOUR : Math.max(+learned.since, +now - 5 * 60_000)),
        until: now,
      }),
    )
    for (const span of spans) {
      if (span.state !== 'wrap_up' || span.endedAt === null || !agents.has(span.agentId)) continue
      const key = `${span.agentId}@${+span.startedAt}`
      if (learned.seen.has(key)) continue
      learned.seen.set(key, +span.endedAt)
      pacer.observe({ kind: 'wrap-up-ended', wrapUpMs: +span.endedAt - +span.startedAt })
      latest = Math.max(latest, +span.endedAt)
      observed++
    }
    const next = new Date(Math.min(+now, latest) - OVERLAP_MS)
    learned.since = next
    for (const [key, endedAt] of learned.seen) if (endedAt < +next) learned.seen.delete(key)
    return observed
  })
