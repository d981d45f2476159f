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
).annotations({
  message: () => ({
    message: 'a message is { say: text of 1 to 1000 characters } or { play: an https:// audio link }',
    override: true,
  }),
})
export type CampaignMessage = typeof CampaignMessage.Type

/** A list with at least one item; an empty one is refused as the list's own field, with `message`. */
const nonEmpty = <A, I>(item: Schema.Schema<A, I>, message: string) =>
  Schema.Array(item).pipe(
    Schema.filter((items): items is readonly [A, ...A[]] => items.length > 0, { message: () => message }),
  )

/** An active campaign is dialled; a paused one is not (its agents stay joined). */
export const CampaignStatus = Schema.Literal('active', 'paused')
export type CampaignStatus = typeof CampaignStatus.Type

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
  queues: nonEmpty(QueueId, 'a campaign dials at least one queue'),
  dialMode: DialMode,
  /** Abandoned calls as a percent of live-answered calls the pacer aims for (below the profile's cap). */
  abandonTargetPercent: Schema.Number.pipe(
    Schema.between(0, 100, { message: () => 'the abandon target is a percent from 0 to 100' }),
  ),
  /** Hours of the rolling window the target is measured over (24 for Ofcom, 720 for the FCC's 30 days). */
  abandonWindowHours: Schema.Int.pipe(
    Schema.between(1, 24 * 31, { message: () => 'the window is a whole number of hours from 1 to 744' }),
  ),
  /**
   * Lines the engine may have in flight per free agent; 1 to 3 by default, up to 5 where the
   * `linesPerAgentLimit` setting allows. A fraction (1.5) caps the pacer between whole lines.
   */
  maxLinesPerAgent: Schema.Number.pipe(
    Schema.between(1, 5, { message: () => 'lines per agent must be from 1 to 5' }),
  ),
  /** Below this many signed-in agents predictive falls back to progressive. */
  minAgentsForPredictive: Schema.Int.pipe(
    Schema.between(1, 1000, { message: () => 'a whole number of agents from 1 to 1000' }),
  ),
  /** The number the called person sees: E.164. */
  callerId: Schema.String.pipe(
    Schema.pattern(/^\+[1-9]\d{6,14}$/, { message: () => 'callerId must be an E.164 number' }),
  ),
  /** How long an unanswered call rings before the engine gives up; never under 15 s. */
  ringTimeoutSeconds: Schema.Int.pipe(
    Schema.between(15, 120, {
      message: () => 'the ring timeout is a whole number of seconds from 15 (the legal minimum ring) to 120',
    }),
  ),
  answeringMachine: AnsweringMachinePolicy,
  /** Played when an answered person cannot be given an agent within 2 s. */
  abandonMessage: CampaignMessage,
  /** Left on an answering machine when the policy is `leave-message`. */
  machineMessage: Schema.optional(CampaignMessage),
  /** The compliance profile(s) whose rules apply, base first then overlays. */
  complianceProfiles: nonEmpty(Schema.String, 'name at least one compliance profile, e.g. uk-ofcom'),
  /** Seconds of wrap-up after a call before the agent is made ready again; null keeps them in wrap-up. */
  wrapUpSeconds: Schema.NullOr(
    Schema.Int.pipe(Schema.between(0, 3600, { message: () => 'wrap-up is 0 to 3600 seconds, or none' })),
  ),
  status: CampaignStatus,
  /**
   * Blending: the campaign's agents take a waiting live call (routing's queues) before the engine
   * dials for them. Off unless set.
   */
  inboundFirst: Schema.optionalWith(Schema.Boolean, { default: () => false }),
})
export type Campaign = typeof Campaign.Type
export type CampaignInput = typeof Campaign.Encoded

/** A new campaign as a supervisor fills it in: every field but the status, which starts `active`. */
export const NewCampaign = Schema.Struct({
  ...Campaign.fields,
  status: Schema.optionalWith(CampaignStatus, { exact: true, default: () => 'active' as const }),
})
export type NewCampaign = typeof NewCampaign.Encoded

const edit = <S extends Schema.Schema.Any>(field: S) => Schema.optionalWith(field, { exact: true })
const f = Campaign.fields

/**
 * What a supervisor may change on a campaign: any field but its id and status (pause and resume
 * change the status). `machineMessage: null` removes the machine message.
 */
export const CampaignChanges = Schema.Struct({
  name: edit(f.name),
  queues: edit(f.queues),
  dialMode: edit(f.dialMode),
  abandonTargetPercent: edit(f.abandonTargetPercent),
  abandonWindowHours: edit(f.abandonWindowHours),
  maxLinesPerAgent: edit(f.maxLinesPerAgent),
  minAgentsForPredictive: edit(f.minAgentsForPredictive),
  callerId: edit(f.callerId),
  ringTimeoutSeconds: edit(f.ringTimeoutSeconds),
  answeringMachine: edit(f.answeringMachine),
  abandonMessage: edit(f.abandonMessage),
  machineMessage: edit(Schema.NullOr(CampaignMessage)),
  complianceProfiles: edit(f.complianceProfiles),
  wrapUpSeconds: edit(f.wrapUpSeconds),
  inboundFirst: edit(Schema.Boolean),
})
export type CampaignChanges = typeof CampaignChanges.Encoded
