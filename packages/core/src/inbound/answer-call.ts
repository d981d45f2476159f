import { Effect, Option } from 'effect'
import { applyCallEvent } from '../calls/call-session.js'
import { CallStore } from '../calls/call-store.js'
import { SESSION_PARAM } from '../calls/call-webhooks.js'
import { publishCallChange, publishCallStarted } from '../calls/publish-call.js'
import { giveCallToAiAgent } from '../dialing/engine/ai-answered.js'
import { publish } from '../kernel/events.js'
import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import { currentDate } from '../kernel/time.js'
import { InvalidWebhook, type WebhookRequest } from '../kernel/webhooks.js'
import { LeadSource } from '../leads/lead-source.js'
import { enqueue } from '../routing/enqueue.js'
import type { ContactOverflowed } from '../routing/events.js'
import { RoutingStore } from '../routing/routing-store.js'
import { Telephony } from '../telephony/telephony.js'
import type { InboundCallStarted, VoicemailReceived } from './events.js'
import type { FlowDefinition, Step } from './flow.js'
import { InboundConfig } from './inbound-config.js'
import { type InboundCall, InboundStore } from './inbound-store.js'
import { FLOW_ATTEMPT_PARAM, FLOW_STEP_PARAM, InboundVoice, type IvrInstructions } from './inbound-voice.js'
import { answerMenu, runFrom, type Walked } from './walk.js'

/**
 * The lead id an unknown caller's calls are kept under: their number, so the call log, callbacks and
 * voicemails of one number group together. The source has no such lead; the desk shows the number.
 */
export const callerLeadId = (phone: E164) => `caller-${phone.slice(1)}` as LeadId
/** The queue id inbound call sessions are logged under (the routing queue is the flow's step). */
export const INBOUND_QUEUE = 'inbound' as QueueId

/** The lead whose number this is (the most recent), when the source can look numbers up. */
const leadOfNumber = (phone: E164) =>
  Effect.gen(function* () {
    const source = yield* Effect.serviceOption(LeadSource)
    const find = Option.getOrUndefined(source)?.findLeadsByPhone
    if (!find) return null
    // A source outage must not stop the call being answered: it is answered as an unknown caller.
    const found = yield* Effect.orElseSucceed(find(phone), () => [])
    return found[0] ?? null
  })

/** The agent who last spoke to the lead (an answered call with an agent), from the one call log. */
const lastAgentOf = (leadId: LeadId) =>
  Effect.gen(function* () {
    const calls = yield* CallStore
    const history = yield* calls.callHistory(leadId, 20)
    const spoke = history.find(({ session }) => session.agentId !== null && session.answeredAt !== null)
    return (spoke?.session.agentId ?? null) as AgentId | null
  })

const stepIn = (definition: FlowDefinition, id: string): Step | undefined =>
  definition.steps.find((step) => step.id === id)

/**
 * Puts the call in routing's live-call queue with what rules may read of it, offered first to the
 * agent who last spoke to the caller. A call already waiting is left where it is.
 */
const enterQueue = (call: InboundCall, queueId: string) =>
  Effect.gen(function* () {
    const session = yield* Effect.flatMap(CallStore, (calls) => calls.findSession(call.sessionId))
    const providerCallId = Option.getOrNull(Option.flatMapNullable(session, (found) => found.providerCallId))
    const routing = yield* Effect.serviceOption(RoutingStore)
    if (!providerCallId || Option.isNone(routing)) {
      yield* Effect.logWarning('A flow sent a call to a queue, but routing is not set up')
      return false
    }
    const entered = enqueue({
      callId: call.sessionId,
      providerCallId,
      queueId,
      direction: 'inbound',
      attributes: {
        fromNumber: call.from,
        toNumber: call.to,
        flowId: call.flowId,
        knownCaller: call.leadId !== null,
        ...(call.leadId !== null && { leadId: call.leadId }),
      },
      ...(call.preferredAgentId !== null && { preferredAgentId: call.preferredAgentId }),
    }).pipe(
      Effect.as(true),
      Effect.catchTag('CallAlreadyQueued', () => Effect.succeed(true)),
      // A queue deleted since the flow was published: the caller is told, not left holding.
      Effect.catchTags({
        UnknownRoutingQueue: (error) =>
          Effect.as(Effect.logWarning('A flow queue step names no queue', error), false),
        InvalidRouteRequest: (error) =>
          Effect.as(Effect.logWarning('A call could not be queued', error), false),
      }),
    )
    return yield* Effect.provideService(entered, RoutingStore, routing.value)
  })

/** Gives the call to an AI agent (voice AI's fallback chain, its handoff to a person). */
const toAiAgent = (call: InboundCall, agentId: string) =>
  Effect.gen(function* () {
    const session = yield* Effect.flatMap(CallStore, (calls) => calls.findSession(call.sessionId))
    const providerCallId = Option.getOrNull(Option.flatMapNullable(session, (found) => found.providerCallId))
    if (!providerCallId) return Option.none<{ readonly taken: boolean; readonly handoffQueueId: string }>()
    return yield* giveCallToAiAgent({
      callId: call.sessionId,
      providerCallId,
      agentId,
      campaignId: null,
      direction: 'inbound',
      context: `An inbound call from ${call.from} to ${call.to}${call.leadId === null ? ' (an unknown caller)' : ` (lead ${call.leadId})`}.`,
    })
  })

/** What the provider is told for where the flow left the call; `entering` the turn for the first time. */
const instructionsFor = (call: InboundCall, walked: Walked, entering = true) =>
  Effect.gen(function* () {
    const voice = yield* InboundVoice
    const settings = yield* InboundConfig
    const store = yield* InboundStore
    const { turn } = walked
    const place = (attempt: number) => ({ sessionId: call.sessionId, stepId: turn.stepId, attempt })
    const hangUp = (prompts: IvrInstructions['prompts']): IvrInstructions => ({
      place: place(1),
      prompts,
      after: { _tag: 'HangUp' },
    })
    const next = yield* Effect.gen(function* () {
      switch (turn._tag) {
        case 'Ask':
          return {
            place: place(turn.attempt),
            prompts: turn.prompts,
            after: { _tag: 'Gather', timeoutSeconds: turn.timeoutSeconds, hints: turn.hints },
          } satisfies IvrInstructions
        case 'Queue': {
          // The call waits in routing's queue; the caller hears the hold loop until routing connects them.
          const waiting = entering ? yield* enterQueue(call, turn.queueId) : true
          if (!waiting) return hangUp([...turn.prompts, { say: settings.notInService }])
          return {
            place: place(1),
            prompts: turn.prompts,
            after: { _tag: 'Hold', music: turn.hold, seconds: settings.holdSeconds },
          } satisfies IvrInstructions
        }
        case 'Voicemail': {
          const box = yield* store.findBox(turn.boxId)
          // A box deleted after the flow was published: the caller is told and the call ends.
          if (Option.isNone(box)) return hangUp([...turn.prompts, { say: settings.notInService }])
          return {
            place: place(1),
            prompts: [...turn.prompts, box.value.greeting],
            after: { _tag: 'Record', maxLengthSeconds: box.value.maxLengthSeconds },
          } satisfies IvrInstructions
        }
        case 'HangUp':
          return hangUp(turn.prompts)
        case 'AiAgent': {
          // The AI agent takes the call; the caller holds (silence-free) until its audio reaches them.
          const hold = {
            place: place(1),
            prompts: turn.prompts,
            after: { _tag: 'Hold', music: null, seconds: settings.holdSeconds },
          } satisfies IvrInstructions
          if (!entering) return hold
          const given = yield* toAiAgent(call, turn.agentId)
          if (Option.isNone(given)) return hangUp([...turn.prompts, { say: settings.notInService }])
          if (given.value.taken) return hold
          // The agent cannot have it (its audio did not connect): its human queue takes the call.
          const waiting = yield* enterQueue(call, given.value.handoffQueueId)
          return waiting ? hold : hangUp([...turn.prompts, { say: settings.notInService }])
        }
      }
    })
    return yield* voice.instructions(next)
  })

/**
 * The provider's voice webhook for a call to one of the dialler's numbers: the call is opened in the
 * call log (inbound, answered), matched to its lead by number with the agent who last spoke to them,
 * and the flow published for the number starts. A number no flow answers hears `notInService`.
 * A repeated webhook for the same call starts nothing twice.
 */
export const answerInboundCall = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const telephony = yield* Telephony
    const voice = yield* InboundVoice
    const store = yield* InboundStore
    const calls = yield* CallStore
    const settings = yield* InboundConfig
    const params = yield* telephony.verifyWebhook(request)
    const incoming = yield* voice.incomingCall(params)
    const now = yield* currentDate
    const answering = yield* store.flowForNumber(incoming.to)
    if (Option.isNone(answering)) {
      yield* Effect.logWarning('A call came in to a number no published flow answers').pipe(
        Effect.annotateLogs({ providerCallId: incoming.providerCallId }),
      )
      return yield* voice.instructions({
        place: { sessionId: '', stepId: 'not-in-service', attempt: 1 },
        prompts: [{ say: settings.notInService }],
        after: { _tag: 'HangUp' },
      })
    }
    const { flow, version } = answering.value
    const known = yield* calls.findSessionByProviderCall(incoming.providerCallId)
    if (Option.isSome(known)) {
      // The provider asked twice: the flow runs again from its start for the same call, logged once.
      const call = yield* store.findCall(known.value.id)
      if (Option.isSome(call)) {
        const again = yield* store.flowVersion(call.value.flowId, call.value.flowVersion)
        const definition = Option.isSome(again) ? again.value.definition : version.definition
        return yield* instructionsFor(call.value, runFrom(definition, definition.start, now), false)
      }
    }
    const leadId = yield* leadOfNumber(incoming.from)
    const preferredAgentId = leadId ? yield* lastAgentOf(leadId) : null
    const opened = yield* calls.createSession({
      agentId: null,
      leadId: leadId ?? callerLeadId(incoming.from),
      queueId: INBOUND_QUEUE,
      // No queue entry holds an inbound call; the id only keeps the log's shape.
      entryId: globalThis.crypto.randomUUID(),
      phone: incoming.from,
      provider: telephony.provider,
      startedAt: now,
      direction: 'inbound',
      providerCallId: incoming.providerCallId,
    })
    yield* publishCallStarted(opened)
    // The flow answers the call: it is in progress from now on.
    const answered = yield* calls.updateSession(opened.id, null, (current) =>
      applyCallEvent(current, {
        providerCallId: incoming.providerCallId,
        sessionId: opened.id,
        status: 'in-progress',
        occurredAt: now,
        answeredBy: 'human',
        durationSeconds: null,
        errorCode: null,
      }),
    )
    if (Option.isSome(answered)) yield* publishCallChange(answered.value.before, answered.value.after)
    const call: InboundCall = {
      sessionId: opened.id,
      flowId: flow.id,
      flowVersion: version.version,
      from: incoming.from,
      to: incoming.to,
      leadId,
      preferredAgentId,
      startedAt: now,
    }
    yield* store.startCall(call)
    yield* publish({
      _tag: 'InboundCallStarted',
      at: now,
      sessionId: call.sessionId,
      flowId: call.flowId,
      flowVersion: call.flowVersion,
      from: call.from,
      leadId,
      preferredAgentId,
    } satisfies InboundCallStarted)
    const walked = runFrom(version.definition, version.definition.start, now)
    yield* store.logSteps(call.sessionId, walked.visits, now)
    return yield* instructionsFor(call, walked)
  })

const placeParam = (params: Readonly<Record<string, string>>, name: string) => {
  const value = params[name]
  return value === undefined || value === '' ? null : value
}

/**
 * The flow's own webhook, where the provider comes back after a menu (the caller's keys or words), a
 * voicemail recording, or a caller's time on hold. The call goes on from the step it names, on the
 * version it started with, and every step it takes is logged.
 */
export const continueInboundCall = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const telephony = yield* Telephony
    const voice = yield* InboundVoice
    const store = yield* InboundStore
    const settings = yield* InboundConfig
    const params = yield* telephony.verifyWebhook(request)
    const sessionId = placeParam(params, SESSION_PARAM)
    const stepId = placeParam(params, FLOW_STEP_PARAM)
    const attempt = Number(placeParam(params, FLOW_ATTEMPT_PARAM) ?? '1')
    if (!sessionId)
      return yield* new InvalidWebhook({
        field: SESSION_PARAM,
        message: `${SESSION_PARAM}: the flow webhook names no call`,
      })
    if (!stepId)
      return yield* new InvalidWebhook({
        field: FLOW_STEP_PARAM,
        message: `${FLOW_STEP_PARAM}: the flow webhook names no step`,
      })
    if (!Number.isInteger(attempt) || attempt < 1 || attempt > 5)
      return yield* new InvalidWebhook({
        field: FLOW_ATTEMPT_PARAM,
        message: `${FLOW_ATTEMPT_PARAM}: must be 1 to 5`,
      })
    const call = yield* Effect.flatMap(
      /^[0-9a-f-]{36}$/i.test(sessionId)
        ? store.findCall(sessionId)
        : Effect.succeed(Option.none<InboundCall>()),
      Option.match({
        onNone: () =>
          Effect.fail(
            new InvalidWebhook({
              field: SESSION_PARAM,
              message: `${SESSION_PARAM}: ${sessionId} is not an inbound call`,
            }),
          ),
        onSome: Effect.succeed,
      }),
    )
    const version = yield* Effect.flatMap(store.flowVersion(call.flowId, call.flowVersion), (found) =>
      Option.isSome(found)
        ? Effect.succeed(found.value)
        : Effect.fail(
            new InvalidWebhook({ field: SESSION_PARAM, message: `the call's flow version is gone` }),
          ),
    )
    const overflowBox = stepId.startsWith(`${OVERFLOW_STEP}.`) ? stepId.slice(OVERFLOW_STEP.length + 1) : null
    const step: Step | undefined = overflowBox
      ? { _tag: 'voicemail', id: OVERFLOW_STEP, boxId: overflowBox }
      : stepIn(version.definition, stepId)
    if (!step)
      return yield* new InvalidWebhook({
        field: FLOW_STEP_PARAM,
        message: `${FLOW_STEP_PARAM}: flow ${call.flowId} version ${call.flowVersion} has no step "${stepId}"`,
      })
    const now = yield* currentDate
    switch (step._tag) {
      case 'menu': {
        const walked = answerMenu(version.definition, step.id, attempt, voice.callerInput(params), now)
        yield* store.logSteps(call.sessionId, walked.visits, now)
        return yield* instructionsFor(call, walked)
      }
      case 'voicemail': {
        const recorded = voice.recordedMessage(params)
        const box = yield* store.findBox(step.boxId)
        if (recorded && Option.isSome(box)) {
          const { message, created } = yield* store.addVoicemail({
            boxId: step.boxId,
            sessionId: call.sessionId,
            from: call.from,
            leadId: call.leadId,
            providerRecordingId: recorded.providerRecordingId,
            durationSeconds: recorded.durationSeconds,
            recordedAt: now,
          })
          if (created) {
            yield* store.logSteps(
              call.sessionId,
              [
                {
                  stepId: step.id,
                  kind: 'voicemail',
                  detail: `left a message (${recorded.durationSeconds ?? '?'} s)`,
                },
              ],
              now,
            )
            yield* publish({
              _tag: 'VoicemailReceived',
              at: now,
              messageId: message.id,
              boxId: message.boxId,
              owner: box.value.owner,
              sessionId: call.sessionId,
              from: call.from,
              leadId: call.leadId,
            } satisfies VoicemailReceived)
          }
        } else {
          yield* store.logSteps(
            call.sessionId,
            [{ stepId: step.id, kind: 'voicemail', detail: 'left no message' }],
            now,
          )
        }
        return yield* voice.instructions({
          place: { sessionId: call.sessionId, stepId: step.id, attempt: 1 },
          prompts: recorded ? [{ say: settings.afterMessage }] : [],
          after: { _tag: 'HangUp' },
        })
      }
      case 'ai-agent':
        // The AI agent has the call (or its audio is on the way): the caller holds a while longer.
        return yield* instructionsFor(
          call,
          {
            turn: { _tag: 'AiAgent', stepId: step.id, agentId: step.agentId, prompts: [] },
            visits: [],
          },
          false,
        )
      case 'queue':
        // The caller is still waiting: another round of the hold message.
        return yield* instructionsFor(
          call,
          {
            turn: { _tag: 'Queue', stepId: step.id, queueId: step.queueId, hold: step.hold, prompts: [] },
            visits: [],
          },
          false,
        )
      default:
        return yield* new InvalidWebhook({
          field: FLOW_STEP_PARAM,
          message: `${FLOW_STEP_PARAM}: step "${stepId}" does not wait for the caller`,
        })
    }
  })

/** Where an overflowed call's message comes back: not a step of its flow, the box it was sent to. */
const OVERFLOW_STEP = 'overflow-to-voicemail'

/**
 * Routing gave up on a waiting inbound call and sent it to a voicemail box (its queue's overflow
 * target): the live call is told to play the box's greeting and record. Calls that are not inbound,
 * and other targets (routing handles those), are left alone.
 */
export const overflowToVoicemail = (event: ContactOverflowed) =>
  Effect.gen(function* () {
    if (event.target.kind !== 'voicemail') return false
    const store = yield* InboundStore
    const call = yield* store.findCall(event.callId)
    const box = yield* store.findBox(event.target.boxId)
    if (Option.isNone(call) || Option.isNone(box)) return false
    const now = yield* currentDate
    yield* store.logSteps(
      call.value.sessionId,
      [
        {
          stepId: OVERFLOW_STEP,
          kind: 'voicemail',
          detail: `no agent (${event.reason}): to voicemail box ${box.value.id}`,
        },
      ],
      now,
    )
    const voice = yield* InboundVoice
    yield* voice.redirect(event.providerCallId, {
      place: { sessionId: call.value.sessionId, stepId: `${OVERFLOW_STEP}.${box.value.id}`, attempt: 1 },
      prompts: [box.value.greeting],
      after: { _tag: 'Record', maxLengthSeconds: box.value.maxLengthSeconds },
    })
    return true
  })
