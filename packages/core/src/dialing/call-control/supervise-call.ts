import { Effect, Option, Schema } from 'effect'
import { activeSupervisor } from '../../agents/supervisor.js'
import { CallStore } from '../../calls/call-store.js'
import { CallNotFound } from '../../calls/end-call.js'
import { decodeWith } from '../../kernel/decode.js'
import { participantLabels, Telephony } from '../../telephony/telephony.js'
import { AgentNotFree, InvalidCallControl, NoLiveCall } from './errors.js'
import type { CallControlAction } from './events.js'
import { inConference, noteControl } from './live-call.js'

/**
 * How a supervisor is on an agent's call. Listen: they hear both, nobody hears them. Whisper: only the
 * agent hears them (coaching). Barge: everyone hears them.
 */
export const SupervisorMode = Schema.Literal('listen', 'whisper', 'barge')
export type SupervisorMode = typeof SupervisorMode.Type

const decodeMode = decodeWith(
  SupervisorMode,
  () => new InvalidCallControl({ field: 'mode', message: 'mode: must be listen, whisper or barge' }),
)

const actionOf: Record<SupervisorMode, CallControlAction> = {
  listen: 'supervisor-listening',
  whisper: 'supervisor-whispering',
  barge: 'supervisor-barged',
}

/** The supervisor and the agent's live conference call they act on. */
const supervisedCall = (supervisorId: string, sessionId: string) =>
  Effect.gen(function* () {
    const supervisor = yield* activeSupervisor(supervisorId)
    const found = Schema.is(Schema.UUID)(sessionId)
      ? yield* Effect.flatMap(CallStore, (calls) => calls.findSession(sessionId))
      : Option.none()
    if (Option.isNone(found) || found.value.agentId === null)
      return yield* new CallNotFound({
        sessionId,
        message: `There is no agent's call ${sessionId}; reload the page to see the calls now`,
      })
    if (found.value.endedAt !== null)
      return yield* new NoLiveCall({ agentId: found.value.agentId, message: 'That call has ended' })
    if (found.value.agentId === supervisor.id)
      return yield* new AgentNotFree({ agentId: supervisor.id, message: 'That call is your own' })
    const call = yield* inConference(found.value)
    return { supervisor, call, label: participantLabels.supervisor(supervisor.id) }
  })

/**
 * A supervisor listens to, whispers to or barges into an agent's call. Their softphone is rung into the
 * agent's conference the first time (muted for listening, coaching the agent for a whisper); after that
 * the mode changes in place, so moving from listening to barging does not drop them. Audited.
 */
export const superviseCall = (supervisorId: string, sessionId: string, mode: string) =>
  Effect.gen(function* () {
    const how = yield* decodeMode(mode)
    const { supervisor, call, label } = yield* supervisedCall(supervisorId, sessionId)
    const agentLeg = call.participants.find((p) => p.label === participantLabels.agent)
    const settings = {
      muted: how === 'listen',
      coaching: how === 'whisper' ? (agentLeg?.providerCallId ?? null) : null,
    }
    const telephony = yield* Telephony
    if (call.participants.some((p) => p.label === label)) {
      yield* telephony.updateParticipant(call.conference, label, settings)
    } else {
      yield* telephony.addParticipant(call.conference, {
        label,
        target: { kind: 'client', identity: supervisor.id },
        ...settings,
      })
    }
    yield* noteControl(supervisor.id, call, actionOf[how])
    return { sessionId: call.session.id, mode: how }
  })

/** The supervisor leaves the agent's call. False when they were not on it. Audited when they were. */
export const stopSupervising = (supervisorId: string, sessionId: string) =>
  Effect.gen(function* () {
    const { supervisor, call, label } = yield* supervisedCall(supervisorId, sessionId)
    const left = yield* Effect.flatMap(Telephony, (t) => t.removeParticipant(call.conference, label))
    if (left) yield* noteControl(supervisor.id, call, 'supervisor-left')
    return left
  })
