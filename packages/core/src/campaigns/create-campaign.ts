import { Effect } from 'effect'
import { ComplianceConfig } from '../compliance/contact-rules.js'
import { decodeWith } from '../kernel/decode.js'
import { type Campaign, NewCampaign } from './campaign.js'
import { checkCampaign } from './campaign-bounds.js'
import { auditValue, changeActor, now, recordChange } from './campaign-changes.js'
import { CampaignStore } from './campaign-store.js'
import { CampaignsConfig } from './campaigns-config.js'
import { InvalidCampaign } from './errors.js'
import type { CampaignCreated } from './events.js'

const decodeNewCampaign = decodeWith(NewCampaign, (issue) => new InvalidCampaign(issue))

/** The settings a compliance officer looks for in the audit log, as they were saved. */
export const auditedFields = [
  'dialMode',
  'queues',
  'abandonTargetPercent',
  'abandonWindowHours',
  'maxLinesPerAgent',
  'ringTimeoutSeconds',
  'answeringMachine',
  'callerId',
  'complianceProfiles',
] as const satisfies ReadonlyArray<keyof Campaign>

/**
 * Saves a new campaign once it is inside the bounds of its profiles and the house settings; any
 * refusal names the field and writes nothing. Audited and published as `CampaignCreated`.
 */
export const createCampaign = (input: NewCampaign, actor?: string) =>
  Effect.gen(function* () {
    const decoded = yield* decodeNewCampaign(input)
    const by = yield* changeActor(actor)
    const campaign = yield* checkCampaign(decoded, yield* CampaignsConfig, yield* ComplianceConfig)
    const at = yield* now
    const saved = yield* Effect.flatMap(CampaignStore, (store) => store.create(campaign, at))
    yield* recordChange({
      actor: by,
      action: 'campaign.created',
      campaignId: saved.id,
      at,
      detail: Object.fromEntries(auditedFields.map((field) => [field, auditValue(saved[field])])),
      event: { _tag: 'CampaignCreated', at, campaignId: saved.id, actor: by } satisfies CampaignCreated,
    })
    return saved
  })
