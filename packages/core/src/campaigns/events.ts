import type { AgentId } from '../kernel/ids.js'
import type { CampaignId, CampaignStatus } from './campaign.js'

/** A supervisor created a campaign. */
export interface CampaignCreated {
  readonly _tag: 'CampaignCreated'
  readonly at: Date
  readonly campaignId: CampaignId
  readonly actor: string
}

/** A supervisor changed a campaign's settings; `fields` names those whose value changed. */
export interface CampaignUpdated {
  readonly _tag: 'CampaignUpdated'
  readonly at: Date
  readonly campaignId: CampaignId
  readonly fields: ReadonlyArray<string>
  readonly actor: string
}

/** A campaign was paused or resumed: the engine stops or starts dialling it. */
export interface CampaignStatusChanged {
  readonly _tag: 'CampaignStatusChanged'
  readonly at: Date
  readonly campaignId: CampaignId
  readonly from: CampaignStatus
  readonly to: CampaignStatus
  readonly actor: string
}

/** An agent joined or left a campaign. */
export interface CampaignAgentsChanged {
  readonly _tag: 'CampaignAgentsChanged'
  readonly at: Date
  readonly campaignId: CampaignId
  readonly agentId: AgentId
  readonly change: 'joined' | 'left'
  readonly actor: string
}

export type CampaignEvent = CampaignCreated | CampaignUpdated | CampaignStatusChanged | CampaignAgentsChanged
