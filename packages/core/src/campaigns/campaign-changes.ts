import { Clock, Effect, Option, Schema } from 'effect'
import { activeAgentIfStored } from '../agents/active-agent.js'
import { AuditLog } from '../audit/audit-log.js'
import { decodeWith } from '../kernel/decode.js'
import { type DomainEvent, publish } from '../kernel/events.js'
import { AgentId } from '../kernel/ids.js'
import { CampaignId } from './campaign.js'
import { CampaignStore } from './campaign-store.js'
import { InvalidCampaign, UnknownCampaign } from './errors.js'

export const decodeCampaignId = decodeWith(
  CampaignId,
  (issue) => new InvalidCampaign({ field: 'campaignId', message: `campaignId: ${issue.message}` }),
)

const decodeActor = decodeWith(
  AgentId,
  () =>
    new InvalidCampaign({
      field: 'actor',
      message: 'actor: must be the id (a UUID) of the agent making the change',
    }),
)

/**
 * Who makes a change, for the audit log: an active agent's id (a supervisor, as the app passes it),
 * or `system` when none is given.
 */
export const changeActor = (actor: string | undefined) =>
  actor === undefined
    ? Effect.succeed('system')
    : Effect.gen(function* () {
        const id = yield* decodeActor(actor)
        yield* activeAgentIfStored(id)
        return id as string
      })

/** The error for a campaign id no campaign has (or has any more). */
export const unknownCampaign = (campaignId: string) =>
  new UnknownCampaign({
    field: 'campaignId',
    campaignId,
    message: `campaignId: there is no campaign "${campaignId}"`,
  })

/** The campaign with this id (from outside), or `UnknownCampaign`. */
export const existingCampaign = (campaignId: string) =>
  Effect.gen(function* () {
    const id = yield* decodeCampaignId(campaignId)
    const found = yield* Effect.flatMap(CampaignStore, (store) => store.find(id))
    if (Option.isNone(found)) return yield* unknownCampaign(campaignId)
    return found.value
  })

export const now = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms))

/**
 * Records a change made to a campaign: an audit entry (who, what, which campaign, the new values)
 * and the domain event, once the store has it.
 */
export const recordChange = <Event extends DomainEvent>(change: {
  readonly actor: string
  readonly action: string
  readonly campaignId: string
  readonly at: Date
  readonly detail: Readonly<Record<string, string | number | boolean | null>>
  readonly event: Event
}) =>
  Effect.gen(function* () {
    const audit = yield* AuditLog
    yield* audit.record({
      actor: change.actor,
      action: change.action,
      subject: `campaign:${change.campaignId}`,
      detail: change.detail,
      at: change.at,
    })
    yield* publish(change.event)
  })

/** A value as an audit detail: scalars as they are, lists joined, messages only as changed. */
export const auditValue = (value: unknown): string | number | boolean | null => {
  if (value === undefined || value === null) return null
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value
  if (Array.isArray(value)) return value.join(',')
  return Schema.is(Schema.Struct({ say: Schema.String }))(value) ? 'spoken message' : 'audio message'
}
