export {
  AddToCallRequest,
  addToCall,
  cancelTransfer,
  completeTransfer,
  holdCall,
  removeFromCall,
  resumeCall,
  TransferMode,
  transferToAgent,
} from './agent-operations.js'
export { AgentNotFree, InvalidCallControl, NoLiveCall, NotAConferenceCall, NoTransferInProgress } from './errors.js'
export type { CallControlAction, CallControlled } from './events.js'
export { type LiveCall, inConference } from './live-call.js'
export { SupervisorMode, stopSupervising, superviseCall } from './supervise-call.js'
