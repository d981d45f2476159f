import { Context, Schema } from 'effect'

const clock = Schema.String.pipe(
  Schema.pattern(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, {
    message: () => 'a time of day must be HH:MM, e.g. 08:00',
  }),
)

/** When and how often a lead may be called. Every field has a default. */
export const ContactRules = Schema.Struct({
  maxAttemptsPerDay: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100)), { default: () => 3 }),
  maxAttemptsTotal: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 10_000)), { default: () => 15 }),
  /**
   * Calls are placed only between these times in the lead's local time (their number's region); null
   * turns the check off.
   */
  callingWindow: Schema.optionalWith(Schema.NullOr(Schema.Struct({ start: clock, end: clock })), {
    default: () => ({ start: '08:00', end: '21:00' }),
  }),
  /** Time zones for regions, for the calling window; others use `fallbackTimeZone`. */
  timeZoneByRegion: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), {
    default: () => ({
      GB: 'Europe/London',
      IE: 'Europe/Dublin',
      GG: 'Europe/Guernsey',
      JE: 'Europe/Jersey',
      IM: 'Europe/Isle_of_Man',
    }),
  }),
  fallbackTimeZone: Schema.optionalWith(Schema.String, { default: () => 'Europe/London' }),
})
export type ContactRules = typeof ContactRules.Type

/** The checked contact rules the pre-call checks read. */
export class ComplianceConfig extends Context.Tag('@ringlane/core/ComplianceConfig')<
  ComplianceConfig,
  ContactRules
>() {}

export type ContactRefusalCode = 'daily_attempt_cap' | 'total_attempt_cap' | 'outside_calling_window'

export interface ContactRefusal {
  readonly code: ContactRefusalCode
  /** For the agent: what is wrong and, where it helps, when to try again. */
  readonly message: string
}

/** Minutes past midnight in the zone, for the calling window. */
const localMinutes = (now: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return part('hour') * 60 + part('minute')
}
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))

/** Refuses a call outside the calling window in the lead's zone (from their number's region). */
export const callingWindowRefusal = (
  rules: ContactRules,
  region: string | undefined,
  now: Date,
): ContactRefusal | undefined => {
  const window = rules.callingWindow
  if (!window) return undefined
  const zone = (region && rules.timeZoneByRegion[region]) || rules.fallbackTimeZone
  const local = localMinutes(now, zone)
  if (local >= minutesOf(window.start) && local < minutesOf(window.end)) return undefined
  return {
    code: 'outside_calling_window',
    message: `It is outside calling hours (${window.start}–${window.end}) where this person lives (${zone})`,
  }
}

/** The attempts a lead has had so far (the contact history's counts). */
export interface AttemptCounts {
  readonly attemptsTotal: number
  readonly attemptsToday: number
  /** The UTC day `attemptsToday` counts, `YYYY-MM-DD`. */
  readonly attemptsDay: string | null
}

/** Refuses a call over the daily or total attempt cap. */
export const attemptCapRefusals = (
  rules: ContactRules,
  activity: AttemptCounts | null,
  now: Date,
): ReadonlyArray<ContactRefusal> => {
  if (!activity) return []
  const refusals: ContactRefusal[] = []
  const today = now.toISOString().slice(0, 10)
  if (activity.attemptsDay === today && activity.attemptsToday >= rules.maxAttemptsPerDay) {
    refusals.push({
      code: 'daily_attempt_cap',
      message: `Already called ${activity.attemptsToday} times today (limit ${rules.maxAttemptsPerDay})`,
    })
  }
  if (activity.attemptsTotal >= rules.maxAttemptsTotal) {
    refusals.push({
      code: 'total_attempt_cap',
      message: `Already called ${activity.attemptsTotal} times (limit ${rules.maxAttemptsTotal})`,
    })
  }
  return refusals
}
