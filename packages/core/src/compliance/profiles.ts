import { Schema } from 'effect'
import { isTimeZone, minutesOf } from './local-time.js'

/** Where a rule comes from: the text a compliance officer can look up. Every rule must have one. */
export const RuleSource = Schema.Struct({
  /** The instrument and paragraph, e.g. `47 CFR 64.1200(c)(1)`. */
  citation: Schema.Trim.pipe(Schema.nonEmptyString({ message: () => 'a rule needs a citation' })),
  /** Where to read it. */
  url: Schema.String.pipe(
    Schema.pattern(/^https:\/\/\S+$/, { message: () => 'a source url must be an https:// address' }),
  ),
  /** The rule in the source's own words, where it is short enough to quote. */
  wording: Schema.optional(Schema.String),
})
export type RuleSource = typeof RuleSource.Type

const ClockTime = Schema.String.pipe(
  Schema.pattern(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, {
    message: () => 'a time of day must be HH:MM between 00:00 and 24:00, e.g. 08:00',
  }),
)

/** `start`–`end` in the lead's local time, on one calendar day: a window that crosses midnight is refused. */
export const CallingWindow = Schema.Struct({ start: ClockTime, end: ClockTime }).pipe(
  Schema.filter(
    (window) =>
      minutesOf(window.start) < minutesOf(window.end) || {
        path: ['end'],
        message: `a calling window must end after it starts on the same day (${window.start}–${window.end} crosses midnight or is empty); split it into two rules`,
      },
  ),
)
export type CallingWindow = typeof CallingWindow.Type

const Id = Schema.String.pipe(
  Schema.pattern(/^[a-z0-9]+([.-][a-z0-9]+)*$/, {
    message: () => 'an id is lowercase letters, digits, dots and dashes, e.g. us-tcpa.calling-hours',
  }),
)
const Count = Schema.Int.pipe(Schema.positive())
const Percent = Schema.Number.pipe(Schema.between(0, 100))

const rule = <Kind extends string, Fields extends Schema.Struct.Fields>(kind: Kind, fields: Fields) =>
  Schema.Struct({
    id: Id,
    kind: Schema.Literal(kind),
    /** What the rule asks, in a sentence for supervisors and the compliance report. */
    summary: Schema.Trim.pipe(Schema.nonEmptyString({ message: () => 'a rule needs a summary' })),
    source: RuleSource,
    ...fields,
  })

/**
 * One rule of a jurisdiction. The pre-dial decision checks calling windows, call frequency and the
 * redial rules; the others are data for the pacing, telephony and screening steps that enforce them.
 */
export const ComplianceRule = Schema.Union(
  /** Calls only inside this window in the called person's local time. */
  rule('calling-window', { window: CallingWindow }),
  /** No more than `maxCalls` calls to a lead within `days` consecutive local calendar days (today included). */
  rule('call-frequency', { maxCalls: Count, days: Count }),
  /** No call within `days` consecutive local calendar days after a conversation, that day counting as the first. */
  rule('quiet-after-conversation', { days: Count }),
  /** Abandoned calls as a share of live-answered calls, per campaign, over a rolling period. */
  rule('abandon-rate', {
    maxPercent: Percent,
    periodHours: Count,
    /** Calls answered by a person that the answering-machine detection wrongly called machines count as abandoned. */
    countsAmdFalsePositives: Schema.Boolean,
  }),
  /** When no agent is free for an answered call, a recorded message starts within this many seconds. */
  rule('no-agent-message', { withinSeconds: Count }),
  /** An unanswered call rings at least this long before the dialler gives up. */
  rule('minimum-ring', { seconds: Count }),
  /** After an abandoned call, the number is not called again within `hours` unless an agent is guaranteed. */
  rule('redial-after-abandon', { hours: Count }),
  /** After the answering-machine detection flagged a machine, not again the same local day unless an agent is guaranteed. */
  rule('redial-after-machine', { sameLocalDay: Schema.Literal(true) }),
  /** Every call presents a caller ID that can be called back. */
  rule('caller-id', {}),
  /** The number is screened against these registers, with a copy no older than `maxAgeDays`. */
  rule('list-screening', { lists: Schema.NonEmptyArray(Schema.String), maxAgeDays: Count }),
)
export type ComplianceRule = typeof ComplianceRule.Type
export type ComplianceRuleKind = ComplianceRule['kind']

/**
 * A jurisdiction's rules as versioned data. An overlay (e.g. `us-reg-f` for debt collection) adds its
 * rules to a base profile. Bump `version` when a rule's numbers change, so decisions say which applied.
 */
export const ComplianceProfile = Schema.Struct({
  id: Id,
  /** A date or a semver; decisions record it next to the rule ids. */
  version: Schema.Trim.pipe(Schema.nonEmptyString({ message: () => 'a profile needs a version' })),
  name: Schema.String,
  /** ISO 3166 regions the profile is written for (GB, US). */
  regions: Schema.Array(Schema.String.pipe(Schema.pattern(/^[A-Z]{2}$/))),
  overlay: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  rules: Schema.Array(ComplianceRule).pipe(
    Schema.filter((rules) => {
      const seen = new Set<string>()
      for (const [index, r] of rules.entries()) {
        if (seen.has(r.id)) return { path: [index, 'id'], message: `rule id "${r.id}" appears twice` }
        seen.add(r.id)
      }
      return true
    }),
  ),
})
export type ComplianceProfile = typeof ComplianceProfile.Type
export type ComplianceProfileInput = typeof ComplianceProfile.Encoded

/** An IANA zone name, checked against this runtime's tz database. */
export const TimeZoneName = Schema.String.pipe(
  Schema.filter((zone) => isTimeZone(zone) || `"${zone}" is not an IANA time zone, e.g. Europe/London`),
)
