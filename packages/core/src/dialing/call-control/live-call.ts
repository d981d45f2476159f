import { Effect, Option } from 'effect'
import { activeAgent } from '../../agents/active-agent.js'
import { AgentStore } from '../../agents/agent-store.js'
import { moveAgent } from '../../agents/move-agent.js'
import { recordAudit } from '../../audit/audit-log.js'
import type { CallSession } from '../../calls/call-session.js'
import { CallStore } from '../../calls/call-store.js'
import { publish } from '../../kernel/events.js'
import type { AgentId } from '../../kernel/ids.js'
import { currentDate } from '../../kernel/time.js'
import {
  agentConference,
  type ConferenceParticipant,
  participantLabels,
  Telephony,
} from '../../telephony/telephony.js'
import { AgentNotFree, NoLiveCall, NotAConferenceCall } from './errors.js'
import type { CallControlAction, CallControlled } from './events.js'

/** An answered call in its agent's conference, with who is in that conference now. */
export interface LiveCall {
  readonly session: CallSession & { readonly agentId: AgentId; readonly providerCallId: string }
  readonly conference: string
  readonly participants: ReadonlyArray<ConferenceParticipant>
}

/**
 * Checks a session is an answered call in its agent's conference: the provider lists its caller there.
 * A preview call the browser dialled straight to the lead is not, and says what works instead.
 */
export const inConference = (session: CallSession) =>
  Effect.gen(function* () {
    const { agentId, providerCallId } = session
    if (agentId === null || providerCallId === null || session.answeredAt === null)
      return yield* new NoLiveCall({
        agentId: agentId ?? '',
        message: 'The call is not answered yet; wait until the person is on the line',
      })
    const conference = agentConference(agentId)
    const participants = yield* Effect.flatMap(Telephony, (t) => t.conferenceParticipants(conference))
    const caller = participants.find((p) => p.label === participantLabels.caller)
    if (caller?.providerCallId !== providerCallId)
      return yield* new NotAConferenceCall({
        sessionId: session.id,
        message:
          'This call was dialled from the desk straight to the lead, so it cannot be held, transferred, joined or listened to; these work on calls the dialler connects (auto mode and inbound)',
      })
    return { session: { ...session, agentId, providerCallId }, conference, participants } satisfies LiveCall
  })

/** The agent's own answered call in their conference. */
export const agentsLiveCall = (agentId: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const live = yield* Effect.flatMap(CallStore, (calls) => calls.activeSession(agent.id))
    if (Option.isNone(live))
      return yield* new NoLiveCall({ agentId: agent.id, message: 'You have no call in progress' })
    return { agent, call: yield* inConference(live.value) }
  })

/**
 * Takes another agent for a call: signed in with their softphone waiting in their conference, with
 * nobody on it, and free. Moved from available to on a call by compare-and-set, so no engine call or
 * other transfer takes them meanwhile.
 */
export const takeAgent = (targetId: string, ownerId: AgentId) =>
  Effect.gen(function* () {
    const target = yield* activeAgent(targetId)
    const refuse = (message: string) => new AgentNotFree({ agentId: target.id, message })
    if (target.id === ownerId) return yield* refuse('The call is already yours; choose another agent')
    const theirs = yield* Effect.flatMap(Telephony, (t) =>
      t.conferenceParticipants(agentConference(target.id)),
    )
    if (theirs.length !== 1 || theirs[0]?.label !== participantLabels.agent)
      return yield* refuse(`${target.displayName} has no softphone ready for calls; choose someone who is`)
    const now = yield* currentDate
    const after = yield* moveAgent(target.id, 'available', { state: 'on_call', reason: null }, now)
    if (!after.moved)
      return yield* refuse(
        `${target.displayName} is not free (${after.state.replace('_', ' ')}); try again later`,
      )
    return target
  })

/** Gives back an agent taken for a call that did not reach them. */
export const freeAgent = (agentId: AgentId) =>
  Effect.flatMap(currentDate, (now) =>
    moveAgent(agentId, 'on_call', { state: 'available', reason: null }, now),
  )

/** The agent whose call has gone to someone else wraps up (their own notes; the outcome goes with the call). */
export const toWrapUp = (agentId: AgentId) =>
  Effect.gen(function* () {
    const state = yield* Effect.flatMap(AgentStore, (store) => store.agentState(agentId))
    if (state.state !== 'on_call') return state
    return yield* moveAgent(agentId, 'on_call', { state: 'wrap_up', reason: null }, yield* currentDate)
  })

/** Audits what was done to a call and publishes it: one entry per operation, under `call:<id>`. */
export const noteControl = (
  actorId: AgentId,
  call: LiveCall,
  action: CallControlAction,
  otherAgentId: AgentId | null = null,
  detail: string | null = null,
) =>
  Effect.gen(function* () {
    const now = yield* currentDate
    yield* recordAudit({
      actor: actorId,
      action: `call.${action.replaceAll('-', '_')}`,
      subject: `call:${call.session.id}`,
      detail: { agentId: call.session.agentId, otherAgentId, detail },
      at: now,
    })
    yield* publish({
      _tag: 'CallControlled',
      at: now,
      sessionId: call.session.id,
      action,
      actorId,
      agentId: call.session.agentId,
      otherAgentId,
      detail,
    } satisfies CallControlled)
  })
