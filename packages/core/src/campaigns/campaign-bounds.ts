import { Either } from 'effect'
import { activeProfile, type ContactRules } from '../compliance/contact-rules.js'
import type { ComplianceProfile } from '../compliance/profiles.js'
import type { Campaign } from './campaign.js'
import type { CampaignsConfigService } from './campaigns-config.js'
import { InvalidCampaign } from './errors.js'

/** Regulators agree on 15 s as the shortest ring; no profile can lower it. */
export const MIN_RING_SECONDS = 15

/** The bounds a campaign's compliance profiles set, with the rules that set them. */
export interface CampaignBounds {
  /** The highest abandon target: the lowest cap among the abandon-rate rules; null when none sets one. */
  readonly maxAbandonPercent: number | null
  readonly abandonRule: string | null
  /** Each abandon-rate rule's period in hours; the campaign's window must divide every one. */
  readonly abandonPeriods: ReadonlyArray<{ readonly hours: number; readonly rule: string }>
  /** The window a new campaign starts with: the regulator's period (the shortest, with several). */
  readonly defaultWindowHours: number | null
  /** The shortest ring timeout: the longest minimum-ring rule, and never under 15 s. */
  readonly minRingSeconds: number
  readonly ringRule: string | null
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/** The bounds the profiles' abandon-rate and minimum-ring rules set, together (the strictest wins). */
export const campaignBounds = (profiles: ReadonlyArray<ComplianceProfile>): CampaignBounds => {
  let maxAbandonPercent: number | null = null
  let abandonRule: string | null = null
  let minRingSeconds = MIN_RING_SECONDS
  let ringRule: string | null = null
  const abandonPeriods: Array<{ hours: number; rule: string }> = []
  for (const rule of profiles.flatMap((profile) => profile.rules)) {
    if (rule.kind === 'abandon-rate') {
      abandonPeriods.push({ hours: rule.periodHours, rule: rule.id })
      if (maxAbandonPercent === null || rule.maxPercent < maxAbandonPercent) {
        maxAbandonPercent = rule.maxPercent
        abandonRule = rule.id
      }
    }
    if (rule.kind === 'minimum-ring' && rule.seconds > minRingSeconds) {
      minRingSeconds = rule.seconds
      ringRule = rule.id
    }
    if (rule.kind === 'minimum-ring' && ringRule === null) ringRule = rule.id
  }
  const defaultWindowHours =
    abandonPeriods.length === 0 ? null : abandonPeriods.map((p) => p.hours).reduce(gcd)
  return { maxAbandonPercent, abandonRule, abandonPeriods, defaultWindowHours, minRingSeconds, ringRule }
}

/**
 * The profiles a campaign names, base first then overlays, from the shipped ones and the settings'
 * own; a refusal names the entry of `complianceProfiles` that is wrong.
 */
export const campaignProfiles = (ids: ReadonlyArray<string>, rules: ContactRules) => {
  const [base = '', ...overlays] = ids
  return Either.mapBoth(activeProfile({ ...rules, complianceProfile: base, complianceOverlays: overlays }), {
    onLeft: ({ field, message }) => {
      // activeProfile names settings fields; a campaign names its own list's entries.
      const index = field === 'complianceProfile' ? 0 : Number(field.split('.')[1]) + 1
      const named = Number.isInteger(index) ? `complianceProfiles.${index}` : 'complianceProfiles'
      return new InvalidCampaign({
        field: named,
        message: `${named}: ${message.slice(message.indexOf(': ') + 2)}`,
      })
    },
    onRight: ({ profile, overlays }) => [profile, ...overlays],
  })
}

const refuse = (field: string, message: string, rule?: string | null) =>
  Either.left(new InvalidCampaign({ field, message: `${field}: ${message}`, ...(rule ? { rule } : {}) }))

/**
 * Checks a campaign whose fields are each well formed against what they mean together: its queues
 * are configured, its profiles known, and its abandon target, window, ring timeout and lines per agent
 * inside the bounds its profiles and the house settings set.
 */
export const checkCampaign = (
  campaign: Campaign,
  config: CampaignsConfigService,
  rules: ContactRules,
): Either.Either<Campaign, InvalidCampaign> => {
  const profiles = campaignProfiles(campaign.complianceProfiles, rules)
  if (Either.isLeft(profiles)) return Either.left(profiles.left)
  const seen = new Set<string>()
  for (const [index, queue] of campaign.queues.entries()) {
    if (!config.queueIds.includes(queue))
      return refuse(
        `queues.${index}`,
        `no queue "${queue}" is configured (configured: ${config.queueIds.join(', ') || 'none'})`,
      )
    if (seen.has(queue)) return refuse(`queues.${index}`, `queue "${queue}" is listed twice`)
    seen.add(queue)
  }
  const bounds = campaignBounds(profiles.right)
  if (bounds.maxAbandonPercent !== null && campaign.abandonTargetPercent > bounds.maxAbandonPercent)
    return refuse(
      'abandonTargetPercent',
      `${campaign.abandonTargetPercent}% is above the ${bounds.maxAbandonPercent}% cap of ${bounds.abandonRule}; aim at or below it`,
      bounds.abandonRule,
    )
  for (const period of bounds.abandonPeriods) {
    if (period.hours % campaign.abandonWindowHours !== 0)
      return refuse(
        'abandonWindowHours',
        `${period.rule} measures over ${period.hours} hours: use ${period.hours} or a shorter window that divides it (a stricter one)`,
        period.rule,
      )
  }
  if (campaign.ringTimeoutSeconds < bounds.minRingSeconds)
    return refuse(
      'ringTimeoutSeconds',
      `an unanswered call must ring at least ${bounds.minRingSeconds} seconds${bounds.ringRule ? ` (${bounds.ringRule})` : ''}`,
      bounds.ringRule,
    )
  if (campaign.maxLinesPerAgent > config.linesPerAgentLimit)
    return refuse(
      'maxLinesPerAgent',
      `at most ${config.linesPerAgentLimit} lines per agent are allowed here (the linesPerAgentLimit setting)`,
    )
  if (campaign.answeringMachine === 'leave-message' && campaign.machineMessage === undefined)
    return refuse('machineMessage', 'leaving a message on answering machines needs the message to leave')
  return Either.right(campaign)
}
