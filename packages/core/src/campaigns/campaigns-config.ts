import { Context, Schema } from 'effect'

/** The house limits on campaigns, in `createRinglane`'s settings. Every field has a default. */
export const CampaignSettings = Schema.Struct({
  /**
   * The most lines per agent a campaign may set: 3 by default; up to 5 for teams whose traffic
   * (low answer rates, short calls) needs it and whose abandon budget allows.
   */
  linesPerAgentLimit: Schema.optionalWith(
    Schema.Int.pipe(Schema.between(1, 5, { message: () => 'linesPerAgentLimit must be 1 to 5' })),
    { default: () => 3 },
  ),
})
export type CampaignSettings = typeof CampaignSettings.Type

/** What saving a campaign checks against besides its profiles: the configured queues and the limits. */
export interface CampaignsConfigService {
  /** The ids of the queues the dialler was configured with; a campaign dials only these. */
  readonly queueIds: ReadonlyArray<string>
  readonly linesPerAgentLimit: number
}

export class CampaignsConfig extends Context.Tag('@ringlane/core/CampaignsConfig')<
  CampaignsConfig,
  CampaignsConfigService
>() {}
