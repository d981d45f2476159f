export {
  type AttemptCounts,
  attemptCapRefusals,
  callingWindowRefusal,
  ComplianceConfig,
  type ContactRefusal,
  type ContactRefusalCode,
  ContactRules,
} from './contact-rules.js'
export {
  SuppressionStore,
  SuppressionStoreError,
  type SuppressionStoreService,
} from './suppression-store.js'
