import { Schema } from 'effect'
import { Campaign, type CampaignInput } from '../../campaigns/campaign.js'

/** A progressive campaign under Ofcom's rules, for the engine's tests; `fields` change it. */
export const testCampaign = (fields: Partial<CampaignInput> = {}) =>
  Schema.decodeUnknownSync(Campaign)({
    id: 'renewals',
    name: 'Renewals',
    queues: ['unsigned'],
    dialMode: 'progressive',
    abandonTargetPercent: 2.5,
    abandonWindowHours: 24,
    maxLinesPerAgent: 1,
    minAgentsForPredictive: 5,
    callerId: '+441632960002',
    ringTimeoutSeconds: 20,
    answeringMachine: 'hang-up',
    abandonMessage: { say: 'Sorry, nobody is free.' },
    complianceProfiles: ['uk-ofcom'],
    wrapUpSeconds: null,
    status: 'active',
    ...fields,
  })
