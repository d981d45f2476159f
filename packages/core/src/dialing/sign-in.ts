import { Effect, Option } from 'effect'
import { activeAgent, decodeAgentId, UnknownAgent } from '../agents/active-agent.js'
import { agentSettings } from '../agents/agent-settings.js'
import { AgentStore } from '../agents/agent-store.js'
import { moveAgent } from '../agents/move-agent.js'
import { recordAgentLeft } from '../calls/agent-left.js'
import { CallStore } from '../calls/call-store.js'
import { endCallFromServer } from '../calls/end-call.js'
import { currentDate } from '../kernel/time.js'
import { releaseHeldLead } from '../queues/claim.js'
import { QueueStore } from '../queues/queue-store.js'

/** The agent signed in: the start of a stretch their sign-in report counts. */
export const signInToDesk = (agentId: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    yield* Effect.flatMap(AgentStore, (store) =>
      Effect.flatMap(currentDate, (now) => store.recordSignIn(agent.id, now)),
    )
  })

/**
 * The agent left the desk (signed out, their session expired, an account switched off): a call they
 * are still on is hung up, as a provider ends a call whose browser went away; they go offline with
 * the reason, whatever state they were in; a lead they hold goes back to its queue, unless a person
 * answered its call (then that call's outcome is recorded as `agent_left`, and the queue's cooling
 * keeps the lead from being dialled again at once); the sign-in stretch ends. Works for accounts switched off since, so nobody stays on the floor as a ghost.
 */
export const signOffDesk = (agentId: string, reason: string) =>
  Effect.gen(function* () {
    const id = yield* decodeAgentId(agentId)
    const store = yield* AgentStore
    if (Option.isNone(yield* store.findAgent(id)))
      return yield* new UnknownAgent({ agentId, message: `No account has id ${agentId}` })
    const live = yield* Effect.flatMap(CallStore, (calls) => calls.activeSession(id))
    if (Option.isSome(live)) yield* endCallFromServer(live.value, () => `the agent left the desk (${reason})`)
    const now = yield* currentDate
    // Compare-and-set, again if the call's end moved them meanwhile.
    let state = yield* store.agentState(id)
    for (let tries = 0; tries < 3 && state.state !== 'offline'; tries++) {
      state = yield* moveAgent(id, state.state, { state: 'offline', reason }, now)
    }
    // A lead whose call a person answered is not given back as if never called: the call's outcome is
    // recorded for the agent (the queue's cooling applies), which finishes the entry.
    const held = yield* Effect.flatMap(QueueStore, (queues) => queues.heldEntry(id))
    if (Option.isSome(held)) {
      const last = yield* Effect.flatMap(CallStore, (calls) => calls.lastSessionForEntry(id, held.value.id))
      if (Option.isSome(last)) yield* recordAgentLeft(last.value, id, reason, now)
    }
    yield* releaseHeldLead(id)
    yield* store.recordSignOut(id, now, reason)
    return state
  })

/**
 * Agents in wrap-up for `seconds` or longer made available again (only those in `only`, when given):
 * their outcome still waits on the desk, but the floor does not lose them. How many moved.
 */
export const endWrapUpsLongerThan = (seconds: number, only?: ReadonlySet<string>) =>
  Effect.gen(function* () {
    const store = yield* AgentStore
    const now = yield* currentDate
    const open = yield* store.stateHistory({ agentId: null, since: now, until: new Date(+now + 1) })
    let moved = 0
    for (const span of open) {
      if (span.state !== 'wrap_up' || span.endedAt !== null) continue
      if (only && !only.has(span.agentId)) continue
      if (+now - +span.startedAt < seconds * 1000) continue
      const after = yield* moveAgent(span.agentId, 'wrap_up', { state: 'available', reason: null }, now)
      if (after.state === 'available') moved++
    }
    return moved
  })

/** Agents in wrap-up longer than the configured maximum (`wrapUpSeconds`) are made available again. */
export const endLongWrapUps = Effect.gen(function* () {
  const { wrapUpSeconds } = yield* agentSettings
  return wrapUpSeconds === null ? 0 : yield* endWrapUpsLongerThan(wrapUpSeconds)
})
