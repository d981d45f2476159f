import { Context, type Effect, type Option, Schema } from 'effect'
import type { AgentId } from '../kernel/ids.js'
import type { Campaign, CampaignId, CampaignStatus } from './campaign.js'

/** The campaign store failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class CampaignStoreError extends Schema.TaggedError<CampaignStoreError>()('CampaignStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** A campaign with this id already exists. */
export class CampaignIdTaken extends Schema.TaggedError<CampaignIdTaken>()('CampaignIdTaken', {
  field: Schema.Literal('id'),
  campaignId: Schema.String,
  message: Schema.String,
}) {}

/** An agent in a campaign, and since when. */
export interface CampaignAgent {
  readonly campaignId: CampaignId
  readonly agentId: AgentId
  readonly joinedAt: Date
}

type Op<A> = Effect.Effect<A, CampaignStoreError>

/**
 * Campaigns and the agents who work them, shared by every app instance. The store keeps what it is
 * given: the programs in this folder check a campaign against its compliance profiles first.
 */
export interface CampaignStoreService {
  readonly create: (
    campaign: Campaign,
    at: Date,
  ) => Effect.Effect<Campaign, CampaignStoreError | CampaignIdTaken>
  /** Replaces every field but the status; none when there is no such campaign. */
  readonly update: (campaign: Campaign, at: Date) => Op<Option.Option<Campaign>>
  readonly find: (campaignId: CampaignId) => Op<Option.Option<Campaign>>
  /** Every campaign, by name (then id). */
  readonly list: () => Op<ReadonlyArray<Campaign>>
  /** Pauses or resumes; none when there is no such campaign. */
  readonly setStatus: (
    campaignId: CampaignId,
    status: CampaignStatus,
    at: Date,
  ) => Op<Option.Option<Campaign>>
  /** Adds the agent to the campaign; false when they were in it already (nothing changes). */
  readonly join: (campaignId: CampaignId, agentId: AgentId, at: Date) => Op<boolean>
  /** Takes the agent out of the campaign; false when they were not in it. */
  readonly leave: (campaignId: CampaignId, agentId: AgentId) => Op<boolean>
  /** The campaign's agents, longest-joined first. */
  readonly campaignAgents: (campaignId: CampaignId) => Op<ReadonlyArray<CampaignAgent>>
  /** The campaigns the agent is in, by campaign id. */
  readonly agentCampaigns: (agentId: AgentId) => Op<ReadonlyArray<CampaignAgent>>
}

export class CampaignStore extends Context.Tag('@ringlane/core/CampaignStore')<
  CampaignStore,
  CampaignStoreService
>() {}
