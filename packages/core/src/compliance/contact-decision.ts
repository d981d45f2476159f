import { DAY, HOUR } from '../kernel/time.js'
import type { ActiveProfile, ContactRules } from './contact-rules.js'
import type { LeadZones } from './lead-zones.js'
import { addDays, clockOf, localTime, minutesOf, startOfLocalDay } from './local-time.js'
import type { CallingWindow, ComplianceProfile, ComplianceRule } from './profiles.js'
import { INTERNAL_LIST } from './suppression-lists.js'

export type ContactRefusalCode =
  | 'daily_attempt_cap'
  | 'total_attempt_cap'
  | 'outside_calling_window'
  | 'call_frequency'
  | 'after_conversation'
  | 'redial_after_abandon'
  | 'redial_after_machine'
  | 'do_not_call_list'
  | 'listed'
  | 'list_stale'

export interface ContactRefusal {
  readonly code: ContactRefusalCode
  /** For the agent: what is wrong and, where it helps, when to try again. */
  readonly message: string
  /** The rule that refused, e.g. `us-tcpa.calling-hours` or `settings.calling-window`. */
  readonly ruleId: string
}

/** What the dialler remembers about calling a lead, as far as the rules need it. */
export interface ContactHistory {
  readonly attemptsTotal: number
  /** When each recent call was placed: at least the last `ATTEMPT_HISTORY_DAYS` days. */
  readonly recentAttempts: ReadonlyArray<Date>
  /** The last call in which the dialler spoke with the person (an outcome that reached them). */
  readonly lastConversationAt: Date | null
  /** The last abandoned call to the number; undefined when the store does not track it. */
  readonly lastAbandonedAt?: Date | null
  /** The last call the answering-machine detection flagged; undefined when not tracked. */
  readonly lastMachineAt?: Date | null
}

/** What the suppression lists say about the number, read at decision time. */
export interface ScreeningFacts {
  /** The number's entries on any list (the internal do-not-call list, a register's copy). */
  readonly listedOn: ReadonlyArray<{ readonly listId: string; readonly reason: string }>
  /** Every list held, with the date of its copy (null for the internal list, or never imported). */
  readonly lists: ReadonlyArray<{ readonly id: string; readonly screenedAt: Date | null }>
}

/** How many days of attempt times a store keeps: enough for a 7-local-day rule in any zone. */
export const ATTEMPT_HISTORY_DAYS = 8

export interface ContactCheck {
  readonly now: Date
  readonly rules: ContactRules
  readonly active: ActiveProfile
  readonly zones: LeadZones
  readonly history: ContactHistory | null
  /**
   * An agent is on the line when the call connects (preview dialling: the agent dials). The redial
   * rules after abandoned and machine-detected calls only bind calls without that guarantee.
   */
  readonly agentGuaranteed: boolean
  /**
   * The number's list entries and the lists' dates. Without it, the internal list is not checked and
   * every register a rule needs counts as never screened.
   */
  readonly screening?: ScreeningFacts
}

/** One rule the check applied, and what it found. */
export interface CheckedRule {
  readonly ruleId: string
  /** The profile and version the rule came from; null for the dialler's own settings (house limits). */
  readonly profileId: string | null
  readonly profileVersion: string | null
  readonly outcome: 'passed' | 'refused'
}

/** The facts the check used, as they were at `decidedAt`. */
export interface ContactFacts {
  readonly decidedAt: string
  readonly zoneBasis: LeadZones['basis']
  readonly zoneDetail: string
  /** Each candidate zone with its local date and time then. */
  readonly zones: ReadonlyArray<{ readonly zone: string; readonly localTime: string }>
  /** The window every applicable rule leaves open (their intersection); null when none applies. */
  readonly window: CallingWindow | null
  readonly attemptsTotal: number
  /** Calls placed so far on the lead's local day (the most, across candidate zones). */
  readonly attemptsToday: number
  /** Calls counted by each call-frequency rule over its days (the most, across zones). */
  readonly attemptsInPeriod: ReadonlyArray<{
    readonly ruleId: string
    readonly days: number
    readonly count: number
  }>
  readonly lastConversationAt: string | null
  readonly agentGuaranteed: boolean
  /** The call's purpose (registers bind marketing calls), the lists the number is on, each register's copy date. */
  readonly screening: {
    readonly callPurpose: 'marketing' | 'service'
    readonly listedOn: ReadonlyArray<string>
    readonly lists: ReadonlyArray<{
      readonly listId: string
      readonly screenedAt: string | null
      readonly maxAgeDays: number
    }>
  }
}

/** Which rules a pre-dial decision checked and the facts it used: kept for the compliance report. */
export interface ContactEvidence {
  readonly profile: { readonly id: string; readonly version: string }
  readonly overlays: ReadonlyArray<{ readonly id: string; readonly version: string }>
  readonly checked: ReadonlyArray<CheckedRule>
  /** Rules of the profile enforced elsewhere (pacing, telephony, list screening), not before a dial. */
  readonly enforcedElsewhere: ReadonlyArray<string>
  /** Rules that do not bind this call, and why (a register's screening for a service call). */
  readonly notApplicable: ReadonlyArray<{ readonly ruleId: string; readonly why: string }>
  readonly facts: ContactFacts
}

export interface ContactDecision {
  readonly refusals: ReadonlyArray<ContactRefusal>
  readonly evidence: ContactEvidence
}

type Tagged = { readonly rule: ComplianceRule; readonly profile: ComplianceProfile }

const PRE_DIAL: ReadonlySet<ComplianceRule['kind']> = new Set([
  'calling-window',
  'call-frequency',
  'quiet-after-conversation',
  'redial-after-abandon',
  'redial-after-machine',
  'list-screening',
])

/** The dialler's own do-not-call list: always checked, on every call and text. */
export const INTERNAL_DNC_RULE = 'suppression.internal-dnc'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * The compliance half of the pre-dial decision, pure: calling windows in every candidate zone of the
 * lead, the house attempt caps on the lead's local day, and the profile's frequency and redial rules.
 * Every rule checked is reported with its outcome, with the facts it read.
 */
export const decideContact = (check: ContactCheck): ContactDecision => {
  const { now, rules, active, zones, history, agentGuaranteed, screening } = check
  const refusals: ContactRefusal[] = []
  const checked: CheckedRule[] = []
  const record = (
    ruleId: string,
    profile: ComplianceProfile | null,
    refusal?: Omit<ContactRefusal, 'ruleId'>,
  ) => {
    checked.push({
      ruleId,
      profileId: profile?.id ?? null,
      profileVersion: profile?.version ?? null,
      outcome: refusal ? 'refused' : 'passed',
    })
    if (refusal) refusals.push({ ...refusal, ruleId })
  }

  const tagged: Tagged[] = [active.profile, ...active.overlays].flatMap((profile) =>
    profile.rules.map((rule) => ({ rule, profile })),
  )
  const local = zones.zones.map((zone) => ({ zone, at: localTime(now, zone) }))
  const startOf = (zone: string, day: string) => startOfLocalDay(day, zone)
  const attempts = history?.recentAttempts ?? []
  const countSince = (from: Date) => attempts.reduce((n, at) => (+at >= +from && +at <= +now ? n + 1 : n), 0)

  // Calling windows: the house window and the profile's, open in every candidate zone.
  const windows: Array<{ window: CallingWindow; ruleId: string; profile: ComplianceProfile | null }> = []
  if (rules.callingWindow)
    windows.push({ window: rules.callingWindow, ruleId: 'settings.calling-window', profile: null })
  for (const { rule, profile } of tagged)
    if (rule.kind === 'calling-window') windows.push({ window: rule.window, ruleId: rule.id, profile })
  for (const { window, ruleId, profile } of windows) {
    const start = minutesOf(window.start)
    const end = minutesOf(window.end)
    const closed = local.filter(({ at }) => at.minutes < start || at.minutes >= end)
    record(
      ruleId,
      profile,
      closed.length === 0
        ? undefined
        : {
            code: 'outside_calling_window',
            message: `It is outside calling hours (${window.start}–${window.end}) where this person lives (${closed
              .map(({ zone, at }) => `${clockOf(at.minutes)} in ${zone}`)
              .join(', ')})`,
          },
    )
  }
  const effective =
    windows.length === 0
      ? null
      : {
          start: clockOf(Math.max(...windows.map((w) => minutesOf(w.window.start)))),
          end: clockOf(Math.min(...windows.map((w) => minutesOf(w.window.end)))),
        }

  // House caps: calls on the lead's local calendar day, and in total.
  const attemptsToday = Math.max(0, ...local.map(({ zone, at }) => countSince(startOf(zone, at.day))))
  record(
    'settings.daily-attempts',
    null,
    attemptsToday >= rules.maxAttemptsPerDay
      ? {
          code: 'daily_attempt_cap',
          message: `Already called ${plural(attemptsToday, 'time')} today in this person's time (limit ${rules.maxAttemptsPerDay})`,
        }
      : undefined,
  )
  const attemptsTotal = history?.attemptsTotal ?? 0
  record(
    'settings.total-attempts',
    null,
    attemptsTotal >= rules.maxAttemptsTotal
      ? {
          code: 'total_attempt_cap',
          message: `Already called ${plural(attemptsTotal, 'time')} (limit ${rules.maxAttemptsTotal})`,
        }
      : undefined,
  )

  // The profile's frequency and redial rules.
  const attemptsInPeriod: Array<{ ruleId: string; days: number; count: number }> = []
  const lastConversation = history?.lastConversationAt ?? null
  for (const { rule, profile } of tagged) {
    switch (rule.kind) {
      case 'call-frequency': {
        const count = Math.max(
          0,
          ...local.map(({ zone, at }) => countSince(startOf(zone, addDays(at.day, 1 - rule.days)))),
        )
        attemptsInPeriod.push({ ruleId: rule.id, days: rule.days, count })
        record(
          rule.id,
          profile,
          count >= rule.maxCalls
            ? {
                code: 'call_frequency',
                message: `Already called ${plural(count, 'time')} in the last ${plural(rule.days, 'day')} (limit ${rule.maxCalls})`,
              }
            : undefined,
        )
        break
      }
      case 'quiet-after-conversation': {
        const inside = lastConversation
          ? local.filter(
              ({ zone, at }) => +lastConversation >= +startOf(zone, addDays(at.day, 1 - rule.days)),
            )
          : []
        const first = inside[0]
        record(
          rule.id,
          profile,
          lastConversation && first
            ? {
                code: 'after_conversation',
                message: `Spoke with this person on ${localTime(lastConversation, first.zone).day}; no call for ${plural(rule.days, 'day')} from then (next from ${addDays(localTime(lastConversation, first.zone).day, rule.days)} in ${first.zone})`,
              }
            : undefined,
        )
        break
      }
      case 'redial-after-abandon': {
        const last = history?.lastAbandonedAt
        const blocked =
          !agentGuaranteed && (last === undefined || (last !== null && +now - +last < rule.hours * HOUR))
        record(
          rule.id,
          profile,
          blocked
            ? {
                code: 'redial_after_abandon',
                message:
                  last === undefined
                    ? 'Abandoned calls are not tracked, so this number is called only with an agent guaranteed'
                    : `A call to this number was abandoned less than ${rule.hours} hours ago; call only with an agent guaranteed`,
              }
            : undefined,
        )
        break
      }
      case 'redial-after-machine': {
        const last = history?.lastMachineAt
        const blocked =
          !agentGuaranteed &&
          (last === undefined ||
            (last !== null && local.some(({ zone, at }) => localTime(last, zone).day === at.day)))
        record(
          rule.id,
          profile,
          blocked
            ? {
                code: 'redial_after_machine',
                message:
                  last === undefined
                    ? 'Answering-machine results are not tracked, so this number is called only with an agent guaranteed'
                    : 'An answering machine took a call to this number today; call again today only with an agent guaranteed',
              }
            : undefined,
        )
        break
      }
      default:
        break
    }
  }

  // Suppression lists: the internal list always; a register a profile names, for marketing calls, must
  // be a copy no older than the rule allows, and must not hold the number.
  const listedOn = screening?.listedOn ?? []
  if (screening) {
    const internal = listedOn.find((entry) => entry.listId === INTERNAL_LIST)
    record(
      INTERNAL_DNC_RULE,
      null,
      internal
        ? {
            code: 'do_not_call_list',
            message: `This number is on the internal do-not-call list (${internal.reason})`,
          }
        : undefined,
    )
  }
  const notApplicable: Array<{ ruleId: string; why: string }> = []
  const screened: Array<{ listId: string; screenedAt: string | null; maxAgeDays: number }> = []
  for (const { rule, profile } of tagged) {
    if (rule.kind !== 'list-screening') continue
    if (rules.callPurpose === 'service') {
      notApplicable.push({
        ruleId: rule.id,
        why: `${rule.lists.join(' and ')} bind marketing calls; these calls are set as service calls (callPurpose)`,
      })
      continue
    }
    const problems: string[] = []
    let code: ContactRefusalCode = 'list_stale'
    for (const listId of rule.lists) {
      const copy = screening?.lists.find((list) => list.id === listId)?.screenedAt ?? null
      screened.push({ listId, screenedAt: copy?.toISOString() ?? null, maxAgeDays: rule.maxAgeDays })
      if (copy === null || +now - +copy > rule.maxAgeDays * DAY)
        problems.push(
          copy === null
            ? `the ${listId} list has never been imported`
            : `the ${listId} list was screened on ${copy.toISOString().slice(0, 10)}, more than ${plural(rule.maxAgeDays, 'day')} ago`,
        )
    }
    const on = listedOn.filter((entry) => rule.lists.includes(entry.listId)).map((entry) => entry.listId)
    if (on.length > 0) {
      code = 'listed'
      problems.unshift(`this number is on the ${on.join(' and ')} list`)
    }
    record(
      rule.id,
      profile,
      problems.length > 0
        ? {
            code,
            message: `${problems.join('; ')} (${rule.id}); ${code === 'listed' ? 'it is not called for marketing' : `import a copy no older than ${plural(rule.maxAgeDays, 'day')}`}`,
          }
        : undefined,
    )
  }

  return {
    refusals,
    evidence: {
      profile: { id: active.profile.id, version: active.profile.version },
      overlays: active.overlays.map((p) => ({ id: p.id, version: p.version })),
      checked,
      enforcedElsewhere: tagged.filter(({ rule }) => !PRE_DIAL.has(rule.kind)).map(({ rule }) => rule.id),
      notApplicable,
      facts: {
        decidedAt: now.toISOString(),
        zoneBasis: zones.basis,
        zoneDetail: zones.detail,
        zones: local.map(({ zone, at }) => ({ zone, localTime: `${at.day} ${clockOf(at.minutes)}` })),
        window: effective,
        attemptsTotal,
        attemptsToday,
        attemptsInPeriod,
        lastConversationAt: lastConversation?.toISOString() ?? null,
        agentGuaranteed,
        screening: {
          callPurpose: rules.callPurpose,
          listedOn: [...new Set(listedOn.map((entry) => entry.listId))],
          lists: screened,
        },
      },
    },
  }
}
