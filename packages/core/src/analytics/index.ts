export { agentStateReport } from './agent-states.js'
export {
  AgentOnFloor,
  AgentPerformance,
  AnalyticsStore,
  AnalyticsStoreError,
  type AnalyticsStoreService,
  CallMetrics,
  DailyCalls,
  HourlyCalls,
  Intelligence,
  IntelligenceLine,
  IntelligenceSummary,
  MetricsSummary,
  type NumberMatch,
  OpenCall,
  OutcomeCount,
  OutcomeReason,
  RangeBounds,
  RecordingFound,
  type RecordingQuery,
} from './analytics-store.js'
export { type CostCallsQuery, type CostReport, costCalls, costReport, costReportCsv } from './costs.js'
export {
  callMetrics,
  DashboardMetrics,
  LiveSnapshot,
  liveSnapshot,
  OPEN_CALL_WINDOW_MS,
  QueueLevelView,
  rangeBounds,
} from './dashboard.js'
export { type IntelligenceReport, intelligenceReport, intelligenceReportCsv } from './intelligence.js'
export {
  addDays,
  CalendarDay,
  dayIn,
  daysBetween,
  decodeMetricsRange,
  InvalidMetricsRange,
  lastDays,
  MAX_RANGE_DAYS,
  MetricsRange,
  type MetricsRangeInput,
  TimeZone,
} from './metrics-range.js'
export {
  defaultOpsAlertRules,
  evaluateOpsAlerts,
  OPS_SIGNATURE_HEADER,
  OPS_TIMESTAMP_HEADER,
  type OpsAlert,
  type OpsAlertKind,
  OpsAlertRules,
  type OpsAlertRulesInput,
  type OpsSignals,
  opsAlertPayload,
  signOpsPayload,
  verifyOpsSignature,
} from './ops-alerts.js'
export {
  InvalidRecordingSearch,
  NumberSearch,
  numberMatch,
  pageRecordings,
  RecordingSearch,
  type RecordingSearchInput,
  searchRecordings,
} from './recording-search.js'
export {
  type OccupancyInterval,
  occupancy,
  type SlaContact,
  type SlaFigures,
  type SlaInterval,
  type SlaOptions,
  type SlaQueue,
  type SlaReport,
  slaFigures,
  slaReport,
} from './sla.js'
export {
  type SlaDashboard,
  type SlaRequestInput,
  slaDashboard,
  slaDashboardCsv,
} from './sla-dashboard.js'
export { inMemorySystemErrorStore } from './system-error-store-memory.js'
export {
  type NewSystemError,
  recordSystemError,
  refusalReported,
  SystemError,
  type SystemErrorReport,
  SystemErrorStore,
  SystemErrorStoreError,
  type SystemErrorStoreService,
  SystemErrorSummary,
  systemErrorKinds,
  systemErrorOf,
  systemErrorReport,
  systemErrorReportCsv,
} from './system-errors.js'
