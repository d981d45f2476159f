import { Effect, Option, Schema } from 'effect'
import { AgentStore } from '../agents/agent-store.js'
import { moveAgent } from '../agents/move-agent.js'
import type { CallSession } from '../calls/call-session.js'
import { CallStore } from '../calls/call-store.js'
import { publishCallStarted } from '../calls/publish-call.js'
import { currentDate } from '../kernel/time.js'
import { Telephony } from '../telephony/telephony.js'
import type { DialEvidence, Refusal } from './dial-decision.js'
import { recordDialDecision } from './record-decision.js'
import { validateBeforeDial } from './validate-before-dial.js'

export class CallInProgress extends Schema.TaggedError<CallInProgress>()('CallInProgress', {
  sessionId: Schema.String,
  message: Schema.String,
}) {}

/** Either way, `evidence` is what the pre-dial decision checked and the facts it used. */
export type CallStart =
  | { readonly _tag: 'Started'; readonly session: CallSession; readonly evidence: DialEvidence }
  | {
      readonly _tag: 'Refused'
      readonly refusals: ReadonlyArray<Refusal>
      readonly evidence: DialEvidence
    }

/**
 * Right before the agent's browser dials: validates the held lead live (the decision is kept as
 * compliance evidence, allowed or refused), then opens the call session
 * (counting the attempt) and puts the agent on a call. The browser then dials with only the session id;
 * the number comes from the server, never from the browser.
 */
export const startCall = (agentId: string, entryId: string) =>
  Effect.gen(function* () {
    const decision = yield* validateBeforeDial(agentId, entryId)
    if (decision._tag === 'Refused') {
      yield* recordDialDecision(decision, {})
      return {
        _tag: 'Refused',
        refusals: decision.refusals,
        evidence: decision.evidence,
      } satisfies CallStart as CallStart
    }
    const calls = yield* CallStore
    const telephony = yield* Telephony
    const agent = decision.entry.claimedBy
    if (agent === null) return yield* Effect.die(new Error('a validated entry always has its agent'))
    const active = yield* calls.activeSession(agent)
    if (Option.isSome(active)) {
      if (active.value.entryId === entryId)
        return {
          _tag: 'Started',
          session: active.value,
          evidence: decision.evidence,
        } satisfies CallStart as CallStart
      return yield* new CallInProgress({
        sessionId: active.value.id,
        message: `You are still on another call (${active.value.phone}, ${active.value.status}): hang it up on the desk and save its outcome, or ask a supervisor to end it, then call again`,
      })
    }
    const now = yield* currentDate
    const session = yield* calls.createSession({
      agentId: agent,
      leadId: decision.entry.leadId,
      queueId: decision.entry.queueId,
      entryId,
      phone: decision.phone,
      provider: telephony.provider,
      startedAt: now,
    })
    yield* recordDialDecision(decision, { callId: session.id })
    yield* publishCallStarted(session)
    const state = yield* Effect.flatMap(AgentStore, (agents) => agents.agentState(agent))
    if (state.state === 'available')
      yield* moveAgent(agent, 'available', { state: 'on_call', reason: null }, now)
    return { _tag: 'Started', session, evidence: decision.evidence } satisfies CallStart as CallStart
  })
