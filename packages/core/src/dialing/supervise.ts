import { Effect, Option, Schema } from 'effect'
import { activeAgent } from '../agents/active-agent.js'
import { configuredPauseReason } from '../agents/agent-settings.js'
import { checkAgentTransition } from '../agents/agent-state.js'
import { AgentStore } from '../agents/agent-store.js'
import { moveAgent } from '../agents/move-agent.js'
import { activeSupervisor } from '../agents/supervisor.js'
import { recordAudit } from '../audit/audit-log.js'
import { CallStore } from '../calls/call-store.js'
import { decodeWith } from '../kernel/decode.js'
import { currentDate } from '../kernel/time.js'
import { releaseHeldLead } from '../queues/claim.js'

/** The states a supervisor may put an agent in; calls and wrap-up follow the call flow. */
export const SupervisedState = Schema.Literal('available', 'paused', 'offline')
export type SupervisedState = typeof SupervisedState.Type

export class InvalidSupervisedState extends Schema.TaggedError<InvalidSupervisedState>()(
  'InvalidSupervisedState',
  { field: Schema.Literal('state'), message: Schema.String },
) {}

export class AgentStillOnCall extends Schema.TaggedError<AgentStillOnCall>()('AgentStillOnCall', {
  sessionId: Schema.String,
  message: Schema.String,
}) {}

const decodeState = decodeWith(
  SupervisedState,
  () =>
    new InvalidSupervisedState({ field: 'state', message: 'state: must be available, paused or offline' }),
)

/**
 * A supervisor moves an agent (a stuck desk, someone who left without signing out): from whatever
 * state the agent is in, except on a live call, which the supervisor ends first. Going offline or
 * pausing gives back a lead the agent holds. Audited with the state before and after.
 */
export const setAgentStateBySupervisor = (
  supervisorId: string,
  agentId: string,
  state: string,
  reason: string | null = null,
) =>
  Effect.gen(function* () {
    const supervisor = yield* activeSupervisor(supervisorId)
    const agent = yield* activeAgent(agentId)
    const to = yield* decodeState(state)
    const pauseProblem = checkAgentTransition('paused', to, reason)
    if (to === 'paused' && pauseProblem) return yield* Effect.fail(pauseProblem)
    const pauseReason = to === 'paused' && reason ? yield* configuredPauseReason(reason) : null
    const live = yield* Effect.flatMap(CallStore, (calls) => calls.activeSession(agent.id))
    if (Option.isSome(live)) {
      return yield* new AgentStillOnCall({
        sessionId: live.value.id,
        message: `${agent.displayName} is on a call; end the call first, then set their state`,
      })
    }
    const before = yield* Effect.flatMap(AgentStore, (store) => store.agentState(agent.id))
    const now = yield* currentDate
    const after = yield* moveAgent(agent.id, before.state, { state: to, reason: pauseReason }, now)
    if (to === 'offline' || to === 'paused') yield* releaseHeldLead(agent.id)
    yield* recordAudit({
      actor: supervisor.id,
      action: 'agent.state_set_by_supervisor',
      subject: `agent:${agent.id}`,
      detail: { before: before.state, after: after.state, reason: after.reason },
      at: now,
    })
    return after
  })
