export { activeAgent, decodeAgentId, InvalidAgentId, onlyActive, UnknownAgent } from './active-agent.js'
export { Agent, AgentAccount, AgentId, AgentRole, NewAgent } from './agent.js'
export {
  AgentSettings,
  AgentsConfig,
  agentSettings,
  configuredPauseReason,
  UnknownPauseReason,
} from './agent-settings.js'
export {
  AgentState,
  AgentStateName,
  checkAgentTransition,
  InvalidAgentTransition,
  PauseReasonRequired,
} from './agent-state.js'
export {
  AgentEmailTaken,
  type AgentHistoryFilter,
  type AgentMove,
  type AgentSignIn,
  type AgentStateSpan,
  AgentStore,
  AgentStoreError,
  type AgentStoreService,
  type NewAgentRecord,
} from './agent-store.js'
export { changeAgentState } from './change-agent-state.js'
export { createAgent, InvalidAgent } from './create-agent.js'
export type { AgentEvent, AgentStateChanged } from './events.js'
export { moveAgent } from './move-agent.js'
export { activeSupervisor, NotASupervisor } from './supervisor.js'
export { AgentChanges, agentCredentials, updateAgent } from './update-agent.js'
