import { Context, Layer } from 'effect'
import type { Campaign } from '../../campaigns/campaign.js'
import type { Pacer, PacingObservation } from '../../campaigns/pacer.js'
import { predictivePacer } from '../../campaigns/pacing/predictive.js'
import { progressivePacer } from '../../campaigns/pacing/progressive.js'

/**
 * The pacing strategy of each campaign this process runs, kept between rounds (its estimates learn
 * from what it observes). Observations made by this process's webhooks reach it here.
 */
export interface EnginePacersService {
  readonly pacerFor: (campaign: Campaign) => Pacer
  readonly observe: (campaignId: string, observation: PacingObservation) => void
}

export class EnginePacers extends Context.Tag('@ringlane/core/EnginePacers')<
  EnginePacers,
  EnginePacersService
>() {}

/** The campaign's own dial mode: predictive dials ahead of agents, progressive one line per free agent. */
export const pacerForMode = (campaign: Campaign): Pacer =>
  campaign.dialMode === 'predictive' ? predictivePacer() : progressivePacer()

/**
 * Pacers made on first use per campaign by `strategy` (the campaign's dial mode by default). A
 * campaign whose mode changes gets a new pacer.
 */
export const enginePacers = (strategy: (campaign: Campaign) => Pacer = pacerForMode): EnginePacersService => {
  const pacers = new Map<string, { readonly mode: Campaign['dialMode']; readonly pacer: Pacer }>()
  return {
    pacerFor: (campaign) => {
      const known = pacers.get(campaign.id)
      if (known && known.mode === campaign.dialMode) return known.pacer
      const pacer = strategy(campaign)
      pacers.set(campaign.id, { mode: campaign.dialMode, pacer })
      return pacer
    },
    observe: (campaignId, observation) => pacers.get(campaignId)?.pacer.observe(observation),
  }
}

export const enginePacersLayer = (strategy?: (campaign: Campaign) => Pacer) =>
  Layer.sync(EnginePacers, () => enginePacers(strategy))
