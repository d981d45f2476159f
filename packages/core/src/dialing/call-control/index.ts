export {
  AddToCallRequest,
  addToCall,
  type CallControlStatus,
  callControlStatus,
  cancelTransfer,
  completeTransfer,
  holdCall,
  removeFromCall,
  resumeCall,
  TransferMode,
  transferToAgent,
} from './agent-operations.js'
export {
  AgentNotFree,
  InvalidCallControl,
  NoLiveCall,
  NoTransferInProgress,
  NotAConferenceCall,
} from './errors.js'
export type { CallControlAction, CallControlled } from './events.js'
export { inConference, type LiveCall } from './live-call.js'
export { SupervisorMode, stopSupervising, superviseCall } from './supervise-call.js'
export { transferToQueue } from './transfer-to-queue.js'
