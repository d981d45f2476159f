import type { AgentId } from '../kernel/ids.js'
import type { AgentStateName } from './agent-state.js'

/** An agent moved between states (signed in, took a call, wrapped up, paused, signed out). */
export interface AgentStateChanged {
  readonly _tag: 'AgentStateChanged'
  readonly at: Date
  readonly agentId: AgentId
  readonly from: AgentStateName
  readonly to: AgentStateName
  readonly reason: string | null
}

export type AgentEvent = AgentStateChanged
