import { Schema } from 'effect'

/**
 * What an agent is doing. Only `available` agents are handed leads; `paused` carries a reason a
 * supervisor can read (break, training, meeting…).
 */
export const AgentStateName = Schema.Literal('offline', 'available', 'on_call', 'wrap_up', 'paused')
export type AgentStateName = typeof AgentStateName.Type

export const AgentState = Schema.Struct({
  state: AgentStateName,
  reason: Schema.NullOr(Schema.String),
  since: Schema.DateFromSelf,
})
export type AgentState = typeof AgentState.Type

const allowed: Record<AgentStateName, ReadonlyArray<AgentStateName>> = {
  offline: ['available', 'paused'],
  available: ['on_call', 'paused', 'offline'],
  on_call: ['wrap_up'],
  wrap_up: ['available', 'paused', 'offline'],
  paused: ['available', 'offline'],
}

export class InvalidAgentTransition extends Schema.TaggedError<InvalidAgentTransition>()(
  'InvalidAgentTransition',
  {
    from: AgentStateName,
    to: AgentStateName,
    message: Schema.String,
  },
) {}

export class PauseReasonRequired extends Schema.TaggedError<PauseReasonRequired>()('PauseReasonRequired', {
  field: Schema.Literal('reason'),
  message: Schema.String,
}) {}

/** Checks a move between states: a call must end in wrap-up, and a pause needs a reason. */
export const checkAgentTransition = (
  from: AgentStateName,
  to: AgentStateName,
  reason: string | null,
): InvalidAgentTransition | PauseReasonRequired | undefined => {
  if (to === 'paused' && !reason?.trim()) {
    return new PauseReasonRequired({
      field: 'reason',
      message: 'reason: a pause needs a reason (break, training…)',
    })
  }
  if (from === to && to !== 'paused') return undefined
  if (from === to || allowed[from].includes(to)) return undefined
  return new InvalidAgentTransition({
    from,
    to,
    message: `An agent who is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}; allowed next: ${allowed[from].join(', ')}`,
  })
}
