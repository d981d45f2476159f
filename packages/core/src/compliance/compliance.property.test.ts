// The compliance property suite: a million simulated dial attempts against the pure pre-dial decision
// (`decideDial`, which runs `decideContact`), over leads in every US and UK time zone, across daylight
// saving changes and midnights, with suppression lists and contact histories that change as it runs.
// Every dial the decision allows is checked against the rules computed here a different way: local
// time from fixed offset tables and the statutory daylight-saving dates (no Intl), attempts counted
// from the simulation's own full history.
import { Either, Schema } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decideDial } from '../dialing/dial-decision.js'
import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { QueueEntry } from '../queues/queue-store.js'
import { activeProfile, ContactRules } from './contact-rules.js'

const MINUTE = 60_000
const DAY = 86_400_000

/** Standard offset (minutes east of UTC) and daylight-saving rule of each zone, from the tz sources. */
const ZONES: Readonly<Record<string, readonly [number, 'us' | 'eu' | 'none']>> = {
  'America/New_York': [-300, 'us'],
  'America/Detroit': [-300, 'us'],
  'America/Indiana/Indianapolis': [-300, 'us'],
  'America/Kentucky/Louisville': [-300, 'us'],
  'America/Chicago': [-360, 'us'],
  'America/Menominee': [-360, 'us'],
  'America/Indiana/Knox': [-360, 'us'],
  'America/North_Dakota/Center': [-360, 'us'],
  'America/Denver': [-420, 'us'],
  'America/Boise': [-420, 'us'],
  'America/Phoenix': [-420, 'none'],
  'America/Los_Angeles': [-480, 'us'],
  'America/Anchorage': [-540, 'us'],
  'America/Juneau': [-540, 'us'],
  'America/Sitka': [-540, 'us'],
  'America/Nome': [-540, 'us'],
  'America/Adak': [-600, 'us'],
  'Pacific/Honolulu': [-600, 'none'],
  'America/Puerto_Rico': [-240, 'none'],
  'America/St_Thomas': [-240, 'none'],
  'Pacific/Guam': [600, 'none'],
  'Pacific/Saipan': [600, 'none'],
  'Pacific/Pago_Pago': [-660, 'none'],
  'Europe/London': [0, 'eu'],
  'Europe/Guernsey': [0, 'eu'],
  'Europe/Jersey': [0, 'eu'],
  'Europe/Isle_of_Man': [0, 'eu'],
}
const ZONE_NAMES = Object.keys(ZONES)

/** The day of the month of the nth Sunday (n = -1: the last) of a month, by arithmetic. */
const sunday = (year: number, month: number, n: number) => {
  if (n > 0) {
    const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay()
    return 1 + ((7 - firstWeekday) % 7) + (n - 1) * 7
  }
  const last = new Date(Date.UTC(year, month + 1, 0))
  return last.getUTCDate() - last.getUTCDay()
}

/**
 * UTC offset in minutes by the statutory rules: US (since 2007) from 02:00 local standard time on
 * the second Sunday in March to 02:00 local daylight time on the first Sunday in November; UK/EU from
 * 01:00 UTC on the last Sunday in March to 01:00 UTC on the last Sunday in October.
 */
const offsetAt = (zone: string, instant: number) => {
  const [standard, rule] = ZONES[zone] ?? [0, 'none']
  const year = new Date(instant).getUTCFullYear()
  if (rule === 'us') {
    const start = Date.UTC(year, 2, sunday(year, 2, 2), 2) - standard * MINUTE
    const end = Date.UTC(year, 10, sunday(year, 10, 1), 2) - (standard + 60) * MINUTE
    return instant >= start && instant < end ? standard + 60 : standard
  }
  if (rule === 'eu') {
    const start = Date.UTC(year, 2, sunday(year, 2, -1), 1)
    const end = Date.UTC(year, 9, sunday(year, 9, -1), 1)
    return instant >= start && instant < end ? standard + 60 : standard
  }
  return standard
}

/** The oracle's wall clock: a local day number (days since 1970 there) and minutes past midnight. */
const wall = (zone: string, instant: number) => {
  const local = instant + offsetAt(zone, instant) * MINUTE
  return { day: Math.floor(local / DAY), minutes: Math.floor((local % DAY) / MINUTE) }
}

/** Instants where a zone's clock changes, and its midnights near them: where bugs hide. */
const transitionsOf = (zone: string, year: number) => {
  const [standard, rule] = ZONES[zone] ?? [0, 'none']
  const changes =
    rule === 'us'
      ? [
          Date.UTC(year, 2, sunday(year, 2, 2), 2) - standard * MINUTE,
          Date.UTC(year, 10, sunday(year, 10, 1), 2) - (standard + 60) * MINUTE,
        ]
      : rule === 'eu'
        ? [Date.UTC(year, 2, sunday(year, 2, -1), 1), Date.UTC(year, 9, sunday(year, 9, -1), 1)]
        : []
  // Local midnight of 1 January, whatever the rule.
  return [...changes, Date.UTC(year, 0, 1) - standard * MINUTE]
}

const decode = Schema.decodeUnknownSync(ContactRules)

const entry: QueueEntry = {
  id: '00000000-0000-4000-8000-000000000001',
  queueId: 'unsigned' as QueueId,
  leadId: '1' as LeadId,
  phone: '+12025550100' as E164,
  score: 1,
  reasons: [],
  leadCreatedAt: new Date(0),
  status: 'claimed',
  claimedBy: '00000000-0000-4000-8000-000000000002' as AgentId,
  claimedAt: new Date(0),
  reservedFor: null,
  callbackId: null,
}

const scenario = fc.record({
  zones: fc.uniqueArray(fc.constantFrom(...ZONE_NAMES), { minLength: 1, maxLength: 3 }),
  year: fc.integer({ min: 2020, max: 2030 }),
  /** Start near a clock change or midnight of the first zone, or anywhere in the year. */
  anchor: fc.nat(2),
  offsetMinutes: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
  profile: fc.constantFrom(
    { complianceProfile: 'us-tcpa', complianceOverlays: ['us-reg-f'] },
    { complianceProfile: 'us-tcpa', complianceOverlays: [] },
    { complianceProfile: 'uk-ofcom', complianceOverlays: [] },
    { complianceProfile: 'uk-ofcom', complianceOverlays: ['us-reg-f'] },
  ),
  window: fc.oneof(
    fc.constant(null),
    fc
      .tuple(fc.integer({ min: 0, max: 23 * 60 }), fc.integer({ min: 1, max: 24 * 60 }))
      .filter(([start, length]) => start + length <= 24 * 60)
      .map(([start, length]) => ({ start, end: start + length })),
  ),
  maxAttemptsPerDay: fc.integer({ min: 1, max: 6 }),
  maxAttemptsTotal: fc.integer({ min: 5, max: 400 }),
  /** Prior calls in the ten days before the simulation starts, as minutes before it. */
  priorCalls: fc.array(fc.integer({ min: 1, max: 10 * 24 * 60 }), { maxLength: 12 }),
  priorConversationMinutes: fc.option(fc.integer({ min: 1, max: 10 * 24 * 60 })),
  /** How often a dial ends in a conversation, and how often the number joins or leaves the list. */
  conversationPercent: fc.integer({ min: 0, max: 30 }),
  listChangePercent: fc.integer({ min: 0, max: 10 }),
  /** Marketing calls must be screened against the profile's registers; service calls need not. */
  callPurpose: fc.constantFrom('marketing', 'service'),
  /** How old the register copies are when the simulation starts (they age as it runs). */
  registerAgeDays: fc.integer({ min: 0, max: 40 }),
  seed: fc.integer(),
})

const REGISTERS = ['TPS', 'CTPS', 'US-NATIONAL-DNC']

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

const ATTEMPTS_PER_LEAD = 1000
const LEADS = 1000

describe('compliance property suite: a million simulated dial attempts', () => {
  it(`${LEADS} leads × ${ATTEMPTS_PER_LEAD} attempts: none outside a window, to a suppressed or listed number, on a stale register or over a frequency rule`, () => {
    const totals = {
      attempts: 0,
      allowed: 0,
      refusedWindow: 0,
      refusedFrequency: 0,
      refusedOptOut: 0,
      refusedLists: 0,
    }
    fc.assert(
      fc.property(scenario, (s) => {
        const rules = decode({
          ...s.profile,
          maxAttemptsPerDay: s.maxAttemptsPerDay,
          maxAttemptsTotal: s.maxAttemptsTotal,
          callingWindow: s.window && { start: clock(s.window.start), end: clock(s.window.end) },
          callPurpose: s.callPurpose,
        })
        const active = Either.getOrThrow(activeProfile(rules))
        const windows = [
          ...(s.window ? [s.window] : []),
          ...[active.profile, ...active.overlays].flatMap((p) =>
            p.rules.flatMap((r) =>
              r.kind === 'calling-window'
                ? [
                    {
                      start: Number(r.window.start.slice(0, 2)) * 60 + Number(r.window.start.slice(3)),
                      end: Number(r.window.end.slice(0, 2)) * 60 + Number(r.window.end.slice(3)),
                    },
                  ]
                : [],
            ),
          ),
        ]
        const frequency = [active.profile, ...active.overlays].flatMap((p) =>
          p.rules.flatMap((r) => (r.kind === 'call-frequency' ? [r] : [])),
        )
        const quiet = [active.profile, ...active.overlays].flatMap((p) =>
          p.rules.flatMap((r) => (r.kind === 'quiet-after-conversation' ? [r] : [])),
        )
        const screening = [active.profile, ...active.overlays].flatMap((p) =>
          p.rules.flatMap((r) => (r.kind === 'list-screening' ? [r] : [])),
        )

        const first = s.zones[0] ?? 'Europe/London'
        const anchors = transitionsOf(first, s.year)
        const base =
          s.anchor < anchors.length
            ? (anchors[s.anchor] as number)
            : Date.UTC(s.year, 0, 1) + ((s.seed >>> 0) % (364 * DAY))
        let now = base + s.offsetMinutes * MINUTE
        let random = s.seed >>> 0
        const next = (below: number) => {
          random = (Math.imul(random, 1103515245) + 12345) >>> 0
          return (random >>> 8) % below
        }

        const calls: number[] = s.priorCalls.map((m) => now - m * MINUTE).sort((a, b) => a - b)
        let lastConversation =
          s.priorConversationMinutes === null ? null : now - s.priorConversationMinutes * MINUTE
        let listed = next(100) < 20
        let onInternal = next(100) < 10
        let onRegister: string | null = null
        const screenedAt = now - s.registerAgeDays * DAY
        for (let attempt = 0; attempt < ATTEMPTS_PER_LEAD; attempt++) {
          // Mostly minutes apart, sometimes hours: a dialler retrying a lead through days and nights.
          now += (next(10) < 8 ? 1 + next(45) : 60 + next(12 * 60)) * MINUTE
          if (next(100) < s.listChangePercent) listed = !listed
          if (next(100) < s.listChangePercent) onInternal = !onInternal
          if (next(100) < s.listChangePercent)
            onRegister = onRegister === null ? (REGISTERS[next(REGISTERS.length)] ?? null) : null
          const recent = calls.filter((at) => at > now - 8 * DAY)
          const decision = decideDial({
            now: new Date(now),
            entry,
            answer: { eligible: true, phone: entry.phone },
            number: Either.right({ e164: entry.phone, lineType: 'mobile', region: 'US' }),
            optedOut: listed,
            zones: { zones: s.zones, basis: 'number-area-code', detail: 'simulated' },
            activity: {
              leadId: entry.leadId,
              lastContactAt: lastConversation === null ? null : new Date(lastConversation),
              attemptsTotal: calls.length,
              recentAttempts: recent.map((at) => new Date(at)),
              lastOutcome: null,
              nextCallAfter: null,
            },
            converted: false,
            coolingMinutes: 0,
            contactRules: rules,
            active,
            agentGuaranteed: true,
            screening: {
              listedOn: [
                ...(onInternal ? [{ listId: 'internal', reason: 'asked' }] : []),
                ...(onRegister ? [{ listId: onRegister, reason: 'registered' }] : []),
              ],
              lists: REGISTERS.map((id) => ({ id, screenedAt: new Date(screenedAt) })),
            },
          })
          totals.attempts++
          if (decision._tag === 'Refused') {
            const codes = decision.refusals.map((r) => r.code)
            if (codes.includes('outside_calling_window')) totals.refusedWindow++
            if (codes.includes('call_frequency') || codes.includes('daily_attempt_cap'))
              totals.refusedFrequency++
            if (codes.includes('opted_out')) totals.refusedOptOut++
            if (codes.some((c) => c === 'do_not_call_list' || c === 'listed' || c === 'list_stale'))
              totals.refusedLists++
            continue
          }
          totals.allowed++
          // Every allowed dial, checked against the rules the oracle's way.
          if (listed || onInternal) return false
          if (s.callPurpose === 'marketing')
            for (const rule of screening) {
              if (now - screenedAt > rule.maxAgeDays * DAY) return false
              if (onRegister !== null && rule.lists.includes(onRegister)) return false
            }
          if (calls.length >= s.maxAttemptsTotal) return false
          for (const zone of s.zones) {
            const here = wall(zone, now)
            if (windows.some((w) => here.minutes < w.start || here.minutes >= w.end)) return false
            const daysAgo = (at: number) => here.day - wall(zone, at).day
            if (calls.filter((at) => daysAgo(at) === 0).length >= s.maxAttemptsPerDay) return false
            for (const rule of frequency)
              if (calls.filter((at) => daysAgo(at) < rule.days).length >= rule.maxCalls) return false
            for (const rule of quiet)
              if (lastConversation !== null && daysAgo(lastConversation) < rule.days) return false
          }
          // The evidence names what it used: the zones with their local time, the window, the counts.
          const facts = decision.evidence.compliance?.facts
          if (facts?.zones.length !== s.zones.length) return false
          calls.push(now)
          if (next(100) < s.conversationPercent) lastConversation = now + (1 + next(20)) * MINUTE
        }
        return true
      }),
      { numRuns: LEADS, seed: 20261126 },
    )
    expect(totals.attempts).toBe(LEADS * ATTEMPTS_PER_LEAD)
    // The rules bind: each kind of refusal happens, and so do dials.
    expect(totals.allowed).toBeGreaterThan(10_000)
    expect(totals.refusedWindow).toBeGreaterThan(10_000)
    expect(totals.refusedFrequency).toBeGreaterThan(10_000)
    expect(totals.refusedOptOut).toBeGreaterThan(10_000)
    expect(totals.refusedLists).toBeGreaterThan(10_000)
  }, 120_000)
})
