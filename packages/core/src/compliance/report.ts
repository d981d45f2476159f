import { stringify } from 'csv-stringify/sync'
import { Effect, Either, Option, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { currentDate, DAY, StorableDate } from '../kernel/time.js'
import { AbandonLedger, type AnsweredCounts } from './abandon-ledger.js'
import { type AbandonStanding, type AbandonTally, abandonRates, tallyAbandons } from './abandon-rates.js'
import { activeProfile, ComplianceConfig } from './contact-rules.js'
import { type DecisionSummary, DialEvidenceStore } from './dial-evidence.js'
import { INTERNAL_LIST, SuppressionListStore } from './suppression-lists.js'

/** A report request was not valid (the field says which part); nothing was read. */
export class InvalidReportRequest extends Schema.TaggedError<InvalidReportRequest>()('InvalidReportRequest', {
  field: Schema.String,
  message: Schema.String,
}) {}

const Scope = Schema.Struct({
  since: StorableDate,
  until: StorableDate,
  /** A campaign's dials and abandon rates; leave out for all (preview calls have no campaign). */
  campaignId: Schema.optional(Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/))),
  queueId: Schema.optional(Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/))),
  /** The profile the report reads rules from (and filters decisions by); the settings' by default. */
  profileId: Schema.optional(Schema.String.pipe(Schema.pattern(/^[a-z0-9]+([.-][a-z0-9]+)*$/))),
}).pipe(
  Schema.filter((s) =>
    +s.until <= +s.since
      ? { path: ['until'], message: 'until must be after since' }
      : +s.until - +s.since > 366 * DAY
        ? { path: ['until'], message: 'a report covers at most 366 days' }
        : true,
  ),
)
export type ComplianceReportRequest = typeof Scope.Encoded

/** A register a profile rule needs, and how fresh its copy is now. */
export interface ListFreshness {
  readonly listId: string
  readonly ruleId: string
  readonly maxAgeDays: number
  readonly screenedAt: Date | null
  /** Whole days since the copy's date; null when never imported. */
  readonly ageDays: number | null
  readonly fresh: boolean
  /** False for service calls (callPurpose), which the registers do not bind. */
  readonly applies: boolean
  readonly entries: number
}

export interface ComplianceException {
  readonly kind: 'abandon-over-limit' | 'list-stale' | 'rule-not-applied'
  readonly ruleId: string
  readonly detail: string
}

/** What a compliance officer reads for a campaign, queue or profile over a period. */
export interface ComplianceReport {
  readonly scope: {
    readonly since: Date
    readonly until: Date
    readonly campaignId: string | null
    readonly queueId: string | null
    readonly profile: { readonly id: string; readonly version: string }
  }
  readonly generatedAt: Date
  readonly decisions: DecisionSummary
  /** A campaign's abandon rate over the period and over each window ending at the period's end; null without a campaign. */
  readonly abandon: {
    readonly period: AbandonTally & { readonly counts: AnsweredCounts }
    readonly standing: AbandonStanding
  } | null
  readonly lists: ReadonlyArray<ListFreshness>
  /** Numbers on the internal do-not-call list now. */
  readonly internalListEntries: number
  readonly exceptions: ReadonlyArray<ComplianceException>
}

/**
 * The compliance report for a period: dial decisions allowed and refused with refusals by rule, a
 * campaign's abandon rate over the period and over the regulators' windows, the freshness of every
 * register the profile needs, and the exceptions (a rate over its cap, a stale register, a rule that
 * did not bind the calls made).
 */
export const complianceReport = (request: ComplianceReportRequest) =>
  Effect.gen(function* () {
    const scope = yield* decodeWith(Scope, (issue) => new InvalidReportRequest(issue))(request)
    const rules = yield* ComplianceConfig
    const active = activeProfile(
      scope.profileId === undefined
        ? rules
        : { ...rules, complianceProfile: scope.profileId, complianceOverlays: [] },
    )
    if (Either.isLeft(active))
      return yield* new InvalidReportRequest({
        field: 'profileId',
        message: active.left.message.replace(/^complianceProfile/, 'profileId'),
      })
    const profiles = [active.right.profile, ...active.right.overlays]
    const now = yield* currentDate
    const evidence = yield* DialEvidenceStore
    const decisions = yield* evidence.summary({
      since: scope.since,
      until: scope.until,
      ...(scope.campaignId === undefined ? {} : { campaignId: scope.campaignId }),
      ...(scope.queueId === undefined ? {} : { queueId: scope.queueId }),
      ...(scope.profileId === undefined ? {} : { profileId: scope.profileId }),
    })

    const exceptions: ComplianceException[] = []
    let abandon: ComplianceReport['abandon'] = null
    const ledger = yield* Effect.serviceOption(AbandonLedger)
    if (scope.campaignId !== undefined && Option.isSome(ledger)) {
      const counts = yield* ledger.value.counts({
        campaignId: scope.campaignId,
        since: scope.since,
        until: scope.until,
      })
      const countsFp = profiles.some((p) =>
        p.rules.some((r) => r.kind === 'abandon-rate' && r.countsAmdFalsePositives),
      )
      const standing = yield* abandonRates({
        campaignId: scope.campaignId,
        profiles: profiles.map((p) => p.id) as [string, ...string[]],
        at: scope.until,
      }).pipe(
        Effect.catchTag('InvalidAbandonQuery', (e) =>
          Effect.fail(new InvalidReportRequest({ field: e.field, message: e.message })),
        ),
      )
      abandon = {
        period: { ...tallyAbandons(counts, countsFp, rules.amdFalsePositivePercent / 100), counts },
        standing,
      }
      for (const rule of standing.rules)
        if (!rule.withinLimit)
          exceptions.push({
            kind: 'abandon-over-limit',
            ruleId: rule.ruleId,
            detail: `${rule.ratePercent.toFixed(2)}% abandoned of ${rule.liveAnswered.toFixed(1)} live-answered calls over ${rule.periodHours} hours to ${scope.until.toISOString()} (limit ${rule.maxPercent}%)`,
          })
    }

    const store = yield* Effect.serviceOption(SuppressionListStore)
    const held = Option.isSome(store) ? yield* store.value.lists() : []
    const lists: ListFreshness[] = profiles.flatMap((profile) =>
      profile.rules.flatMap((rule) =>
        rule.kind !== 'list-screening'
          ? []
          : rule.lists.map((listId) => {
              const list = held.find((l) => l.id === listId)
              const screenedAt = list?.screenedAt ?? null
              const ageDays = screenedAt === null ? null : Math.floor((+now - +screenedAt) / DAY)
              const fresh = screenedAt !== null && +now - +screenedAt <= rule.maxAgeDays * DAY
              const applies = rules.callPurpose === 'marketing'
              if (applies && !fresh)
                exceptions.push({
                  kind: 'list-stale',
                  ruleId: rule.id,
                  detail:
                    screenedAt === null
                      ? `${listId} has never been imported: marketing dials are refused`
                      : `${listId} was screened ${ageDays} days ago (at most ${rule.maxAgeDays}): marketing dials are refused`,
                })
              return {
                listId,
                ruleId: rule.id,
                maxAgeDays: rule.maxAgeDays,
                screenedAt,
                ageDays,
                fresh,
                applies,
                entries: list?.entries ?? 0,
              }
            }),
      ),
    )
    for (const { ruleId, count } of decisions.notApplicableByRule)
      exceptions.push({
        kind: 'rule-not-applied',
        ruleId,
        detail: `${count} allowed dial${count === 1 ? '' : 's'} not screened under this rule (service calls)`,
      })

    return {
      scope: {
        since: scope.since,
        until: scope.until,
        campaignId: scope.campaignId ?? null,
        queueId: scope.queueId ?? null,
        profile: { id: active.right.profile.id, version: active.right.profile.version },
      },
      generatedAt: now,
      decisions,
      abandon,
      lists,
      internalListEntries: held.find((l) => l.id === INTERNAL_LIST)?.entries ?? 0,
      exceptions,
    } satisfies ComplianceReport as ComplianceReport
  })

const percent = (value: number) => value.toFixed(2)
const iso = (date: Date | null) => (date === null ? '' : date.toISOString())

/** The report as CSV, one fact a row: `section,item,value,detail`, for a compliance officer's spreadsheet. */
export const complianceReportCsv = (report: ComplianceReport): string => {
  const rows: Array<[string, string, string | number, string]> = [
    ['scope', 'since', iso(report.scope.since), ''],
    ['scope', 'until', iso(report.scope.until), ''],
    ['scope', 'campaign', report.scope.campaignId ?? 'all', ''],
    ['scope', 'queue', report.scope.queueId ?? 'all', ''],
    ['scope', 'profile', `${report.scope.profile.id}@${report.scope.profile.version}`, ''],
    ['scope', 'generated', iso(report.generatedAt), ''],
    ['decisions', 'total', report.decisions.decisions, ''],
    ['decisions', 'allowed', report.decisions.allowed, ''],
    ['decisions', 'refused', report.decisions.refused, ''],
    ...report.decisions.refusalsByRule.map((r): [string, string, number, string] => [
      'refusals',
      r.ruleId,
      r.count,
      r.code,
    ]),
  ]
  if (report.abandon) {
    const { period, standing } = report.abandon
    rows.push(
      [
        'abandon',
        'period rate %',
        percent(period.ratePercent),
        `${period.abandoned} of ${period.liveAnswered} live`,
      ],
      ...standing.windows.map((w): [string, string, string, string] => [
        'abandon',
        `rolling ${w.hours} h rate %`,
        percent(w.ratePercent),
        `${w.abandoned} of ${w.liveAnswered} live since ${iso(w.since)}`,
      ]),
      ...standing.rules.map((r): [string, string, string, string] => [
        'abandon',
        r.ruleId,
        percent(r.ratePercent),
        `limit ${r.maxPercent}% over ${r.periodHours} h; budget ${r.budget}; ${r.withinLimit ? 'within' : 'OVER'}`,
      ]),
    )
  }
  rows.push(
    ...report.lists.map((l): [string, string, string, string] => [
      'lists',
      l.listId,
      iso(l.screenedAt),
      `${l.ruleId}: ${l.applies ? (l.fresh ? 'fresh' : 'STALE') : 'not applied (service calls)'}; ${l.entries} entries; max ${l.maxAgeDays} days`,
    ]),
    ['lists', 'internal', report.internalListEntries, 'entries on the internal do-not-call list'],
    ...report.exceptions.map((e): [string, string, string, string] => [
      'exceptions',
      e.kind,
      e.ruleId,
      e.detail,
    ]),
  )
  return stringify(rows, { header: true, columns: ['section', 'item', 'value', 'detail'] })
}
