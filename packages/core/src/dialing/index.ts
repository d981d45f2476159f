export { leadForAgent, setDeskState } from './desk.js'
export {
  type PreDialFacts,
  PreDialFactsError,
  PreDialFactsReader,
  type PreDialFactsReaderService,
} from './pre-dial-facts.js'
export { CallInProgress, type CallStart, startCall } from './start-call.js'
export {
  type DialDecision,
  type DialEvidence,
  type Refusal,
  type RefusalCode,
  SourceUnavailable,
  validateBeforeDial,
} from './validate-before-dial.js'
