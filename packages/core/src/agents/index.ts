export { Agent, AgentId, AgentRole, NewAgent } from './agent.js'
export {
  AgentState,
  AgentStateName,
  checkAgentTransition,
  InvalidAgentTransition,
  PauseReasonRequired,
} from './agent-state.js'
export { changeAgentState } from './change-agent-state.js'
export { createAgent, InvalidAgent } from './create-agent.js'
