import { Context, Either, Schema } from 'effect'
import { CallingWindow, ComplianceProfile, TimeZoneName } from './profiles.js'
import { shippedProfiles } from './shipped-profiles.js'

/**
 * When and how often a lead may be called, and which jurisdiction's rules apply. Every field has a
 * default. The house limits here (attempt caps, the calling window) apply on top of the profile's.
 */
export const ContactRules = Schema.Struct({
  /** Calls on one calendar day in the lead's local time. */
  maxAttemptsPerDay: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100)), { default: () => 3 }),
  maxAttemptsTotal: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 10_000)), { default: () => 15 }),
  /**
   * The house calling window in the lead's local time, on one calendar day (a window that crosses
   * midnight is refused); null turns it off. A profile's window (us-tcpa's 08:00–21:00) applies too.
   */
  callingWindow: Schema.optionalWith(Schema.NullOr(CallingWindow), {
    default: () => ({ start: '08:00', end: '21:00' }),
  }),
  /** One zone per region, for numbers that neither an address nor a North American area code places. */
  timeZoneByRegion: Schema.optionalWith(Schema.Record({ key: Schema.String, value: TimeZoneName }), {
    default: () => ({
      GB: 'Europe/London',
      IE: 'Europe/Dublin',
      GG: 'Europe/Guernsey',
      JE: 'Europe/Jersey',
      IM: 'Europe/Isle_of_Man',
    }),
  }),
  fallbackTimeZone: Schema.optionalWith(TimeZoneName, { default: () => 'Europe/London' }),
  /** The jurisdiction profile every dial is checked against: `uk-ofcom`, `us-tcpa` or one of yours. */
  complianceProfile: Schema.optionalWith(Schema.String, { default: () => 'uk-ofcom' }),
  /** Overlays added to it, e.g. `['us-reg-f']` for debt collection in the US. */
  complianceOverlays: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  /**
   * What the calls are for. `marketing` (the default): the profile's register screening applies (TPS
   * and CTPS, the US national registry), so a dial is refused when a register's copy is too old or
   * holds the number. `service`: calls about an existing relationship (a claim, an account), which
   * the registers do not cover; the internal do-not-call list and opt-outs still apply.
   */
  callPurpose: Schema.optionalWith(Schema.Literal('marketing', 'service'), { default: () => 'marketing' }),
  /**
   * Your reasoned estimate of the share of machine-detected answers that were really people (AMD
   * false positives), in percent. Where a profile's abandon-rate rule counts them (Ofcom, the FCC),
   * that share of machine answers counts as abandoned live calls. Measure it by listening to a sample.
   */
  amdFalsePositivePercent: Schema.optionalWith(Schema.Number.pipe(Schema.between(0, 100)), {
    default: () => 5,
  }),
  /** Your own profiles, beside the shipped ones; each rule needs a source. */
  complianceProfiles: Schema.optionalWith(Schema.Array(ComplianceProfile), { default: () => [] }),
})
export type ContactRules = typeof ContactRules.Type

/** The checked contact rules the pre-call checks read. */
export class ComplianceConfig extends Context.Tag('@ringlane/core/ComplianceConfig')<
  ComplianceConfig,
  ContactRules
>() {}

/** The profile in force and its overlays, with every rule tagged by the profile it came from. */
export interface ActiveProfile {
  readonly profile: ComplianceProfile
  readonly overlays: ReadonlyArray<ComplianceProfile>
}

/** What is wrong with the profile settings, naming the field. */
export interface ProfileSettingsIssue {
  readonly field: string
  readonly message: string
}

/**
 * Picks the profile and overlays the settings name, from the shipped profiles and the user's own.
 * Refuses an unknown id, an overlay used as a base (or the reverse), and a user profile whose id is
 * taken (give yours a new id rather than silently replacing a shipped one).
 */
export const activeProfile = (rules: ContactRules): Either.Either<ActiveProfile, ProfileSettingsIssue> => {
  const known = new Map(shippedProfiles.map((p) => [p.id, p]))
  for (const [index, own] of rules.complianceProfiles.entries()) {
    if (known.has(own.id)) {
      const field = `complianceProfiles.${index}.id`
      return Either.left({
        field,
        message: `${field}: a profile "${own.id}" already exists; give yours another id`,
      })
    }
    known.set(own.id, own)
  }
  const ids = [...known.keys()].join(', ')
  const profile = known.get(rules.complianceProfile)
  if (!profile)
    return Either.left({
      field: 'complianceProfile',
      message: `complianceProfile: no profile "${rules.complianceProfile}" (known: ${ids})`,
    })
  if (profile.overlay)
    return Either.left({
      field: 'complianceProfile',
      message: `complianceProfile: "${profile.id}" is an overlay; pick a base profile and list it in complianceOverlays`,
    })
  const overlays: ComplianceProfile[] = []
  for (const [index, id] of rules.complianceOverlays.entries()) {
    const field = `complianceOverlays.${index}`
    const overlay = known.get(id)
    if (!overlay) return Either.left({ field, message: `${field}: no profile "${id}" (known: ${ids})` })
    if (!overlay.overlay)
      return Either.left({ field, message: `${field}: "${id}" is a base profile, not an overlay` })
    overlays.push(overlay)
  }
  return Either.right({ profile, overlays })
}
