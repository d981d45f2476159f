export { leadForAgent, setDeskState } from './desk.js'
export {
  type DialDecision,
  type DialEvidence,
  type DialFacts,
  decideDial,
  type Refusal,
  type RefusalCode,
} from './dial-decision.js'
export {
  type PreDialFacts,
  PreDialFactsError,
  PreDialFactsReader,
  type PreDialFactsReaderService,
} from './pre-dial-facts.js'
export { endLongWrapUps, signInToDesk, signOffDesk } from './sign-in.js'
export { CallInProgress, type CallStart, startCall } from './start-call.js'
export {
  AgentStillOnCall,
  InvalidSupervisedState,
  SupervisedState,
  setAgentStateBySupervisor,
} from './supervise.js'
export { SourceUnavailable, validateBeforeDial } from './validate-before-dial.js'
