export {
  AnsweringMachinePolicy,
  Campaign,
  CampaignChanges,
  CampaignId,
  type CampaignInput,
  CampaignMessage,
  CampaignStatus,
  DialMode,
  NewCampaign,
} from './campaign.js'
export { agentCampaigns, campaignAgents, joinCampaign, leaveCampaign } from './campaign-agents.js'
export {
  type CampaignBounds,
  campaignBounds,
  campaignProfiles,
  checkCampaign,
  MIN_RING_SECONDS,
} from './campaign-bounds.js'
export { existingCampaign } from './campaign-changes.js'
export { setCampaignStatus } from './campaign-status.js'
export {
  type CampaignAgent,
  CampaignIdTaken,
  CampaignStore,
  CampaignStoreError,
  type CampaignStoreService,
} from './campaign-store.js'
export { CampaignSettings, CampaignsConfig, type CampaignsConfigService } from './campaigns-config.js'
export { createCampaign } from './create-campaign.js'
export { CampaignAgentRefused, InvalidCampaign, UnknownCampaign } from './errors.js'
export type {
  CampaignAgentsChanged,
  CampaignCreated,
  CampaignEvent,
  CampaignStatusChanged,
  CampaignUpdated,
} from './events.js'
export type { AbandonWindow, PacedAgent, Pacer, PacingObservation, PacingSnapshot } from './pacer.js'
export {
  type RecentRate,
  type RecentValues,
  recentRate,
  recentValues,
} from './pacing/estimators.js'
export { type PredictiveOptions, predictivePacer } from './pacing/predictive.js'
export { progressivePacer } from './pacing/progressive.js'
export { updateCampaign } from './update-campaign.js'
