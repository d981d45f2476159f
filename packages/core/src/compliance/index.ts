export {
  type AttemptCounts,
  attemptCapRefusals,
  ComplianceConfig,
  type ContactRefusal,
  type ContactRefusalCode,
  ContactRules,
  callingWindowRefusal,
} from './contact-rules.js'
export { findOptOuts } from './opt-outs.js'
export {
  type OptOut,
  SuppressionStore,
  SuppressionStoreError,
  type SuppressionStoreService,
} from './suppression-store.js'
