export {
  acceptAiStream,
  aiAnsweredReason,
  connectToAiAgent,
  giveCallToAiAgent,
  runAiCall,
} from './ai-answered.js'
export { abandon, CONNECT_WITHIN_MS, connectAnswered, handleMachine } from './answered.js'
export {
  CallRateError,
  CallRateLimiter,
  type CallRateLimiterService,
  inMemoryCallRate,
} from './call-rate.js'
export {
  detectsMachines,
  dialledByEngine,
  type EngineCampaign,
  EngineCampaigns,
  storedEngineCampaigns,
} from './engine-campaigns.js'
export {
  AUTO_LEG_ENDED_REASON,
  AUTO_LEG_PARAM,
  autoLegEnded,
  autoLegInstructions,
  type EngineReaction,
  handleEngineCallStatus,
  reactToEngineCall,
} from './engine-webhook.js'
export { HISTORY_CALLS, LEARN_EVERY_MS, learnFromCallLog, observationsOf } from './estimates.js'
export type { CallAbandoned, CallOffered, EngineEvent } from './events.js'
export {
  LeadershipError,
  PacingLeadership,
  type PacingLeadershipService,
  soleLeadership,
} from './leadership.js'
export {
  EnginePacers,
  type EnginePacersService,
  enginePacers,
  enginePacersLayer,
  pacerForMode,
} from './pacers.js'
export {
  ORPHANED_AFTER_MS,
  PLACING_AT_ONCE,
  pacingRound,
  pacingSnapshot,
  waitingForAgent,
} from './pacing-round.js'
export { engineRound, PACING_INTERVAL_MS, runEngine } from './run-engine.js'
