/**
 * @ringlane/core: the outbound dialler's domain and the ports adapters provide.
 * Each domain area is a namespace, so `Queues.claimNextLead` says where it lives.
 */
export * as Agents from './agents/index.js'
export * as Audit from './audit/index.js'
export * as Calls from './calls/index.js'
export * as Compliance from './compliance/index.js'
export {
  createDialler,
  type Dialler,
  type DiallerLayerOptions,
  type DiallerOptions,
  diallerLayer,
} from './dialler.js'
export {
  DiallerConfig,
  DiallerSettings,
  type DiallerSettingsInput,
  InvalidDiallerSettings,
} from './dialler-config.js'
export * as Leads from './leads/index.js'
export * as MagicLinks from './magic-links/index.js'
export * as Messaging from './messaging/index.js'
export * as Queues from './queues/index.js'
export * as Recordings from './recordings/index.js'
export * as Softphone from './softphone/index.js'
export * as Store from './store/index.js'
export * as Telephony from './telephony/index.js'
export * as Validation from './validation/index.js'
