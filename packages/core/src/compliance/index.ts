export {
  type AttemptCounts,
  attemptCapRefusals,
  ComplianceConfig,
  type ContactRefusal,
  type ContactRefusalCode,
  ContactRules,
  callingWindowRefusal,
} from './contact-rules.js'
export {
  SuppressionStore,
  SuppressionStoreError,
  type SuppressionStoreService,
} from './suppression-store.js'
