export {
  type DeskInboundCall,
  INBOUND_LINE_PARAM,
  type InboundCaller,
  type InboundDesk,
  inboundDesk,
  inboundLineInstructions,
} from './agent-desk.js'
export {
  answerInboundCall,
  callerLeadId,
  continueInboundCall,
  INBOUND_QUEUE,
  overflowToVoicemail,
} from './answer-call.js'
export { isOpen, wallClock } from './business-hours.js'
export {
  InboundStoreError,
  InvalidFlow,
  InvalidVoicemailRequest,
  UnknownFlow,
  UnknownVoicemail,
} from './errors.js'
export type { InboundCallStarted, InboundEvent, VoicemailReceived } from './events.js'
export {
  exitsOf,
  type Flow,
  FlowDefinition,
  FlowDraft,
  FlowId,
  type FlowVersion,
  isEnd,
  MenuChoice,
  type MenuStep,
  OpeningHours,
  Prompt,
  Step,
  StepId,
  type StepKind,
  Weekday,
} from './flow.js'
export { type FlowTestRequest, findFlow, flowVersion, publishFlow, saveFlow, testFlow } from './flows.js'
export {
  InboundConfig,
  InboundSettings,
  type InboundSettingsInput,
  InvalidInboundSettings,
} from './inbound-config.js'
export { type InboundCall, InboundStore, type InboundStoreService, type LoggedStep } from './inbound-store.js'
export {
  FLOW_ATTEMPT_PARAM,
  FLOW_STEP_PARAM,
  type FlowPlace,
  InboundVoice,
  type InboundVoiceService,
  type IncomingCall,
  type IvrInstructions,
  type RecordedMessage,
} from './inbound-voice.js'
export { inMemoryInboundStore } from './memory-store.js'
export { type FlowTargets, validateFlow } from './validate-flow.js'
export {
  BoxId,
  BoxOwner,
  type NewVoicemail,
  VoicemailBox,
  type VoicemailMessage,
  VoicemailQuery,
  type VoicemailQueryInput,
} from './voicemail.js'
export {
  agentVoicemails,
  applyVoicemailRetention,
  callbackFromVoicemail,
  findVoicemail,
  listVoicemails,
  markVoicemailHeard,
  saveVoicemailBox,
  type VoicemailCallbackRequest,
} from './voicemail-programs.js'
export {
  answerMenu,
  type CallerInput,
  FlowBroken,
  type FlowTest,
  type FlowTurn,
  matchChoice,
  noInput,
  runFrom,
  type StepVisit,
  type Walked,
  walkFlow,
} from './walk.js'
