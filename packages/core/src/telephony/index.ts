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
  agentConference,
  type CallInstructions,
  InvalidWebhook,
  type OutboundCall,
  type ServerCall,
  type SpokenMessage,
  Telephony,
  TelephonyError,
  type TelephonyService,
  type WebhookParams,
  WebhookRejected,
  type WebhookRequest,
} from './telephony.js'
