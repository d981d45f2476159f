import { Either, Schema } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decideContact, type ScreeningFacts } from './contact-decision.js'
import { activeProfile, ContactRules } from './contact-rules.js'

const DAY = 86_400_000
const now = new Date('2026-11-20T17:00:00Z')
const rulesFor = (profile: 'uk-ofcom' | 'us-tcpa', callPurpose: 'marketing' | 'service' = 'marketing') =>
  Schema.decodeUnknownSync(ContactRules)({ complianceProfile: profile, callingWindow: null, callPurpose })

const decide = (
  profile: 'uk-ofcom' | 'us-tcpa',
  screening: ScreeningFacts | undefined,
  purpose?: 'service',
) => {
  const rules = rulesFor(profile, purpose)
  return decideContact({
    now,
    rules,
    active: Either.getOrThrow(activeProfile(rules)),
    zones: {
      zones: [profile === 'uk-ofcom' ? 'Europe/London' : 'America/New_York'],
      basis: 'fallback',
      detail: 'test',
    },
    history: null,
    agentGuaranteed: true,
    ...(screening ? { screening } : {}),
  })
}
const lists = (ageDays: number, ids = ['TPS', 'CTPS', 'US-NATIONAL-DNC']) =>
  ids.map((id) => ({ id, screenedAt: new Date(+now - ageDays * DAY) }))

describe('suppression lists in the contact decision', () => {
  it('refuses a number on the internal list, naming the list and the rule, on any profile and purpose', () => {
    for (const profile of ['uk-ofcom', 'us-tcpa'] as const) {
      const decision = decide(
        profile,
        { listedOn: [{ listId: 'internal', reason: 'complained' }], lists: lists(1) },
        'service',
      )
      expect(decision.refusals).toEqual([
        {
          code: 'do_not_call_list',
          ruleId: 'suppression.internal-dnc',
          message: 'This number is on the internal do-not-call list (complained)',
        },
      ])
      expect(decision.evidence.facts.screening.listedOn).toEqual(['internal'])
    }
  })

  // The ages come from the rules: TPS/CTPS copies at most 28 days old (PECR), the national DNC 31 (64.1200(c)(2)).
  it.each([
    ['uk-ofcom', 'uk-pecr.tps-screening', 28],
    ['us-tcpa', 'us-tcpa.national-dnc', 31],
  ] as const)(
    '%s: a copy no older than %s allows, one a moment older refuses (%s days)',
    (profile, ruleId, maxDays) => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: maxDays * 24 * 60 }), (minutes) => {
          const fresh = decide(profile, { listedOn: [], lists: lists(minutes / (24 * 60)) })
          expect(fresh.refusals).toEqual([])
          expect(fresh.evidence.checked).toContainEqual(
            expect.objectContaining({ ruleId, outcome: 'passed' }),
          )
        }),
      )
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 400 * 24 * 60 }), (minutes) => {
          const stale = decide(profile, { listedOn: [], lists: lists(maxDays + minutes / (24 * 60)) })
          expect(stale.refusals.map((r) => [r.code, r.ruleId])).toEqual([['list_stale', ruleId]])
        }),
      )
    },
  )

  it('treats a register never imported as stale, and names it', () => {
    const decision = decide('uk-ofcom', { listedOn: [], lists: lists(1, ['TPS']) })
    expect(decision.refusals).toEqual([
      expect.objectContaining({
        code: 'list_stale',
        ruleId: 'uk-pecr.tps-screening',
        message: expect.stringContaining('the CTPS list has never been imported'),
      }),
    ])
    expect(decide('us-tcpa', undefined).refusals.map((r) => r.code)).toEqual(['list_stale'])
  })

  it("refuses a number on a register the profile screens against, not on another profile's", () => {
    const onTps = { listedOn: [{ listId: 'TPS', reason: 'registered with TPS' }], lists: lists(1) }
    expect(decide('uk-ofcom', onTps).refusals).toEqual([
      expect.objectContaining({
        code: 'listed',
        ruleId: 'uk-pecr.tps-screening',
        message: expect.stringContaining('this number is on the TPS list'),
      }),
    ])
    expect(decide('us-tcpa', onTps).refusals).toEqual([])
  })

  it('does not screen service calls against registers, and says so in the evidence', () => {
    const decision = decide(
      'uk-ofcom',
      { listedOn: [{ listId: 'TPS', reason: 'registered with TPS' }], lists: [] },
      'service',
    )
    expect(decision.refusals).toEqual([])
    expect(decision.evidence.notApplicable).toEqual([
      { ruleId: 'uk-pecr.tps-screening', why: expect.stringContaining('service calls') },
    ])
  })
})
