/**
 * @ringlane/core: the dialler's domain and the ports adapters provide. `createRinglane` is the one
 * Promise entry; each area is also a namespace for the Effect API (`Queues.claimNextLead`), and the
 * kernel's vocabulary (ids, phone numbers, webhooks, domain events) is exported as is.
 */
export * as Agents from './agents/index.js'
export * as Analytics from './analytics/index.js'
export * as Audit from './audit/index.js'
export * as Calls from './calls/index.js'
export * as Campaigns from './campaigns/index.js'
export * as Compliance from './compliance/index.js'
export * as Dialing from './dialing/index.js'
export * as Inbound from './inbound/index.js'
export * as Jobs from './jobs/index.js'
export * from './kernel/index.js'
export * as Leads from './leads/index.js'
export * as MagicLinks from './magic-links/index.js'
export * as Messaging from './messaging/index.js'
export * as Queues from './queues/index.js'
export * as Recordings from './recordings/index.js'
export {
  createRinglane,
  InvalidRequest,
  InvalidSettings,
  NotConfigured,
  type Ringlane,
  type RinglaneEvent,
  type RinglaneOptions,
  RinglaneSettings,
  type RinglaneSettingsInput,
  type RinglaneStores,
  ringlaneLayer,
} from './ringlane.js'
export * as Routing from './routing/index.js'
export * as Settings from './settings/index.js'
export * as Softphone from './softphone/index.js'
export * as Telephony from './telephony/index.js'
export * as Transcripts from './transcripts/index.js'
export * as VoiceAi from './voice-ai/index.js'
