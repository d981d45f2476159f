import { Schema } from 'effect'

/**
 * A campaign that cannot be saved as given: a field out of its bounds, or out of the bounds its
 * compliance profiles set (`rule` names the profile's rule). Nothing was written.
 */
export class InvalidCampaign extends Schema.TaggedError<InvalidCampaign>()('InvalidCampaign', {
  field: Schema.String,
  message: Schema.String,
  rule: Schema.optional(Schema.String),
}) {}

export class UnknownCampaign extends Schema.TaggedError<UnknownCampaign>()('UnknownCampaign', {
  field: Schema.Literal('campaignId'),
  campaignId: Schema.String,
  message: Schema.String,
}) {}

/** This agent may not work this campaign (unknown, deactivated, not an agent, or not on its queues). */
export class CampaignAgentRefused extends Schema.TaggedError<CampaignAgentRefused>()('CampaignAgentRefused', {
  field: Schema.Literal('agentId'),
  agentId: Schema.String,
  reason: Schema.Literal('unknown', 'inactive', 'not-an-agent', 'other-queues'),
  message: Schema.String,
}) {}
