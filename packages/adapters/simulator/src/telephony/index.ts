export {
  defaultScript,
  type ScriptLine,
  scriptFor,
  timedConversation,
  voicemailScript,
} from './conversation.js'
export type { CallerAnswer, InboundCallScript } from './inbound-caller.js'
export { type CallScenario, scenarioByLastDigit } from './scenarios.js'
export { SIGNATURE_HEADER, signedWebhook, signWebhook } from './signature.js'
export {
  type BrowserCallEvent,
  createSimulatorTelephony,
  deliverOverHttp,
  type ServerCallView,
  SimulatorRefusal,
  type SimulatorTelephony,
  type SimulatorTelephonyOptions,
  telephonyLayer,
  type WebhookDelivery,
} from './simulator-telephony.js'
