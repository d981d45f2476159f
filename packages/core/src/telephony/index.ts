export {
  AnsweredBy,
  CallEvent,
  CallStatus,
  isTerminal,
  openCallStatuses,
  RecordingEvent,
  terminalCallStatuses,
} from './call-event.js'
export {
  type AccessToken,
  type CallInstructions,
  InvalidWebhook,
  type OutboundCall,
  Telephony,
  TelephonyError,
  type TelephonyService,
  type WebhookParams,
  WebhookRejected,
  type WebhookRequest,
} from './telephony.js'
