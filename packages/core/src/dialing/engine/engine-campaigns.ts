import { Context, type Effect } from 'effect'
import type { Campaign } from '../../campaigns/campaign.js'
import type { AgentId } from '../../kernel/ids.js'

/** A campaign as the engine runs it: its settings and the agents who joined it. */
export interface EngineCampaign {
  readonly campaign: Campaign
  readonly agents: ReadonlyArray<AgentId>
}

/**
 * Where the engine reads the campaigns to run, every round (so a pause or a new agent takes effect
 * within a second). The seam to campaign storage: a layer over the campaign store provides it, or
 * the app gives fixed values.
 */
export class EngineCampaigns extends Context.Tag('@ringlane/core/EngineCampaigns')<
  EngineCampaigns,
  { readonly campaigns: Effect.Effect<ReadonlyArray<EngineCampaign>> }
>() {}

/** Detection is only worth its delay when a machine is treated differently from a person. */
export const detectsMachines = (campaign: Campaign) => campaign.answeringMachine !== 'hand-to-agent'

/** The campaigns the engine dials for: active, and not preview (there the agent's browser dials). */
export const dialledByEngine = (campaign: Campaign) =>
  campaign.status === 'active' && campaign.dialMode !== 'preview'
