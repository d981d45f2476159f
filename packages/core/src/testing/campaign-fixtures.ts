import { Schema } from 'effect'
import { Campaign, type CampaignInput, type NewCampaign } from '../campaigns/campaign.js'

/**
 * A new campaign as a supervisor fills it in: UK Ofcom, progressive, inside every bound the profile
 * sets (2.5 % under Ofcom's 3 % cap over its 24 hours, 20 s ring over its 15 s minimum). Tests change
 * only the fields they are about.
 */
export const newCampaignInput = (fields: Partial<NewCampaign> = {}): NewCampaign => ({
  id: 'renewals',
  name: 'Renewals',
  queues: ['unsigned'],
  dialMode: 'progressive',
  abandonTargetPercent: 2.5,
  abandonWindowHours: 24,
  maxLinesPerAgent: 1,
  minAgentsForPredictive: 5,
  callerId: '+441632960001',
  ringTimeoutSeconds: 20,
  answeringMachine: 'hang-up',
  abandonMessage: { say: 'Sorry we missed you. This was Acme on 0163 296 0001.' },
  complianceProfiles: ['uk-ofcom'],
  wrapUpSeconds: 30,
  ...fields,
})

/** The same campaign as the store holds it (checked, active): what the engine and the pages read. */
export const storedCampaign = (fields: Partial<CampaignInput> = {}): Campaign =>
  Schema.decodeUnknownSync(Campaign)({ ...newCampaignInput(), status: 'active', ...fields })
