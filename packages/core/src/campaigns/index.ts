export {
  AnsweringMachinePolicy,
  Campaign,
  CampaignId,
  type CampaignInput,
  CampaignMessage,
  DialMode,
} from './campaign.js'
export type { AbandonWindow, PacedAgent, Pacer, PacingObservation, PacingSnapshot } from './pacer.js'
export {
  type RecentRate,
  type RecentValues,
  recentRate,
  recentValues,
} from './pacing/estimators.js'
export { type PredictiveOptions, predictivePacer } from './pacing/predictive.js'
export { progressivePacer } from './pacing/progressive.js'
