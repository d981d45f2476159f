import { Effect, Option } from 'effect'
import type { CallSession } from '../../calls/call-session.js'
import { handleCallStatus } from '../../calls/call-webhooks.js'
import { InvalidWebhook, type WebhookRequest } from '../../kernel/webhooks.js'
import { isTerminal } from '../../telephony/call-event.js'
import { Telephony } from '../../telephony/telephony.js'
import { connectAnswered, handleMachine } from './answered.js'
import { detectsMachines, dialledByEngine, EngineCampaigns } from './engine-campaigns.js'
import { finishEngineAttempt } from './finish-attempt.js'
import { EnginePacers } from './pacers.js'

export type EngineReaction = 'connected' | 'abandoned' | 'taken-elsewhere' | 'machine' | 'ended' | null

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
    const pacers = yield* EnginePacers
    const answeredNow = before.answeredAt === null && after.answeredAt !== null
    const verdictNow = before.answeredBy === null && after.answeredBy !== null
    if (answeredNow && after.ringSeconds !== null) {
      pacers.observe(campaignId, { kind: 'answered', ringMs: after.ringSeconds * 1000 })
    }
    if (!isTerminal(before.status) && isTerminal(after.status)) {
      if (after.answeredAt === null) {
        pacers.observe(campaignId, {
          kind: 'not-answered',
          ringMs: (after.ringSeconds ?? 0) * 1000,
          reason: after.status === 'busy' ? 'busy' : after.status === 'no-answer' ? 'no-answer' : 'failed',
        })
        yield* finishEngineAttempt(after)
        return 'ended' as const
      }
      if (after.agentId !== null && after.talkSeconds !== null) {
        pacers.observe(campaignId, { kind: 'talk-ended', talkMs: after.talkSeconds * 1000 })
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
      pacers.observe(campaignId, {
        kind: 'not-answered',
        ringMs: (after.ringSeconds ?? 0) * 1000,
        reason: 'machine',
      })
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
    if (result._tag !== 'Applied') return { result, reaction: null as EngineReaction }
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
