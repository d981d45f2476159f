import { Context, Effect, Either, Option, Schema } from 'effect'
import type { CallSession } from '../../calls/call-session.js'
import { CallStore } from '../../calls/call-store.js'
import { AbandonLedger } from '../../compliance/abandon-ledger.js'
import { currentDate } from '../../kernel/time.js'
import { RoutingStore } from '../../routing/routing-store.js'
import { isTerminal } from '../../telephony/call-event.js'
import { Telephony } from '../../telephony/telephony.js'
import { AiCallLines } from '../../voice-ai/ai-call-lines.js'
import { InvalidAiStream, openAiCallTicket, signAiCallTicket } from '../../voice-ai/ai-call-ticket.js'
import type { CallAudioLine } from '../../voice-ai/call-audio.js'
import { VoiceAgentProviders } from '../../voice-ai/provider.js'
import { type TakeCallRequest, takeCall } from '../../voice-ai/take-call.js'
import { VoiceAgentId } from '../../voice-ai/voice-agent.js'
import { VoiceAiConfig } from '../../voice-ai/voice-ai-config.js'
import { VoiceAiStore } from '../../voice-ai/voice-ai-store.js'
import { type EngineCampaign, EngineCampaigns } from './engine-campaigns.js'
import { finishEngineAttempt } from './finish-attempt.js'

/**
 * What an engine call given to an AI agent says about itself: like an abandoned call's reason, it is
 * written while the call is live, so no one counts it as waiting for a person or abandons it.
 */
export const aiAnsweredReason = (agentId: string) => `answered by AI agent ${agentId}`

/**
 * The AI agent has the call on `line`; when the session ends the call is settled: a call handed to a
 * person is routing's now; otherwise it is hung up (with the campaign's abandon message when nobody
 * could take it after all) and an engine call's attempt is finished. For the engine, an IVR step and
 * an accepted stream.
 */
export const runAiCall = (request: TakeCallRequest, line: CallAudioLine) =>
  Effect.gen(function* () {
    const taken = yield* Effect.either(takeCall(request, line))
    if (Either.isLeft(taken))
      yield* Effect.logWarning('voice AI: the AI agent could not take the call', taken.left).pipe(
        Effect.annotateLogs({ callId: request.callId, agentId: request.agentId }),
      )
    const status = Either.isRight(taken) ? taken.right.status : 'failed'
    if (status === 'handed-off') return taken
    const telephony = yield* Telephony
    const calls = yield* CallStore
    const session = Option.getOrNull(
      yield* Effect.orElseSucceed(calls.findSession(request.callId), Option.none),
    )
    const live = session === null || !isTerminal(session.status)
    const campaignId = request.campaignId ?? null
    const engine = yield* Effect.serviceOption(EngineCampaigns)
    const running =
      campaignId === null || Option.isNone(engine)
        ? undefined
        : (yield* engine.value.campaigns).find((c) => c.campaign.id === campaignId)
    if (live) {
      const ended =
        status !== 'completed' && running
          ? telephony.playMessageAndHangUp(request.providerCallId, running.campaign.abandonMessage)
          : Effect.asVoid(telephony.endCall(request.providerCallId))
      yield* Effect.catchAll(ended, (error) => Effect.logWarning('voice AI: the call was not hung up', error))
    }
    if (session !== null && session.campaignId !== null) yield* finishEngineAttempt(session)
    return taken
  })

/**
 * The answered step for a campaign with an AI agent: the call is marked as the AI's, counted as
 * connected (the agent speaks or the filler plays within 1.5 s) and its audio sent to the agent; a
 * line at hand (the simulator's) runs the session here, a later one (a Twilio Media Stream) comes
 * back with its ticket. None when the AI agent cannot have it (no lines, no such agent, the redirect
 * failed): the call goes to the campaign's people as any other.
 */
export const connectToAiAgent = (running: EngineCampaign, session: CallSession, providerCallId: string) =>
  Effect.gen(function* () {
    const { campaign } = running
    const agentId = Option.getOrNull(Schema.decodeUnknownOption(VoiceAgentId)(campaign.voiceAgentId))
    const found = yield* Effect.all({
      lines: Effect.serviceOption(AiCallLines),
      store: Effect.serviceOption(VoiceAiStore),
      config: Effect.serviceOption(VoiceAiConfig),
      providers: Effect.serviceOption(VoiceAgentProviders),
      routing: Effect.serviceOption(RoutingStore),
    })
    const { lines, store, config, providers, routing } = found
    if (
      agentId === null ||
      Option.isNone(lines) ||
      Option.isNone(store) ||
      Option.isNone(config) ||
      Option.isNone(providers) ||
      Option.isNone(routing)
    ) {
      yield* Effect.logWarning('Engine: this dialler has no voice AI set up; the call goes to a person').pipe(
        Effect.annotateLogs({ campaignId: campaign.id }),
      )
      return Option.none<'ai-agent' | 'taken-elsewhere'>()
    }
    if (Option.isNone(yield* Effect.orElseSucceed(store.value.findAgent(agentId), Option.none))) {
      yield* Effect.logWarning(
        'Engine: the campaign names no known AI agent; the call goes to a person',
      ).pipe(Effect.annotateLogs({ campaignId: campaign.id, agentId }))
      return Option.none<'ai-agent' | 'taken-elsewhere'>()
    }
    // The session runs with the voice AI services the engine was given (checked above).
    const voiceAi = Context.make(VoiceAiStore, store.value).pipe(
      Context.add(VoiceAiConfig, config.value),
      Context.add(VoiceAgentProviders, providers.value),
      Context.add(RoutingStore, routing.value),
    )
    const calls = yield* CallStore
    const reason = aiAnsweredReason(agentId)
    const marked = yield* calls.updateSession(session.id, null, (current) =>
      current.agentId === null && current.endReason === null ? { ...current, endReason: reason } : current,
    )
    // Another instance took or abandoned it meanwhile.
    if (Option.isNone(marked) || marked.value.after === marked.value.before)
      return Option.some('taken-elsewhere' as const)
    const request: TakeCallRequest = {
      callId: session.id,
      providerCallId,
      agentId,
      campaignId: campaign.id,
      direction: 'outbound',
      context: `An outbound call of the campaign "${campaign.name}".`,
    }
    const ticket = yield* Effect.provide(signAiCallTicket(request), voiceAi)
    const connected = yield* Effect.either(lines.value.connect({ request, ticket: Option.getOrNull(ticket) }))
    if (Either.isLeft(connected)) {
      yield* Effect.logWarning(
        'Engine: the call could not reach its AI agent; it goes to a person',
        connected.left,
      )
      yield* calls.updateSession(session.id, null, (current) =>
        current.endReason === reason ? { ...current, endReason: null } : current,
      )
      return Option.none<'ai-agent' | 'taken-elsewhere'>()
    }
    const answeredAt = session.answeredAt ?? (yield* currentDate)
    yield* Effect.flatMap(AbandonLedger, (ledger) =>
      ledger.record({ campaignId: campaign.id, callId: session.id, answeredAt, outcome: 'connected' }),
    )
    // The conversation outlives the webhook that started it.
    if (Option.isSome(connected.right))
      yield* Effect.forkDaemon(Effect.provide(runAiCall(request, connected.right.value), voiceAi))
    return Option.some('ai-agent' as const)
  })

/**
 * A call's audio stream arrived (a Twilio Media Stream's `start`): its ticket must be ours, unexpired
 * and for the very call the stream carries; the call must still be live and not yet have an AI
 * session (a ticket opens one stream). Then the AI agent takes the call as `runAiCall` does.
 */
export const acceptAiStream = (
  stream: { readonly ticket: unknown; readonly providerCallId: unknown },
  line: CallAudioLine,
) =>
  Effect.gen(function* () {
    const request = yield* openAiCallTicket(stream.ticket, stream.providerCallId)
    const session = Option.getOrNull(
      yield* Effect.flatMap(CallStore, (calls) => calls.findSession(request.callId)),
    )
    if (session === null ? request.direction === 'outbound' : isTerminal(session.status))
      return yield* new InvalidAiStream({ field: 'ticket', message: 'ticket: its call is over or unknown' })
    const earlier = yield* Effect.flatMap(VoiceAiStore, (store) =>
      store.sessionsOfCall({ callId: request.callId }),
    )
    if (earlier.length > 0)
      return yield* new InvalidAiStream({
        field: 'ticket',
        message: 'ticket: its call already has its AI agent',
      })
    return yield* runAiCall(request, line)
  })
