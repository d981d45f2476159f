import { Effect } from 'effect'
import { AgentStore } from '../../agents/agent-store.js'
import type { CallSession } from '../../calls/call-session.js'
import { timeOutCallSession } from '../../calls/call-session.js'
import { CallStore } from '../../calls/call-store.js'
import { publishCallStarted } from '../../calls/publish-call.js'
import type { PacedAgent, PacingSnapshot } from '../../campaigns/pacer.js'
import { AbandonLedger } from '../../compliance/abandon-ledger.js'
import { currentDate, HOUR } from '../../kernel/time.js'
import { QueueStore } from '../../queues/queue-store.js'
import { agentsHeldByRouting } from '../../routing/held-agents.js'
import { isTerminal } from '../../telephony/call-event.js'
import { Telephony } from '../../telephony/telephony.js'
import { recordDialDecision } from '../record-decision.js'
import { endWrapUpsLongerThan } from '../sign-in.js'
import { validateEngineDial } from '../validate-before-dial.js'
import { abandon } from './answered.js'
import { CallRateLimiter } from './call-rate.js'
import { detectsMachines, type EngineCampaign } from './engine-campaigns.js'
import { learnFromCallLog } from './estimates.js'
import { PacingLeadership } from './leadership.js'
import { EnginePacers } from './pacers.js'

const pacedState = { available: 'ready', on_call: 'on-call', wrap_up: 'wrap-up' } as const

/** Calls answered by a person, not yet given to an agent nor abandoned. */
export const waitingForAgent = (session: CallSession) =>
  session.answeredAt !== null &&
  session.agentId === null &&
  session.answeredBy !== 'machine' &&
  session.endReason === null

/**
 * Past this, an answered call still waiting has lost the instance that was connecting it (it died
 * mid-call): nobody else will, so the leader abandons it with the message rather than leave it silent.
 */
export const ORPHANED_AFTER_MS = 5000

/** What the pacer sees of a campaign now: its agents, its calls in flight, its abandon window. */
export const pacingSnapshot = (running: EngineCampaign) =>
  Effect.gen(function* () {
    const { campaign } = running
    const now = yield* currentDate
    const agentStore = yield* AgentStore
    // One read for the campaign's whole floor, every round (not one per agent).
    const states = yield* Effect.map(agentStore.agentStates(running.agents), (found) =>
      running.agents.map(
        (id) => found.get(id) ?? { state: 'offline' as const, reason: null, since: new Date(0) },
      ),
    )
    // An agent routing holds for a live call (reserved, or next for a waiting one when the campaign
    // takes inbound first) is busy to the pacer: it must not dial for them.
    const held = yield* Effect.provideService(
      agentsHeldByRouting(running.agents, campaign.inboundFirst),
      AgentStore,
      agentStore,
    )
    const agents: PacedAgent[] = states.flatMap((state, index) =>
      held.has(running.agents[index] as string)
        ? [{ state: 'on-call' as const, since: +now }]
        : state.state in pacedState
          ? [{ state: pacedState[state.state as keyof typeof pacedState], since: +state.since }]
          : [],
    )
    const open = yield* Effect.flatMap(CallStore, (calls) => calls.openCampaignCalls(campaign.id))
    const counts = yield* Effect.flatMap(AbandonLedger, (ledger) =>
      ledger.counts({
        campaignId: campaign.id,
        since: new Date(+now - campaign.abandonWindowHours * HOUR),
        until: now,
      }),
    )
    return {
      now: +now,
      agents,
      ringing: open.filter((s) => s.answeredAt === null).map((s) => ({ placedAt: +s.startedAt })),
      waiting: open.filter(waitingForAgent).length,
      maxLinesPerAgent: campaign.maxLinesPerAgent,
      minAgentsForPredictive: campaign.minAgentsForPredictive,
      abandons: {
        answeredLive: counts.connected + counts.abandoned,
        abandoned: counts.abandoned,
        targetRate: campaign.abandonTargetPercent / 100,
      },
    } satisfies PacingSnapshot
  })

/** Answered calls whose connecting instance died: the message, hang-up, counted abandoned. */
const settleOrphans = (running: EngineCampaign) =>
  Effect.gen(function* () {
    const now = yield* currentDate
    const open = yield* Effect.flatMap(CallStore, (calls) => calls.openCampaignCalls(running.campaign.id))
    const orphans = open.filter(
      (s) => waitingForAgent(s) && s.answeredAt !== null && +now - +s.answeredAt > ORPHANED_AFTER_MS,
    )
    // Each on its own: one the provider cannot settle must not hold up the round's dialling (a new
    // leader inherits the dead one's orphans, and a round that failed on them placed nothing).
    yield* Effect.forEach(orphans, (session) =>
      session.providerCallId === null
        ? Effect.void
        : abandon(running, session, session.providerCallId).pipe(
            Effect.catchAll((error) =>
              Effect.logWarning('Orphaned engine call not settled').pipe(
                Effect.annotateLogs({ sessionId: session.id, error: error.message }),
              ),
            ),
          ),
    )
  })

/**
 * Leads a leader checks and places at once, claimed as it goes: a round's whole grant checked at once
 * queued for the store's connections, ran the source check past its timeout and opened its breaker
 * (decision 0039). A claim is checked straight after it is made.
 */
export const PLACING_AT_ONCE = 8

/** Places one call for a lead the engine claimed, if the last check allows it. */
const placeFor = (running: EngineCampaign, entryId: string) =>
  Effect.gen(function* () {
    const { campaign } = running
    const queues = yield* QueueStore
    const checked = yield* Effect.either(validateEngineDial(entryId))
    if (checked._tag === 'Left' && checked.left._tag === 'SourceUnavailable') {
      // Not dialled, and not refused either: nobody could say. The lead goes back to its queue for a
      // later round; finished here, an unanswering source emptied the campaign's queues in seconds.
      yield* Effect.logWarning('Engine lead not checked (source unavailable); back to its queue').pipe(
        Effect.annotateLogs({ entryId, error: checked.left.message }),
      )
      yield* queues.releaseEngineEntry(entryId)
      return 'unchecked' as const
    }
    // Any other failure fails closed: a lead the dialler cannot confirm is not dialled (nor left claimed).
    const decision = checked._tag === 'Right' ? checked.right : null
    if (checked._tag === 'Left')
      yield* Effect.logWarning('Engine lead not checked; not dialled').pipe(
        Effect.annotateLogs({ entryId, error: checked.left.message }),
      )
    if (decision === null || decision._tag === 'Refused') {
      if (decision !== null) {
        yield* Effect.logInfo('Engine lead refused by the last check; not dialled').pipe(
          Effect.annotateLogs({ entryId, refusals: decision.refusals.map((r) => r.code).join(',') }),
        )
        // The refusal is evidence too; failing to keep it must not stop the campaign's other dials.
        yield* recordDialDecision(decision, { campaignId: campaign.id }).pipe(
          Effect.catchAll((error) => Effect.logWarning('Engine refusal not recorded', error)),
        )
      }
      yield* queues.finishEngineEntry(entryId)
      return 'refused' as const
    }
    const calls = yield* CallStore
    const telephony = yield* Telephony
    const now = yield* currentDate
    const session = yield* calls.createSession({
      agentId: null,
      campaignId: campaign.id,
      leadId: decision.entry.leadId,
      queueId: decision.entry.queueId,
      entryId,
      phone: decision.phone,
      provider: telephony.provider,
      startedAt: now,
    })
    yield* publishCallStarted(session)
    // No evidence, no call: a dial the compliance report cannot show is not placed.
    const recorded = yield* Effect.either(
      recordDialDecision(decision, { campaignId: campaign.id, callId: session.id }),
    )
    const placed =
      recorded._tag === 'Left'
        ? recorded
        : yield* Effect.either(
            telephony.placeCall({
              sessionId: session.id,
              to: decision.phone,
              callerId: campaign.callerId,
              ringTimeoutSeconds: campaign.ringTimeoutSeconds,
              machineDetection: detectsMachines(campaign),
            }),
          )
    if (placed._tag === 'Left') {
      // The provider refused or was unreachable: the call never rang, close it now.
      const at = yield* currentDate
      yield* calls.updateSession(session.id, null, (current) =>
        isTerminal(current.status)
          ? current
          : timeOutCallSession(current, at, `not placed: ${placed.left.message}`),
      )
      yield* queues.finishEngineEntry(entryId)
      return 'failed' as const
    }
    return 'placed' as const
  })

/**
 * One pacing round for a campaign, on the instance that leads it: asks the pacer how many lines to
 * place, within the shared calls-per-second budget, claims that many leads from the campaign's
 * queues and places a call for each one the last check allows. Returns how many calls it placed.
 */
export const pacingRound = (running: EngineCampaign) =>
  Effect.gen(function* () {
    const { campaign } = running
    if (!(yield* Effect.flatMap(PacingLeadership, (l) => l.lead(campaign.id)))) return 0
    yield* settleOrphans(running)
    // The campaign's wrap-up: its agents ready again after it, checked every round (decision 0034).
    if (campaign.wrapUpSeconds !== null)
      yield* endWrapUpsLongerThan(campaign.wrapUpSeconds, new Set<string>(running.agents))
    const pacer = yield* Effect.map(EnginePacers, (pacers) => pacers.pacerFor(campaign))
    yield* learnFromCallLog(running, pacer)
    const snapshot = yield* pacingSnapshot(running)
    const wanted = Math.max(0, Math.floor(pacer.linesToPlace(snapshot)))
    if (wanted === 0) return 0
    const now = yield* currentDate
    const granted = yield* Effect.flatMap(CallRateLimiter, (rate) => rate.take(wanted, now))
    const queues = yield* QueueStore
    let claimed = 0
    let placed = 0
    while (claimed < granted) {
      const at = yield* currentDate
      const entries = yield* queues.claimForEngine(
        campaign.queues,
        Math.min(PLACING_AT_ONCE, granted - claimed),
        at,
      )
      claimed += entries.length
      const results = yield* Effect.forEach(entries, (entry) => placeFor(running, entry.id), {
        concurrency: 'unbounded',
      })
      placed += results.filter((result) => result === 'placed').length
      // The queues ran dry, or the source did not answer: the next round tries again.
      if (entries.length === 0 || results.includes('unchecked')) break
    }
    return placed
  })
