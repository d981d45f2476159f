export * as CallControl from './call-control/index.js'
export { leadForAgent, setDeskState } from './desk.js'
export {
  type DialDecision,
  type DialEvidence,
  type DialFacts,
  decideDial,
  type Refusal,
  type RefusalCode,
} from './dial-decision.js'
export * as Engine from './engine/index.js'
export {
  InvalidLeadSearch,
  LeadNotTaken,
  LeadSearchUnavailable,
  SEARCH_LIMIT,
  searchLeads,
  takeChosenLead,
} from './lead-search.js'
export {
  type PreDialFacts,
  PreDialFactsError,
  PreDialFactsReader,
  type PreDialFactsReaderService,
} from './pre-dial-facts.js'
export { recordDialDecision } from './record-decision.js'
export { endLongWrapUps, endWrapUpsLongerThan, signInToDesk, signOffDesk } from './sign-in.js'
export { CallInProgress, type CallStart, startCall } from './start-call.js'
export {
  AgentStillOnCall,
  InvalidSupervisedState,
  SupervisedState,
  setAgentStateBySupervisor,
} from './supervise.js'
export { SourceUnavailable, validateBeforeDial, validateEngineDial } from './validate-before-dial.js'
