/**
 * @ringlane/twilio: Ringlane's telephony and messaging ports on Twilio (server side).
 * The browser softphone driver lives at `@ringlane/twilio/browser`.
 */
export { AccessTokenConfig, AgentIdentity, createAccessToken } from './access-token.js'
export * from './media-streams/index.js'
export * from './messaging/index.js'
export * from './pricing/index.js'
export { type TwilioInboundOptions, twilioInboundVoice } from './telephony/twilio-inbound.js'
export {
  type TwilioCallsClient,
  type TwilioTelephonyOptions,
  telephonyLayer,
  twilioTelephony,
} from './telephony/twilio-telephony.js'
export * from './transcripts/index.js'
export { publicUrlOf, type TwilioWebhookConfig, verifyTwilioWebhook } from './webhooks.js'
