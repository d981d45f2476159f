import { Effect, Option } from 'effect'
import { moveAgent } from '../agents/move-agent.js'
import { currentDate } from '../kernel/time.js'
import { InvalidWebhook, type WebhookRequest } from '../kernel/webhooks.js'
import { isTerminal } from '../telephony/call-event.js'
import { Telephony } from '../telephony/telephony.js'
import { applyCallEvent, type CallSession } from './call-session.js'
import { CallStore } from './call-store.js'
import { CallsConfig } from './calls-config.js'
import { publishCallChange } from './publish-call.js'

/** The parameter that carries our call session id through the provider and back. */
export const SESSION_PARAM = 'ringlaneSession'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The provider asks what to do with the agent's browser call: connect it to the lead of the session it
 * names. Only a session that was validated and opened moments ago is connected.
 */
export const callInstructions = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const telephony = yield* Telephony
    const settings = yield* CallsConfig
    const params = yield* telephony.verifyWebhook(request)
    const sessionId = params[SESSION_PARAM]
    if (!sessionId || !UUID.test(sessionId)) {
      return yield* new InvalidWebhook({
        field: SESSION_PARAM,
        message: `${SESSION_PARAM}: the call names no valid session`,
      })
    }
    const session = yield* Effect.flatMap(CallStore, (calls) => calls.findSession(sessionId))
    if (Option.isNone(session) || session.value.status !== 'initiated') {
      return yield* new InvalidWebhook({
        field: SESSION_PARAM,
        message: `${SESSION_PARAM}: session ${sessionId} is not a call waiting to be connected`,
      })
    }
    return yield* telephony.outboundCallInstructions({
      sessionId,
      to: session.value.phone,
      callerId: settings.callerId,
      record: settings.recordCalls,
      machineDetection: settings.machineDetection,
    })
  })

export type CallStatusResult =
  | {
      readonly _tag: 'Applied'
      readonly session: CallSession
      /** The session as it was before this webhook (the engine reacts to what changed). */
      readonly before: CallSession
      readonly changed: boolean
      /**
       * This webhook ended the call. Its agent moved to wrap-up if still on it and its outcome was
       * not yet recorded.
       */
      readonly ended: boolean
      /**
       * The call's outcome is recorded: its agent has moved on from it, whatever the status says (a
       * live dashboard shows it no longer; the provider's final webhook still completes it).
       */
      readonly outcomeRecorded: boolean
    }
  | { readonly _tag: 'UnknownCall'; readonly providerCallId: string }

/**
 * A call-status webhook: verified, parsed and applied to its session, in any order and any number of
 * times. When the call ends, its agent moves to wrap-up, unless they already recorded its outcome
 * (they may be on their next call). A call we do not know is logged and acknowledged without
 * writing anything.
 */
export const handleCallStatus = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const telephony = yield* Telephony
    const calls = yield* CallStore
    const params = yield* telephony.verifyWebhook(request)
    const event = yield* telephony.parseCallEvent(params)
    // Straight to the update: the store answers None for a session it does not have, so a known call
    // costs one round trip, not a look-up and then a write.
    const bySession =
      event.sessionId && UUID.test(event.sessionId)
        ? yield* calls.updateSession(event.sessionId, event, (current) => applyCallEvent(current, event))
        : Option.none()
    const update = Option.isSome(bySession)
      ? bySession
      : yield* Effect.flatMap(calls.findSessionByProviderCall(event.providerCallId), (found) =>
          Option.match(found, {
            onNone: () => Effect.succeedNone,
            onSome: (session) =>
              calls.updateSession(session.id, event, (current) => applyCallEvent(current, event)),
          }),
        )
    if (Option.isNone(update)) {
      yield* Effect.logWarning('Call status for an unknown call; acknowledged, nothing written').pipe(
        Effect.annotateLogs({ providerCallId: event.providerCallId, status: event.status }),
      )
      return {
        _tag: 'UnknownCall',
        providerCallId: event.providerCallId,
      } satisfies CallStatusResult as CallStatusResult
    }
    const { before, after, outcomeRecorded } = update.value
    const ended = !isTerminal(before.status) && isTerminal(after.status)
    yield* publishCallChange(before, after, outcomeRecorded)
    if (ended && !outcomeRecorded) yield* wrapUp(after)
    return {
      _tag: 'Applied',
      session: after,
      before,
      changed: after !== before,
      ended,
      outcomeRecorded,
    } satisfies CallStatusResult as CallStatusResult
  })

/** The call is over: its agent goes to wrap-up to record the outcome. */
export const wrapUp = (session: CallSession) =>
  Effect.gen(function* () {
    // An engine call nobody took (unanswered, abandoned, a machine) has no agent to move.
    if (session.agentId === null) return
    const now = yield* currentDate
    // Compare-and-set: only an agent still on the call moves; one who already left keeps their state.
    yield* moveAgent(session.agentId, 'on_call', { state: 'wrap_up', reason: null }, now)
  })
