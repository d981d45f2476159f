import { Effect, Option } from 'effect'
import { decodeAgentId } from '../../agents/active-agent.js'
import { AgentStore } from '../../agents/agent-store.js'
import { moveAgent } from '../../agents/move-agent.js'
import type { CallSession } from '../../calls/call-session.js'
import { handleCallStatus } from '../../calls/call-webhooks.js'
import { currentDate } from '../../kernel/time.js'
import { InvalidWebhook, type WebhookRequest } from '../../kernel/webhooks.js'
import { isTerminal } from '../../telephony/call-event.js'
import { agentConference, participantLabels, Telephony } from '../../telephony/telephony.js'
import { connectAnswered, handleMachine } from './answered.js'
import { detectsMachines, dialledByEngine, EngineCampaigns } from './engine-campaigns.js'
import { finishEngineAttempt } from './finish-attempt.js'

export type EngineReaction =
  | 'connected'
  | 'ai-agent'
  | 'abandoned'
  | 'taken-elsewhere'
  | 'machine'
  | 'ended'
  | null

/**
 * What the engine does about a change to one of its calls, decided from the change itself: only the
 * webhook whose update made the change sees it (the store's version check), so each call is
 * connected, abandoned or hung up once however many times and in whatever order webhooks arrive.
 */
export const reactToEngineCall = (before: CallSession, after: CallSession, providerCallId: string) =>
  Effect.gen(function* () {
    // A call already over has nothing left to settle (a late answer after the end, a duplicate).
    if (after.campaignId === null || isTerminal(before.status)) return null
    const campaignId = after.campaignId
    const running = (yield* Effect.flatMap(EngineCampaigns, (c) => c.campaigns)).find(
      (c) => c.campaign.id === campaignId,
    )
    // The pacer learns from the call log on the leading instance (estimates.ts), not from here.
    const answeredNow = before.answeredAt === null && after.answeredAt !== null
    const verdictNow = before.answeredBy === null && after.answeredBy !== null
    if (!isTerminal(before.status) && isTerminal(after.status)) {
      if (after.answeredAt === null) {
        yield* finishEngineAttempt(after)
        return 'ended' as const
      }
      // An answered call that ends is settled by whoever handled its answer (connect, abandon, machine).
      if (!answeredNow && !verdictNow) return 'ended' as const
    }
    // A campaign removed or paused meanwhile: its answered calls are still settled with its settings
    // when it is known; without them the call is ended, never left silent.
    if (!running) return null
    if (after.agentId !== null || after.answeredAt === null) return null
    const listens = detectsMachines(running.campaign)
    const decided = listens ? verdictNow : answeredNow
    if (!decided) return null
    if (listens && after.answeredBy === 'machine') {
      return yield* handleMachine(running, after, providerCallId)
    }
    return yield* connectAnswered(running, after, providerCallId)
  })

/**
 * The call-status webhook with the engine on: applied to its session like any call's (wrap-up,
 * events), then the engine's reaction for its own calls. A call the dialler does not know is
 * acknowledged and changes nothing.
 */
export const handleEngineCallStatus = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const result = yield* handleCallStatus(request)
    if (result._tag !== 'Applied') {
      // No call session: perhaps a ready agent's own line (their waiting leg) that ended.
      yield* autoLegEnded(request)
      return { result, reaction: null as EngineReaction }
    }
    const providerCallId = result.session.providerCallId ?? ''
    const reaction: EngineReaction = yield* reactToEngineCall(result.before, result.session, providerCallId)
    return { result, reaction }
  })

/** The parameter a ready agent's browser leg carries in auto mode (its call waits, it dials nobody). */
export const AUTO_LEG_PARAM = 'ringlaneAuto'

/**
 * The provider asks what to do with an agent's browser call that says it is an auto-mode leg: put it
 * in the agent's own conference, where the engine's answered calls join it. Only an agent of a
 * campaign the engine dials for gets one. None for a browser call that is not an auto leg (the
 * preview flow answers those).
 */
export const autoLegInstructions = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const telephony = yield* Telephony
    const params = yield* telephony.verifyWebhook(request)
    if (params[AUTO_LEG_PARAM] !== '1') return Option.none()
    const identity = (params.From ?? '').replace(/^client:/, '')
    const campaigns = yield* Effect.flatMap(EngineCampaigns, (c) => c.campaigns)
    const joined = campaigns.some(
      (running) => dialledByEngine(running.campaign) && running.agents.some((id) => id === identity),
    )
    if (!joined) {
      return yield* new InvalidWebhook({
        field: AUTO_LEG_PARAM,
        message: `${AUTO_LEG_PARAM}: this agent is in no campaign the engine dials for`,
      })
    }
    return Option.some(yield* telephony.agentLegInstructions(identity))
  })

/** Why an auto-mode agent stopped being ready without a click: their page (and its line) went. */
export const AUTO_LEG_ENDED_REASON = 'left the desk (its line ended)'

/**
 * The provider says an auto-mode agent's waiting leg ended (the page was closed, the browser lost
 * its connection, without signing out): with no line to join calls to, the agent is no longer ready,
 * so the engine stops dialling for them. They are paused with the reason, still signed in, and
 * become ready again from the desk. An agent not ready (on a call, in wrap-up) is left as they are.
 * Whether it moved an agent.
 */
export const autoLegEnded = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const telephony = yield* Telephony
    const params = yield* telephony.verifyWebhook(request)
    if (params[AUTO_LEG_PARAM] !== '1') return false
    const event = yield* telephony.parseCallEvent(params)
    if (!isTerminal(event.status)) return false
    const agentId = yield* Effect.option(decodeAgentId((params.From ?? '').replace(/^client:/, '')))
    if (Option.isNone(agentId)) return false
    const store = yield* AgentStore
    if (Option.isNone(yield* store.findAgent(agentId.value))) return false
    if ((yield* store.agentState(agentId.value)).state !== 'available') return false
    // A page closed just before the agent opened another reports its line's end late: the agent's
    // newer line still waits in their conference, so they stay ready. Unknown (the provider did not
    // answer): paused, as a line that may be gone must not be dialled for.
    const waiting = yield* Effect.either(telephony.conferenceParticipants(agentConference(agentId.value)))
    const newerLine =
      waiting._tag === 'Right' &&
      waiting.right.some(
        (p) => p.label === participantLabels.agent && p.providerCallId !== event.providerCallId,
      )
    if (newerLine) return false
    const now = yield* currentDate
    const after = yield* moveAgent(
      agentId.value,
      'available',
      { state: 'paused', reason: AUTO_LEG_ENDED_REASON },
      now,
    )
    return after.state === 'paused'
  })
