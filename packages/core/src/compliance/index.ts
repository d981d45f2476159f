export {
  AbandonLedger,
  AbandonLedgerError,
  type AbandonLedgerService,
  type AnsweredCall,
  type AnsweredCounts,
} from './abandon-ledger.js'
export { inMemoryAbandonLedger } from './abandon-ledger-memory.js'
export {
  type AbandonQuery,
  type AbandonRuleStanding,
  type AbandonStanding,
  type AbandonTally,
  abandonBudget,
  abandonRates,
  InvalidAbandonQuery,
  SUPERVISOR_WINDOWS,
  tallyAbandons,
} from './abandon-rates.js'
export {
  ATTEMPT_HISTORY_DAYS,
  type CheckedRule,
  type ContactCheck,
  type ContactDecision,
  type ContactEvidence,
  type ContactFacts,
  type ContactHistory,
  type ContactRefusal,
  type ContactRefusalCode,
  decideContact,
  INTERNAL_DNC_RULE,
  type ScreeningFacts,
} from './contact-decision.js'
export {
  type ActiveProfile,
  activeProfile,
  ComplianceConfig,
  ContactRules,
  type ProfileSettingsIssue,
} from './contact-rules.js'
export {
  type DecisionScope,
  type DecisionSummary,
  type DialDecisionRecord,
  DialEvidenceStore,
  DialEvidenceStoreError,
  type DialEvidenceStoreService,
} from './dial-evidence.js'
export {
  type AddToDoNotCallRequest,
  addToDoNotCallList,
  InvalidListRequest,
  importSuppressionList,
  type ListEntriesQuery,
  type ListImportError,
  ListImportRejected,
  type ListImportReport,
  type ListImportRequest,
  listEntries,
  pageListEntries,
  type RemoveFromDoNotCallRequest,
  removeFromDoNotCallList,
} from './do-not-call.js'
export {
  type AddressForZones,
  type LeadZones,
  leadTimeZones,
  type NumberForZones,
  type ZoneBasis,
  type ZoneSettings,
} from './lead-zones.js'
export {
  defaultFormat,
  type ListFileFormat,
  type ListFileRow,
  listNumber,
  readListFile,
} from './list-files.js'
export { addDays, isTimeZone, type LocalTime, localTime, startOfLocalDay } from './local-time.js'
export { findOptOuts } from './opt-outs.js'
export {
  CallingWindow,
  ComplianceProfile,
  type ComplianceProfileInput,
  ComplianceRule,
  type ComplianceRuleKind,
  RuleSource,
  TimeZoneName,
} from './profiles.js'
export {
  type ComplianceException,
  type ComplianceReport,
  type ComplianceReportRequest,
  complianceReport,
  complianceReportCsv,
  InvalidReportRequest,
  type ListFreshness,
} from './report.js'
export { shippedProfiles, ukOfcom, usRegF, usTcpa } from './shipped-profiles.js'
export {
  INTERNAL_LIST,
  type ListEntry,
  type ListLoad,
  type SuppressionList,
  SuppressionListId,
  SuppressionListStore,
  SuppressionListStoreError,
  type SuppressionListStoreService,
} from './suppression-lists.js'
export {
  type OptOut,
  SuppressionStore,
  SuppressionStoreError,
  type SuppressionStoreService,
} from './suppression-store.js'
