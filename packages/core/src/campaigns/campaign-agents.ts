import { Effect, Option, Schema } from 'effect'
import { AgentStore } from '../agents/agent-store.js'
import { AgentId } from '../kernel/ids.js'
import { changeActor, existingCampaign, now, recordChange } from './campaign-changes.js'
import { CampaignStore } from './campaign-store.js'
import { CampaignAgentRefused } from './errors.js'
import type { CampaignAgentsChanged } from './events.js'

const refused = (agentId: string, reason: CampaignAgentRefused['reason'], why: string) =>
  new CampaignAgentRefused({ field: 'agentId', agentId, reason, message: `agentId: ${why}` })

const decodeAgent = (agentId: string) =>
  Schema.is(AgentId)(agentId)
    ? Effect.succeed(agentId)
    : Effect.fail(refused(agentId, 'unknown', 'must be the id (a UUID) of an agent'))

/**
 * Puts an agent in a campaign. Only an active account with the agent role (the desk that takes
 * calls is theirs) may join, and an agent who works named queues only a campaign dialling one of
 * them. Joining again changes nothing; the result says whether they joined now.
 */
export const joinCampaign = (campaignId: string, agentId: string, actor?: string) =>
  Effect.gen(function* () {
    const by = yield* changeActor(actor)
    const campaign = yield* existingCampaign(campaignId)
    const id = yield* decodeAgent(agentId)
    const found = yield* Effect.flatMap(AgentStore, (store) => store.findAgent(id))
    if (Option.isNone(found)) return yield* refused(agentId, 'unknown', `there is no agent ${agentId}`)
    const agent = found.value
    if (!agent.active)
      return yield* refused(agentId, 'inactive', `${agent.displayName} is deactivated and cannot take calls`)
    if (agent.role !== 'agent')
      return yield* refused(
        agentId,
        'not-an-agent',
        `${agent.displayName} is a ${agent.role}; only accounts with the agent role take campaign calls`,
      )
    if (agent.queueIds.length > 0 && !campaign.queues.some((queue) => agent.queueIds.includes(queue)))
      return yield* refused(
        agentId,
        'other-queues',
        `${agent.displayName} works ${agent.queueIds.join(', ')}, none of which this campaign dials (${campaign.queues.join(', ')})`,
      )
    const at = yield* now
    const joined = yield* Effect.flatMap(CampaignStore, (store) => store.join(campaign.id, id, at))
    if (joined) yield* recordMembership('joined', campaign.id, id, by, at)
    return { campaignId: campaign.id, agentId: id, joined }
  })

/** Audits and publishes an agent joining or leaving a campaign. */
const recordMembership = (
  change: CampaignAgentsChanged['change'],
  campaignId: CampaignAgentsChanged['campaignId'],
  agentId: CampaignAgentsChanged['agentId'],
  actor: CampaignAgentsChanged['actor'],
  at: Date,
) =>
  recordChange({
    actor,
    action: change === 'joined' ? 'campaign.agent_joined' : 'campaign.agent_left',
    campaignId,
    at,
    detail: { agentId },
    event: {
      _tag: 'CampaignAgentsChanged',
      at,
      campaignId,
      agentId,
      change,
      actor,
    } satisfies CampaignAgentsChanged,
  })

/** Takes an agent out of a campaign (whatever their account is now); the result says whether they were in it. */
export const leaveCampaign = (campaignId: string, agentId: string, actor?: string) =>
  Effect.gen(function* () {
    const by = yield* changeActor(actor)
    const campaign = yield* existingCampaign(campaignId)
    const id = yield* decodeAgent(agentId)
    const at = yield* now
    const left = yield* Effect.flatMap(CampaignStore, (store) => store.leave(campaign.id, id))
    if (left) yield* recordMembership('left', campaign.id, id, by, at)
    return { campaignId: campaign.id, agentId: id, left }
  })

/** The campaign's agents, longest-joined first. */
export const campaignAgents = (campaignId: string) =>
  Effect.flatMap(existingCampaign(campaignId), (campaign) =>
    Effect.flatMap(CampaignStore, (store) => store.campaignAgents(campaign.id)),
  )

/** The campaigns an agent is in. */
export const agentCampaigns = (agentId: string) =>
  Effect.flatMap(decodeAgent(agentId), (id) =>
    Effect.flatMap(CampaignStore, (store) => store.agentCampaigns(id)),
  )
