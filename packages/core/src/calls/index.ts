export { AGENT_LEFT, recordAgentLeft } from './agent-left.js'
export {
  type CallLogEntry,
  CallLogSearch,
  type CallLogSearchInput,
  callLogEntry,
  InvalidCallSearch,
  MAX_NAMED_LEADS,
  searchCallLog,
} from './call-log.js'
export { applyCallEvent, type CallSession, timeOutCallSession } from './call-session.js'
export {
  AI_AGENT_HOLDS,
  type CallHistoryItem,
  type CallLogItem,
  type CallLogQuery,
  CallStore,
  CallStoreError,
  type CallStoreService,
  type CallTimelineEvent,
  EVERY_CALL,
  type NewCallSession,
  type OutcomeRecord,
  type RecordedOutcome,
  type SessionUpdate,
} from './call-store.js'
export {
  type CallStatusResult,
  callInstructions,
  handleCallStatus,
  SESSION_PARAM,
  wrapUp,
} from './call-webhooks.js'
export { callbackReminders } from './callback-reminders.js'
export { CallSettings, CallsConfig } from './calls-config.js'
export {
  CallbackChangeInput,
  CallbackNotFound,
  changeCallback,
  InvalidCallbackChange,
} from './change-callback.js'
export { type CostCollectionReport, collectCosts } from './collect-costs.js'
export {
  CallCost,
  type CostBreakdown,
  CostLine,
  type CostRange,
  CostStore,
  CostStoreError,
  type CostStoreService,
  InvalidCostRequest,
  type NewCost,
  type UnpricedCall,
  type UnpricedMessage,
} from './cost-store.js'
export { changeDispositions, currentDispositions, dispositionsSetting } from './disposition-settings.js'
export {
  Disposition,
  type DispositionInput,
  DispositionList,
  defaultDispositions,
  NEVER,
} from './dispositions.js'
export { CallNotFound, endAgentCall, endCallFromServer, hangUpOwnCall } from './end-call.js'
export type {
  CallAnswered,
  CallbackDue,
  CallEnded,
  CallRinging,
  CallSessionEvent,
  CallStarted,
  OutcomeRecorded,
} from './events.js'
export { Amount, Currency, fromMicros, times, toMicros } from './money.js'
export { Price, PricingError, ProviderPricing, type ProviderPricingService } from './pricing.js'
export { publishCallChange, publishCallStarted } from './publish-call.js'
export { type ReconciliationReport, reconcileCalls } from './reconcile-calls.js'
export { InvalidOutcome, OutcomeInput, OutcomeRefused, recordOutcome } from './record-outcome.js'
export { suggestedDisposition } from './suggested-disposition.js'
