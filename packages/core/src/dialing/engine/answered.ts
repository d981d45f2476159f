import { Duration, Effect, Option } from 'effect'
import { moveAgent } from '../../agents/move-agent.js'
import type { CallSession } from '../../calls/call-session.js'
import { CallStore } from '../../calls/call-store.js'
import type { Campaign } from '../../campaigns/campaign.js'
import { AbandonLedger } from '../../compliance/abandon-ledger.js'
import { publish } from '../../kernel/events.js'
import type { AgentId } from '../../kernel/ids.js'
import { currentDate } from '../../kernel/time.js'
import { QueueStore } from '../../queues/queue-store.js'
import { takeFreeAgent } from '../../routing/take-agent.js'
import { isTerminal } from '../../telephony/call-event.js'
import { Telephony } from '../../telephony/telephony.js'
import { connectToAiAgent } from './ai-answered.js'
import type { EngineCampaign } from './engine-campaigns.js'
import type { CallAbandoned, CallOffered } from './events.js'
import { finishEngineAttempt } from './finish-attempt.js'
import { EnginePacers } from './pacers.js'

/** The longest an answered person may wait for an agent (Ofcom: 2 seconds, then the message). */
export const CONNECT_WITHIN_MS = 2000
/** How often a waiting call looks again for a free agent. */
const LOOK_AGAIN_MS = 100

/** Gives the call to the agent: the session, then the lead on their desk, then the audio. */
const offerTo = (campaign: Campaign, session: CallSession, providerCallId: string, agentId: AgentId) =>
  Effect.gen(function* () {
    const calls = yield* CallStore
    const assigned = yield* calls.assignAgent(session.id, agentId)
    const now = yield* currentDate
    if (Option.isNone(assigned)) {
      // Another instance already gave this call an agent, or it ended or was abandoned meanwhile (the
      // orphan sweep, for a slow connect): the agent goes back to waiting.
      yield* moveAgent(agentId, 'on_call', { state: 'available', reason: null }, now)
      return false
    }
    const handed = yield* Effect.flatMap(QueueStore, (queues) => queues.handEntryTo(session.entryId, agentId))
    // The agent still holds another lead (a preview claim): the call connects all the same, but their
    // desk cannot show this lead until they give that one back.
    if (!handed)
      yield* Effect.logWarning('Engine call connected to an agent who holds another lead').pipe(
        Effect.annotateLogs({ agentId, sessionId: session.id }),
      )
    yield* publish({
      _tag: 'CallOffered',
      at: now,
      campaignId: campaign.id,
      sessionId: session.id,
      agentId,
      leadId: session.leadId,
      queueId: session.queueId,
      entryId: session.entryId,
    } satisfies CallOffered)
    yield* Effect.flatMap(Telephony, (telephony) => telephony.connectToAgent(providerCallId, agentId))
    return true
  })

const record = (
  campaign: Campaign,
  session: CallSession,
  answeredAt: Date,
  outcome: 'connected' | 'abandoned' | 'machine',
) =>
  Effect.flatMap(AbandonLedger, (ledger) =>
    ledger.record({ campaignId: campaign.id, callId: session.id, answeredAt, outcome }),
  )

/**
 * A person answered an engine call: give it to a free agent of the campaign within 2 seconds, or play
 * the abandon message, hang up and count it abandoned. The wait starts when the engine learns a person
 * answered (the answer, or the machine-detection verdict when the campaign listens for machines).
 * A campaign with an AI agent gives the call to it instead (`connectToAiAgent`).
 */
export const connectAnswered = (
  running: EngineCampaign,
  session: CallSession,
  providerCallId: string,
  connectWithinMs = CONNECT_WITHIN_MS,
) =>
  Effect.gen(function* () {
    const { campaign } = running
    // A campaign with an AI agent gives it the call; people take it only when the agent cannot.
    if (campaign.voiceAgentId !== null) {
      const taken = yield* connectToAiAgent(running, session, providerCallId)
      if (Option.isSome(taken)) return taken.value
    }
    const calls = yield* CallStore
    const start = yield* currentDate
    const answeredAt = session.answeredAt ?? start
    let current = session
    while (true) {
      const agent = yield* takeFreeAgent(running.agents)
      if (Option.isSome(agent)) {
        const offered = yield* offerTo(campaign, current, providerCallId, agent.value)
        if (!offered) return 'taken-elsewhere' as const
        yield* record(campaign, current, answeredAt, 'connected')
        return 'connected' as const
      }
      const now = yield* currentDate
      if (+now - +start >= connectWithinMs) break
      yield* Effect.sleep(Duration.millis(Math.min(LOOK_AGAIN_MS, connectWithinMs - (+now - +start))))
      const fresh = yield* calls.findSession(current.id)
      if (Option.isSome(fresh)) current = fresh.value
      // The person hung up while waiting, or another instance gave the call an agent.
      if (isTerminal(current.status) || current.agentId !== null) break
    }
    if (current.agentId !== null) return 'taken-elsewhere' as const
    return yield* abandon(running, current, providerCallId, start)
  })

/**
 * Abandons an answered call nobody could take: marks it (so no one abandons it twice or counts it as
 * waiting), plays the campaign's message if the person is still there, counts it in the ledger.
 */
export const abandon = (
  running: EngineCampaign,
  session: CallSession,
  providerCallId: string,
  waitingSince: Date | null = session.answeredAt,
) =>
  Effect.gen(function* () {
    const { campaign } = running
    const calls = yield* CallStore
    const now = yield* currentDate
    // Decided on the session as stored now, not as read (the sweep's read may predate an assignment).
    const marked = yield* calls.updateSession(session.id, null, (current) =>
      current.agentId === null && current.endReason === null
        ? { ...current, endReason: 'abandoned: no agent free within 2 s' }
        : current,
    )
    // Another instance took or abandoned it meanwhile.
    if (Option.isNone(marked) || marked.value.after === marked.value.before) return 'taken-elsewhere' as const
    const current = marked.value.after
    const telephony = yield* Telephony
    // The message goes only to a call still live; one that hung up meanwhile is abandoned all the same.
    if (!isTerminal(current.status)) {
      yield* telephony.playMessageAndHangUp(providerCallId, campaign.abandonMessage).pipe(
        // Abandoned and counted all the same: the provider may no longer know the call (it ended, or
        // the instance that placed it died with it), and an uncounted abandon would flatter the rate.
        Effect.catchAll((error) =>
          Effect.logWarning('Abandon message not played').pipe(
            Effect.annotateLogs({ sessionId: current.id, error: error.message }),
          ),
        ),
      )
    }
    yield* record(campaign, current, current.answeredAt ?? now, 'abandoned')
    yield* Effect.flatMap(QueueStore, (queues) => queues.finishEngineEntry(current.entryId))
    const waitedMs = +now - +(waitingSince ?? now)
    yield* Effect.flatMap(EnginePacers, (pacers) =>
      Effect.sync(() => pacers.observe(campaign.id, { kind: 'abandoned', waitedMs })),
    )
    yield* publish({
      _tag: 'CallAbandoned',
      at: now,
      campaignId: campaign.id,
      sessionId: current.id,
      leadId: current.leadId,
      waitedMs,
    } satisfies CallAbandoned)
    return 'abandoned' as const
  })

/** A machine answered: hang up, or leave the campaign's message, as the campaign says. */
export const handleMachine = (running: EngineCampaign, session: CallSession, providerCallId: string) =>
  Effect.gen(function* () {
    const { campaign } = running
    const telephony = yield* Telephony
    if (campaign.answeringMachine === 'leave-message' && campaign.machineMessage) {
      yield* telephony.playMessageAndHangUp(providerCallId, campaign.machineMessage)
    } else {
      yield* telephony.endCall(providerCallId)
    }
    yield* record(campaign, session, session.answeredAt ?? (yield* currentDate), 'machine')
    yield* finishEngineAttempt(session)
    return 'machine' as const
  })
