import { Context, Effect, Layer } from 'effect'
import type { Campaign } from '../../campaigns/campaign.js'
import { CampaignStore } from '../../campaigns/campaign-store.js'
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

/**
 * The engine's campaigns read from the campaign store every round: the active campaigns it dials
 * for, with their agents. When the store cannot be read the round places nothing (and says so)
 * rather than dial on stale settings: a paused campaign must stop within a round.
 */
export const storedEngineCampaigns = Layer.effect(
  EngineCampaigns,
  Effect.map(CampaignStore, (store) => ({
    campaigns: store.list().pipe(
      Effect.map((campaigns) => campaigns.filter(dialledByEngine)),
      Effect.flatMap((campaigns) =>
        Effect.forEach(campaigns, (campaign) =>
          Effect.map(store.campaignAgents(campaign.id), (members) => ({
            campaign,
            agents: members.map((member) => member.agentId),
          })),
        ),
      ),
      Effect.catchAll((error) =>
        Effect.as(
          Effect.logWarning('engine: campaigns could not be read; no calls placed this round', error),
          [],
        ),
      ),
    ),
  })),
)
