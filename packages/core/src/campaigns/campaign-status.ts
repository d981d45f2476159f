import { Effect, Option } from 'effect'
import type { CampaignStatus } from './campaign.js'
import { changeActor, existingCampaign, now, recordChange, unknownCampaign } from './campaign-changes.js'
import { CampaignStore } from './campaign-store.js'
import type { CampaignStatusChanged } from './events.js'

/**
 * Pauses or resumes a campaign: the engine stops or starts placing its calls (calls in flight
 * finish). Its agents stay joined. Asking for the status it has changes nothing.
 */
export const setCampaignStatus = (campaignId: string, status: CampaignStatus, actor?: string) =>
  Effect.gen(function* () {
    const by = yield* changeActor(actor)
    const current = yield* existingCampaign(campaignId)
    if (current.status === status) return current
    const at = yield* now
    const saved = yield* Effect.flatMap(CampaignStore, (store) => store.setStatus(current.id, status, at))
    if (Option.isNone(saved)) return yield* unknownCampaign(campaignId)
    yield* recordChange({
      actor: by,
      action: status === 'paused' ? 'campaign.paused' : 'campaign.resumed',
      campaignId: current.id,
      at,
      detail: { from: current.status, to: status },
      event: {
        _tag: 'CampaignStatusChanged',
        at,
        campaignId: current.id,
        from: current.status,
        to: status,
        actor: by,
      } satisfies CampaignStatusChanged,
    })
    return saved.value
  })
