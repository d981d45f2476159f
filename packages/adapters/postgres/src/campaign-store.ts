import { type Agents, Campaigns } from '@ringlane/core'
import { Effect, Either, Option, ParseResult, Schema } from 'effect'
import type { Kysely, Selectable } from 'kysely'
import { attemptWith, isUniqueViolation, isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

type CampaignRow = Selectable<DiallerDatabase['campaigns']>
type Campaign = Campaigns.Campaign

const attempt = attemptWith(Campaigns.CampaignStoreError, 'campaign store')
const decodeCampaign = Schema.decodeUnknownEither(Campaigns.Campaign)

// A row is decoded like any outside input: one edited by hand into nonsense fails loudly here rather
// than steering the engine.
const toCampaign = (row: CampaignRow): Campaign => {
  const decoded = decodeCampaign({
    id: row.id,
    name: row.name,
    queues: row.queues,
    dialMode: row.dial_mode,
    abandonTargetPercent: row.abandon_target_percent,
    abandonWindowHours: row.abandon_window_hours,
    maxLinesPerAgent: row.max_lines_per_agent,
    minAgentsForPredictive: row.min_agents_for_predictive,
    callerId: row.caller_id,
    ringTimeoutSeconds: row.ring_timeout_seconds,
    answeringMachine: row.answering_machine,
    abandonMessage: row.abandon_message,
    ...(row.machine_message == null ? {} : { machineMessage: row.machine_message }),
    complianceProfiles: row.compliance_profiles,
    wrapUpSeconds: row.wrap_up_seconds,
    status: row.status,
    inboundFirst: row.inbound_first,
  })
  if (Either.isLeft(decoded))
    throw new Error(
      `campaign ${row.id} is stored wrongly: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`,
    )
  return decoded.right
}

/** The columns a campaign's settings go in (everything but its id, status and times). */
const settingsOf = (campaign: Campaign) => ({
  name: campaign.name,
  queues: [...campaign.queues],
  dial_mode: campaign.dialMode,
  abandon_target_percent: campaign.abandonTargetPercent,
  abandon_window_hours: campaign.abandonWindowHours,
  max_lines_per_agent: campaign.maxLinesPerAgent,
  min_agents_for_predictive: campaign.minAgentsForPredictive,
  caller_id: campaign.callerId,
  ring_timeout_seconds: campaign.ringTimeoutSeconds,
  answering_machine: campaign.answeringMachine,
  abandon_message: JSON.stringify(campaign.abandonMessage),
  machine_message: campaign.machineMessage === undefined ? null : JSON.stringify(campaign.machineMessage),
  compliance_profiles: [...campaign.complianceProfiles],
  wrap_up_seconds: campaign.wrapUpSeconds,
  inbound_first: campaign.inboundFirst,
})

const toMember = (row: Selectable<DiallerDatabase['campaign_agents']>): Campaigns.CampaignAgent => ({
  campaignId: row.campaign_id as Campaigns.CampaignId,
  agentId: row.agent_id as Agents.AgentId,
  joinedAt: new Date(row.joined_at),
})

/** Campaigns over a Kysely instance on Postgres or PGlite whose schema is migrated. */
export const campaignStore = (db: Kysely<DiallerDatabase>): Campaigns.CampaignStoreService => ({
  create: (campaign, at) =>
    Effect.tryPromise({
      try: async () =>
        toCampaign(
          await db
            .insertInto('campaigns')
            .values({
              id: campaign.id,
              ...settingsOf(campaign),
              status: campaign.status,
              created_at: at,
              updated_at: at,
            })
            .returningAll()
            .executeTakeFirstOrThrow(),
        ),
      catch: (cause) =>
        isUniqueViolation(cause, 'campaigns_pkey')
          ? new Campaigns.CampaignIdTaken({
              field: 'id',
              campaignId: campaign.id,
              message: `id: a campaign "${campaign.id}" already exists; choose another id`,
            })
          : new Campaigns.CampaignStoreError({
              operation: 'create a campaign',
              message: `The campaign store could not create a campaign: ${cause instanceof Error ? cause.message : String(cause)}`,
              cause,
            }),
    }),

  update: (campaign, at) =>
    attempt('update a campaign', async () =>
      Option.fromNullable(
        await db
          .updateTable('campaigns')
          .set({ ...settingsOf(campaign), updated_at: at })
          .where('id', '=', campaign.id)
          .returningAll()
          .executeTakeFirst(),
      ).pipe(Option.map(toCampaign)),
    ),

  find: (campaignId) =>
    attempt('find a campaign', async () =>
      Option.fromNullable(
        await db.selectFrom('campaigns').selectAll().where('id', '=', campaignId).executeTakeFirst(),
      ).pipe(Option.map(toCampaign)),
    ),

  list: () =>
    attempt('list campaigns', async () =>
      (await db.selectFrom('campaigns').selectAll().orderBy('name').orderBy('id').execute()).map(toCampaign),
    ),

  setStatus: (campaignId, status, at) =>
    attempt('pause or resume a campaign', async () =>
      Option.fromNullable(
        await db
          .updateTable('campaigns')
          .set({ status, updated_at: at })
          .where('id', '=', campaignId)
          .returningAll()
          .executeTakeFirst(),
      ).pipe(Option.map(toCampaign)),
    ),

  join: (campaignId, agentId, at) =>
    attempt('add an agent to a campaign', async () => {
      const added = await db
        .insertInto('campaign_agents')
        .values({ campaign_id: campaignId, agent_id: agentId, joined_at: at })
        .onConflict((oc) => oc.columns(['campaign_id', 'agent_id']).doNothing())
        .executeTakeFirst()
      return Number(added.numInsertedOrUpdatedRows ?? 0) > 0
    }),

  leave: (campaignId, agentId) =>
    attempt('take an agent out of a campaign', async () => {
      if (!isUuid(agentId)) return false
      const removed = await db
        .deleteFrom('campaign_agents')
        .where('campaign_id', '=', campaignId)
        .where('agent_id', '=', agentId)
        .executeTakeFirst()
      return Number(removed.numDeletedRows) > 0
    }),

  campaignAgents: (campaignId) =>
    attempt("list a campaign's agents", async () =>
      (
        await db
          .selectFrom('campaign_agents')
          .selectAll()
          .where('campaign_id', '=', campaignId)
          .orderBy('joined_at')
          .orderBy('agent_id')
          .execute()
      ).map(toMember),
    ),

  agentCampaigns: (agentId) =>
    attempt("list an agent's campaigns", async () =>
      isUuid(agentId)
        ? (
            await db
              .selectFrom('campaign_agents')
              .selectAll()
              .where('agent_id', '=', agentId)
              .orderBy('campaign_id')
              .execute()
          ).map(toMember)
        : [],
    ),
})
