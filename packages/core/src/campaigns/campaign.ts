import { Schema } from 'effect'
import { QueueId } from '../kernel/ids.js'

/** A campaign: the queues the engine dials for a team of agents, and how. */
export const CampaignId = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
    message: () => 'campaign id must be 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
  }),
  Schema.brand('@ringlane/core/CampaignId'),
)
export type CampaignId = typeof CampaignId.Type

/**
 * preview: the agent sees the lead and dials (the browser places the call).
 * progressive: the engine places one call per free agent.
 * predictive: the engine dials ahead of agents freeing up, within an abandon budget.
 */
export const DialMode = Schema.Literal('preview', 'progressive', 'predictive')
export type DialMode = typeof DialMode.Type

/** What the engine does when asynchronous machine detection says a machine answered. */
export const AnsweringMachinePolicy = Schema.Literal('hang-up', 'leave-message', 'hand-to-agent')
export type AnsweringMachinePolicy = typeof AnsweringMachinePolicy.Type

/** A recorded message: text the provider speaks, or an https audio file it plays. */
export const CampaignMessage = Schema.Union(
  Schema.Struct({ say: Schema.Trim.pipe(Schema.nonEmptyString(), Schema.maxLength(1000)) }),
  Schema.Struct({ play: Schema.String.pipe(Schema.pattern(/^https:\/\/\S+$/)) }),
)
export type CampaignMessage = typeof CampaignMessage.Type

/**
 * The shape of a campaign. Field-level bounds live here; the bounds that depend on the campaign's
 * compliance profile (abandon cap, minimum ring) are checked where campaigns are saved.
 */
export const Campaign = Schema.Struct({
  id: CampaignId,
  name: Schema.Trim.pipe(
    Schema.nonEmptyString({ message: () => 'a campaign needs a name' }),
    Schema.maxLength(80),
  ),
  /** The queues it dials, in order of preference. */
  queues: Schema.NonEmptyArray(QueueId),
  dialMode: DialMode,
  /** Abandoned calls as a percent of live-answered calls the pacer aims for (below the profile's cap). */
  abandonTargetPercent: Schema.Number.pipe(Schema.between(0, 100)),
  /** Hours of the rolling window the target is measured over (24 for Ofcom, 720 for the FCC's 30 days). */
  abandonWindowHours: Schema.Int.pipe(Schema.between(1, 24 * 31)),
  /** Lines the engine may have in flight per free agent; 1 to 3 by default, up to 5 where allowed. */
  maxLinesPerAgent: Schema.Number.pipe(Schema.between(1, 5)),
  /** Below this many signed-in agents predictive falls back to progressive. */
  minAgentsForPredictive: Schema.Int.pipe(Schema.between(1, 1000)),
  /** The number the called person sees: E.164. */
  callerId: Schema.String.pipe(
    Schema.pattern(/^\+[1-9]\d{6,14}$/, { message: () => 'callerId must be an E.164 number' }),
  ),
  /** How long an unanswered call rings before the engine gives up; never under 15 s. */
  ringTimeoutSeconds: Schema.Int.pipe(Schema.between(15, 120)),
  answeringMachine: AnsweringMachinePolicy,
  /** Played when an answered person cannot be given an agent within 2 s. */
  abandonMessage: CampaignMessage,
  /** Left on an answering machine when the policy is `leave-message`. */
  machineMessage: Schema.optional(CampaignMessage),
  /** The compliance profile(s) whose rules apply, base first then overlays. */
  complianceProfiles: Schema.NonEmptyArray(Schema.String),
  /** Seconds of wrap-up after a call before the agent is made ready again; null keeps them in wrap-up. */
  wrapUpSeconds: Schema.NullOr(Schema.Int.pipe(Schema.between(0, 3600))),
  status: Schema.Literal('active', 'paused'),
})
export type Campaign = typeof Campaign.Type
export type CampaignInput = typeof Campaign.Encoded
