export {
  AgentNotAvailable,
  claimNextLead,
  EntryNotHeld,
  expireStaleClaims,
  type LeadClaimed,
  releaseHeldLead,
  releaseLead,
  SkipReasonRequired,
  skipLead,
} from './claim.js'
export { type ConversionReport, trackConversions } from './conversions.js'
export {
  type ConfiguredQueue,
  CoolingMinutes,
  InvalidQueueDefinition,
  type QueueDefinition,
  QueueId,
  QueueRules,
  QueueSettings,
  type QueueSettingsInput,
  QueuesConfig,
  type ResolvedQueue,
  resolveQueues,
  Threshold,
} from './queue-definition.js'
export {
  type Conversion,
  type EngineAttempt,
  type NewQueueEntry,
  type QueueEntry,
  type QueueEntryStatus,
  type QueueLevel,
  QueueStore,
  QueueStoreError,
  type QueueStoreService,
  type TakenLead,
} from './queue-store.js'
export {
  currentQueues,
  QueueTuning,
  type QueueTuningInput,
  queueTuningSetting,
  queueTunings,
  tuneQueue,
} from './queue-tuning.js'
export {
  checkQueueLevels,
  type ExclusionReason,
  type QueueRegeneration,
  type RegenerationResult,
  regenerateQueues,
} from './regenerate.js'
export {
  compareByScore,
  defaultScoringWeights,
  type LeadScore,
  type ScoreFactor,
  type ScoreReason,
  type ScoringFactor,
  type ScoringInputs,
  ScoringWeights,
  type ScoringWeightsInput,
  scoreLead,
} from './scoring.js'
