import type { CampaignInput } from '../../campaigns/campaign.js'
import { storedCampaign } from '../../testing/campaign-fixtures.js'

/** A progressive campaign under Ofcom's rules, for the engine's tests; `fields` change it. */
export const testCampaign = (fields: Partial<CampaignInput> = {}) =>
  storedCampaign({
    callerId: '+441632960002',
    abandonMessage: { say: 'Sorry, nobody is free.' },
    wrapUpSeconds: null,
    ...fields,
  })
