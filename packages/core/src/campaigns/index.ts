export {
  AnsweringMachinePolicy,
  Campaign,
  CampaignId,
  type CampaignInput,
  CampaignMessage,
  DialMode,
} from './campaign.js'
export type { AbandonWindow, PacedAgent, Pacer, PacingObservation, PacingSnapshot } from './pacer.js'
export { progressivePacer } from './pacing/progressive.js'
