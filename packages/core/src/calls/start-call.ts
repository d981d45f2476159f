import { Clock, Effect, Option, Schema } from 'effect'
import { DiallerStore } from '../store/dialler-store.js'
import { Telephony } from '../telephony/telephony.js'
import { type Refusal, validateBeforeDial } from '../validation/validate-before-dial.js'
import type { CallSession } from './call-session.js'
import { CallStore } from './call-store.js'

export class CallInProgress extends Schema.TaggedError<CallInProgress>()('CallInProgress', {
  sessionId: Schema.String,
  message: Schema.String,
}) {}

export type CallStart =
  | { readonly _tag: 'Started'; readonly session: CallSession }
  | { readonly _tag: 'Refused'; readonly refusals: ReadonlyArray<Refusal> }

/**
 * Right before the agent's browser dials: validates the held lead live, then opens the call session
 * (counting the attempt) and puts the agent on a call. The browser then dials with only the session id;
 * the number comes from the server, never from the browser.
 */
export const startCall = (agentId: string, entryId: string) =>
  Effect.gen(function* () {
    const decision = yield* validateBeforeDial(agentId, entryId)
    if (decision._tag === 'Refused')
      return { _tag: 'Refused', refusals: decision.refusals } satisfies CallStart as CallStart
    const calls = yield* CallStore
    const store = yield* DiallerStore
    const telephony = yield* Telephony
    const agent = decision.entry.claimedBy
    if (agent === null) return yield* Effect.die(new Error('a validated entry always has its agent'))
    const active = yield* calls.activeSession(agent)
    if (Option.isSome(active)) {
      if (active.value.entryId === entryId)
        return { _tag: 'Started', session: active.value } satisfies CallStart as CallStart
      return yield* new CallInProgress({
        sessionId: active.value.id,
        message: 'This agent is already on another call; end it before dialing again',
      })
    }
    const now = new Date(yield* Clock.currentTimeMillis)
    const session = yield* calls.createSession({
      agentId: agent,
      leadId: decision.entry.leadId,
      queueId: decision.entry.queueId,
      entryId,
      phone: decision.phone,
      provider: telephony.provider,
      startedAt: now,
    })
    const state = yield* store.agentState(agent)
    if (state.state === 'available')
      yield* store.setAgentState(agent, 'available', { state: 'on_call', reason: null }, now)
    return { _tag: 'Started', session } satisfies CallStart as CallStart
  })
