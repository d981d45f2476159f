import { Context, Effect, Either, Option, Schema } from 'effect'
import type { CallSession } from '../../calls/call-session.js'
import { AI_AGENT_HOLDS, CallStore } from '../../calls/call-store.js'
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

/** What an engine call given to an AI agent says about itself (the calls area's `AI_AGENT_HOLDS`). */
export const aiAnsweredReason = (agentId: string) => `${AI_AGENT_HOLDS}${agentId}`

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
 * What an AI agent needs to take a call, when this dialler has it all: the lines, the voice AI
 * services (given to the session it starts) and the agent itself. None, with a warning, otherwise.
 */
const aiAgentReady = (agentIdInput: unknown) =>
  Effect.gen(function* () {
    const agentId = Option.getOrNull(Schema.decodeUnknownOption(VoiceAgentId)(agentIdInput))
    const { lines, store, config, providers, routing } = yield* Effect.all({
      lines: Effect.serviceOption(AiCallLines),
      store: Effect.serviceOption(VoiceAiStore),
      config: Effect.serviceOption(VoiceAiConfig),
      providers: Effect.serviceOption(VoiceAgentProviders),
      routing: Effect.serviceOption(RoutingStore),
    })
    if (
      agentId === null ||
      Option.isNone(lines) ||
      Option.isNone(store) ||
      Option.isNone(config) ||
      Option.isNone(providers) ||
      Option.isNone(routing)
    ) {
      yield* Effect.logWarning(
        'Voice AI is not set up here (lines, providers, stores); a person takes the call',
      )
      return Option.none()
    }
    const agent = yield* Effect.orElseSucceed(store.value.findAgent(agentId), Option.none)
    if (Option.isNone(agent)) {
      yield* Effect.logWarning('There is no such AI agent; a person takes the call').pipe(
        Effect.annotateLogs({ agentId }),
      )
      return Option.none()
    }
    // The session runs with the voice AI services found here.
    const services = Context.make(VoiceAiStore, store.value).pipe(
      Context.add(VoiceAiConfig, config.value),
      Context.add(VoiceAgentProviders, providers.value),
      Context.add(RoutingStore, routing.value),
    )
    return Option.some({ agent: agent.value, lines: lines.value, services })
  })

type Ready = Option.Option.Value<Effect.Effect.Success<ReturnType<typeof aiAgentReady>>>

/**
 * Sends the call's audio to the AI agent with its signed ticket; a line at hand runs the session in
 * the background (the conversation outlives the webhook that started it). False when it could not.
 */
const sendToAiAgent = (ready: Ready, request: TakeCallRequest) =>
  Effect.gen(function* () {
    const ticket = yield* Effect.provide(signAiCallTicket(request), ready.services)
    const connected = yield* Effect.either(ready.lines.connect({ request, ticket: Option.getOrNull(ticket) }))
    if (Either.isLeft(connected)) {
      yield* Effect.logWarning('The call could not reach its AI agent; a person takes it', connected.left)
      return false
    }
    if (Option.isSome(connected.right))
      yield* Effect.forkDaemon(Effect.provide(runAiCall(request, connected.right.value), ready.services))
    return true
  })

/**
 * An inbound call's IVR step gives it to an AI agent: the agent handed back (its human queue) when
 * it cannot have the call, or None when there is no such agent or no voice AI here.
 */
export const giveCallToAiAgent = (request: TakeCallRequest) =>
  Effect.gen(function* () {
    const ready = yield* aiAgentReady(request.agentId)
    if (Option.isNone(ready))
      return Option.none<{ readonly taken: boolean; readonly handoffQueueId: string }>()
    const taken = yield* sendToAiAgent(ready.value, request)
    return Option.some({ taken, handoffQueueId: ready.value.agent.handoffQueueId as string })
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
    const ready = yield* aiAgentReady(campaign.voiceAgentId)
    if (Option.isNone(ready)) return Option.none<'ai-agent' | 'taken-elsewhere'>()
    const agentId = ready.value.agent.id
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
    if (!(yield* sendToAiAgent(ready.value, request))) {
      yield* calls.updateSession(session.id, null, (current) =>
        current.endReason === reason ? { ...current, endReason: null } : current,
      )
      return Option.none<'ai-agent' | 'taken-elsewhere'>()
    }
    const answeredAt = session.answeredAt ?? (yield* currentDate)
    yield* Effect.flatMap(AbandonLedger, (ledger) =>
      ledger.record({ campaignId: campaign.id, callId: session.id, answeredAt, outcome: 'connected' }),
    )
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
