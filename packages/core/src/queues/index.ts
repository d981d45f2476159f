export {
  AgentNotAvailable,
  activeAgent,
  claimNextLead,
  EntryNotHeld,
  expireStaleClaims,
  InvalidAgentId,
  releaseLead,
  SkipReasonRequired,
  skipLead,
  UnknownAgent,
} from './claim.js'
export { type ConversionReport, trackConversions } from './conversions.js'
export {
  type CandidateQuery,
  InvalidQueueDefinition,
  type QueueDefinition,
  QueueId,
  QueueSettings,
  type QueueSettingsInput,
  type ResolvedQueue,
  resolveQueues,
} from './queue-definition.js'
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
  type ScoreReason,
  type ScoringFactor,
  type ScoringInputs,
  ScoringWeights,
  type ScoringWeightsInput,
  scoreLead,
} from './scoring.js'
