import { Effect, Option, Schema } from 'effect'
import { CallStore } from '../../calls/call-store.js'
import { decodeWith } from '../../kernel/decode.js'
import type { AgentId } from '../../kernel/ids.js'
import { normalizeWithConfig } from '../../kernel/phone-numbers.js'
import { QueueStore } from '../../queues/queue-store.js'
import { participantLabels, Telephony, visitingAgentOf } from '../../telephony/telephony.js'
import { InvalidCallControl, NoTransferInProgress } from './errors.js'
import { agentsLiveCall, freeAgent, type LiveCall, noteControl, takeAgent, toWrapUp } from './live-call.js'

export const TransferMode = Schema.Literal('cold', 'warm')
export type TransferMode = typeof TransferMode.Type

const decodeMode = decodeWith(
  TransferMode,
  () => new InvalidCallControl({ field: 'mode', message: 'mode: must be cold or warm' }),
)

/** Puts the caller on hold (they hear the hold music) or takes them off it. */
const setHold = (agentId: string, hold: boolean) =>
  Effect.gen(function* () {
    const { agent, call } = yield* agentsLiveCall(agentId)
    yield* Effect.flatMap(Telephony, (t) =>
      t.holdParticipant(call.conference, participantLabels.caller, hold),
    )
    yield* noteControl(agent.id, call, hold ? 'held' : 'resumed')
    return { sessionId: call.session.id, held: hold }
  })

/** The agent puts their caller on hold. */
export const holdCall = (agentId: string) => setHold(agentId, true)
/** The agent takes their caller off hold. */
export const resumeCall = (agentId: string) => setHold(agentId, false)

/**
 * The call and its lead go from its agent to `to`, whose browser leg is waiting in their own
 * conference: the session and the held queue entry move first (so `to`'s desk shows the lead), then the
 * audio. If the provider cannot move it, the call stays with its agent and `to` is free again.
 */
const handOver = (call: LiveCall, to: AgentId) =>
  Effect.gen(function* () {
    const from = call.session.agentId
    const calls = yield* CallStore
    const moved = yield* calls.transferSession(call.session.id, from, to)
    if (Option.isNone(moved))
      return yield* new NoTransferInProgress({
        sessionId: call.session.id,
        message: 'The call ended or its outcome was recorded meanwhile; nothing was transferred',
      })
    const queues = yield* QueueStore
    const passed = yield* queues.passEntry(call.session.entryId, from, to)
    yield* Effect.flatMap(Telephony, (t) => t.connectToAgent(call.session.providerCallId, to)).pipe(
      // The call stays with its agent: the session, and the lead if it moved.
      Effect.tapError(() =>
        Effect.zipRight(
          calls.transferSession(call.session.id, to, from),
          Effect.when(queues.passEntry(call.session.entryId, to, from), () => passed),
        ),
      ),
    )
    yield* toWrapUp(from)
    return moved.value
  })

/** The other agent on the call (a consult or a three-way call), if any. */
const visitingAgent = (call: LiveCall) =>
  Option.fromNullable(
    call.participants
      .map((p) => ({ label: p.label, id: visitingAgentOf(p.label) }))
      .find((p) => p.id !== null),
  )

/**
 * Transfers the agent's call to another agent. Cold: the call goes to them now and the agent wraps up.
 * Warm: the caller waits on hold while the other agent joins this agent's call to hear the handover;
 * `completeTransfer` then gives them the call, `cancelTransfer` sends them back.
 */
export const transferToAgent = (agentId: string, toAgentId: string, mode: string) =>
  Effect.gen(function* () {
    const how = yield* decodeMode(mode)
    const { agent, call } = yield* agentsLiveCall(agentId)
    const target = yield* takeAgent(toAgentId, agent.id)
    const telephony = yield* Telephony
    if (how === 'cold') {
      const session = yield* handOver(call, target.id).pipe(Effect.tapError(() => freeAgent(target.id)))
      yield* noteControl(agent.id, call, 'transferred', target.id, 'cold')
      return session
    }
    yield* Effect.gen(function* () {
      yield* telephony.holdParticipant(call.conference, participantLabels.caller, true)
      yield* telephony.addParticipant(call.conference, {
        label: participantLabels.visitingAgent(target.id),
        target: { kind: 'agent-leg', agentIdentity: target.id },
        muted: false,
        coaching: null,
      })
    }).pipe(
      Effect.tapError(() =>
        Effect.zipRight(
          freeAgent(target.id),
          Effect.ignore(telephony.holdParticipant(call.conference, participantLabels.caller, false)),
        ),
      ),
    )
    yield* noteControl(agent.id, call, 'transfer-started', target.id, 'warm')
    return call.session
  })

/** Completes a warm transfer (or hands a three-way call over): the other agent takes the call. */
export const completeTransfer = (agentId: string) =>
  Effect.gen(function* () {
    const { agent, call } = yield* agentsLiveCall(agentId)
    const visiting = yield* visitingAgentOrFail(call)
    const telephony = yield* Telephony
    // Their leg goes home first, so the caller joins them there.
    yield* telephony.removeParticipant(call.conference, visiting.label)
    const session = yield* handOver(call, visiting.id)
    yield* noteControl(agent.id, call, 'transferred', visiting.id, 'warm')
    return session
  })

/** Cancels a warm transfer: the other agent goes back to waiting, free, and the caller comes off hold. */
export const cancelTransfer = (agentId: string) =>
  Effect.gen(function* () {
    const { agent, call } = yield* agentsLiveCall(agentId)
    const visiting = yield* visitingAgentOrFail(call)
    const telephony = yield* Telephony
    yield* telephony.removeParticipant(call.conference, visiting.label)
    yield* freeAgent(visiting.id)
    yield* telephony.holdParticipant(call.conference, participantLabels.caller, false)
    yield* noteControl(agent.id, call, 'transfer-cancelled', visiting.id)
    return call.session
  })

const visitingAgentOrFail = (call: LiveCall) =>
  Option.match(visitingAgent(call), {
    onNone: () =>
      Effect.fail(
        new NoTransferInProgress({
          sessionId: call.session.id,
          message: 'No other agent is on this call; start a warm transfer first',
        }),
      ),
    onSome: (found) => Effect.succeed({ label: found.label, id: found.id as AgentId }),
  })

/** Whom to add to a call: another agent (their softphone joins) or an outside number (it rings). */
export const AddToCallRequest = Schema.Union(
  Schema.Struct({ agentId: Schema.String }),
  Schema.Struct({ phone: Schema.String }),
)
export type AddToCallRequest = typeof AddToCallRequest.Type

const decodeAddition = decodeWith(
  AddToCallRequest,
  () =>
    new InvalidCallControl({
      field: 'who',
      message: 'who: give { agentId } for another agent or { phone } for an outside number',
    }),
)

/**
 * A three-way call: another agent joins the agent's call (taken as on a call, as for a transfer), or an
 * outside number is rung into it. The call stays the agent's; `completeTransfer` can hand it over.
 */
export const addToCall = (agentId: string, who: unknown) =>
  Effect.gen(function* () {
    const addition = yield* decodeAddition(who)
    const { agent, call } = yield* agentsLiveCall(agentId)
    const telephony = yield* Telephony
    if ('agentId' in addition) {
      const target = yield* takeAgent(addition.agentId, agent.id)
      yield* telephony
        .addParticipant(call.conference, {
          label: participantLabels.visitingAgent(target.id),
          target: { kind: 'agent-leg', agentIdentity: target.id },
          muted: false,
          coaching: null,
        })
        .pipe(Effect.tapError(() => freeAgent(target.id)))
      yield* noteControl(agent.id, call, 'participant-added', target.id, 'agent')
      return { label: participantLabels.visitingAgent(target.id) }
    }
    const phone = yield* normalizeWithConfig(addition.phone, 'phone')
    const label = participantLabels.guest(phone.e164)
    yield* telephony.addParticipant(call.conference, {
      label,
      target: { kind: 'number', to: phone.e164, callerId: null },
      muted: false,
      coaching: null,
    })
    yield* noteControl(agent.id, call, 'participant-added', null, 'outside number')
    return { label }
  })

/**
 * Takes someone the agent added off the call (by the label `addToCall` returned): another agent goes
 * back to waiting, free; an outside number is hung up.
 */
export const removeFromCall = (agentId: string, label: string) =>
  Effect.gen(function* () {
    const { agent, call } = yield* agentsLiveCall(agentId)
    const present = call.participants.find((p) => p.label === label)
    if (!present || label === participantLabels.caller || label === participantLabels.agent)
      return yield* new InvalidCallControl({
        field: 'label',
        message: 'label: nobody you added to this call has that label',
      })
    yield* Effect.flatMap(Telephony, (t) => t.removeParticipant(call.conference, label))
    const other = visitingAgentOf(label) as AgentId | null
    if (other) yield* freeAgent(other)
    yield* noteControl(agent.id, call, 'participant-removed', other)
    return call.session
  })

/** What the agent's desk shows of their call: on hold or not, and who else is on it. */
export interface CallControlStatus {
  readonly sessionId: string
  readonly held: boolean
  /** Another agent on the call (consulted in a warm transfer, or joined in a three-way call). */
  readonly otherAgentId: AgentId | null
  /** Outside numbers on the call, by the label `removeFromCall` takes. */
  readonly guests: ReadonlyArray<string>
}

/**
 * The agent's call as call control sees it, or null when they have no answered call in their conference
 * (no call, still ringing, or a preview call the desk dialled). Supervisors listening are not shown.
 */
export const callControlStatus = (agentId: string) =>
  Effect.catchTags(
    Effect.map(agentsLiveCall(agentId), ({ call }): CallControlStatus | null => ({
      sessionId: call.session.id,
      held: call.participants.some((p) => p.label === participantLabels.caller && p.hold),
      otherAgentId: Option.getOrNull(Option.map(visitingAgent(call), (found) => found.id as AgentId)),
      guests: call.participants.filter((p) => p.label.startsWith('guest:')).map((p) => p.label),
    })),
    { NoLiveCall: () => Effect.succeed(null), NotAConferenceCall: () => Effect.succeed(null) },
  )
