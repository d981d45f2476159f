import { Effect } from 'effect'
import { ComplianceConfig } from '../compliance/contact-rules.js'
import { decodeWith } from '../kernel/decode.js'
import { type Campaign, CampaignChanges } from './campaign.js'
import { checkCampaign } from './campaign-bounds.js'
import {
  auditValue,
  changeActor,
  existingCampaign,
  now,
  recordChange,
  unknownCampaign,
} from './campaign-changes.js'
import { CampaignStore } from './campaign-store.js'
import { CampaignsConfig } from './campaigns-config.js'
import { InvalidCampaign } from './errors.js'
import type { CampaignUpdated } from './events.js'

const decodeChanges = decodeWith(CampaignChanges, (issue) => new InvalidCampaign(issue))

// Fields are scalars, lists and one-key messages: their JSON is the same when they are.
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * A supervisor's edit: the changed fields over the campaign as it is, checked whole against its
 * profiles (a new profile can make the old target too high). The id and status are not edited here
 * (pause and resume change the status). An edit that changes nothing writes nothing.
 */
export const updateCampaign = (campaignId: string, changes: CampaignChanges, actor?: string) =>
  Effect.gen(function* () {
    for (const fixed of ['id', 'status'] as const) {
      if (typeof changes === 'object' && changes !== null && Object.hasOwn(changes, fixed))
        return yield* new InvalidCampaign({
          field: fixed,
          message:
            fixed === 'id'
              ? 'id: a campaign keeps its id; create another campaign instead'
              : 'status: pause or resume the campaign instead',
        })
    }
    const valid = yield* decodeChanges(changes)
    if (Object.keys(valid).length === 0)
      return yield* new InvalidCampaign({
        field: 'changes',
        message: `changes: name the fields to change (${Object.keys(CampaignChanges.fields).join(', ')})`,
      })
    const by = yield* changeActor(actor)
    const current = yield* existingCampaign(campaignId)
    const { machineMessage, ...rest } = valid
    const { machineMessage: _old, ...kept } = current
    const merged: Campaign = {
      ...kept,
      ...rest,
      ...(machineMessage === undefined
        ? current.machineMessage === undefined
          ? {}
          : { machineMessage: current.machineMessage }
        : machineMessage === null
          ? {}
          : { machineMessage }),
    }
    const campaign = yield* checkCampaign(merged, yield* CampaignsConfig, yield* ComplianceConfig)
    const fields = (Object.keys(CampaignChanges.fields) as Array<keyof Campaign>).filter(
      (field) => !same(current[field], campaign[field]),
    )
    if (fields.length === 0) return current
    const at = yield* now
    const saved = yield* Effect.flatMap(CampaignStore, (store) => store.update(campaign, at))
    // Deleted meanwhile: nothing was written.
    if (saved._tag === 'None') return yield* unknownCampaign(campaignId)
    yield* recordChange({
      actor: by,
      action: 'campaign.updated',
      campaignId: current.id,
      at,
      detail: {
        fields: fields.join(','),
        ...Object.fromEntries(fields.map((field) => [field, auditValue(saved.value[field])])),
      },
      event: {
        _tag: 'CampaignUpdated',
        at,
        campaignId: current.id,
        fields,
        actor: by,
      } satisfies CampaignUpdated,
    })
    return saved.value
  })
