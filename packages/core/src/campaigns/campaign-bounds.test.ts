import { Either, Schema } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ContactRules } from '../compliance/contact-rules.js'
import type { ComplianceProfile } from '../compliance/profiles.js'
import { decodeWith } from '../kernel/decode.js'
import { newCampaignInput } from '../testing/campaign-fixtures.js'
import { NewCampaign } from './campaign.js'
import { campaignBounds, campaignProfiles, checkCampaign } from './campaign-bounds.js'
import { InvalidCampaign } from './errors.js'

const rules = Schema.decodeSync(ContactRules)({})
const config = { queueIds: ['unsigned', 'outstanding', 'callbacks'], linesPerAgentLimit: 3 }
const decode = decodeWith(NewCampaign, (issue) => new InvalidCampaign(issue))

const base = newCampaignInput()

/** The refusal, as field and rule, or 'saved'. */
const check = (input: Record<string, unknown>, limit = 3) => {
  const decoded = decode({ ...base, ...input })
  if (Either.isLeft(decoded)) return { field: decoded.left.field, rule: undefined }
  const checked = checkCampaign(decoded.right, { ...config, linesPerAgentLimit: limit }, rules)
  return Either.isLeft(checked) ? { field: checked.left.field, rule: checked.left.rule } : 'saved'
}

describe('a campaign inside its profiles’ bounds', () => {
  it('derives the bounds from the rules: Ofcom 3% over 24 h and 15 s; the FCC 3% over 30 days', () => {
    const profiles = (ids: string[]) => Either.getOrThrow(campaignProfiles(ids, rules))
    expect(campaignBounds(profiles(['uk-ofcom']))).toMatchObject({
      maxAbandonPercent: 3,
      defaultWindowHours: 24,
      minRingSeconds: 15,
      abandonRule: 'uk-ofcom.abandon-rate',
    })
    expect(campaignBounds(profiles(['us-tcpa', 'us-reg-f']))).toMatchObject({
      maxAbandonPercent: 3,
      defaultWindowHours: 720,
      minRingSeconds: 15,
    })
  })

  it('saves the sample campaign', () => expect(check({})).toBe('saved'))

  it('refuses a target above the 3% cap, naming the field and the rule; accepts any at or below it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (target) => {
        const result = check({ abandonTargetPercent: target })
        if (target <= 3) expect(result).toBe('saved')
        else expect(result).toEqual({ field: 'abandonTargetPercent', rule: 'uk-ofcom.abandon-rate' })
      }),
    )
  })

  it('refuses a ring timeout under 15 s (the minimum ring), whatever the profile', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 120 }), fc.constantFrom('uk-ofcom', 'us-tcpa'), (seconds, p) => {
        const result = check({ ringTimeoutSeconds: seconds, complianceProfiles: [p], abandonWindowHours: 24 })
        if (seconds >= 15) expect(result).toBe('saved')
        else expect(result).toMatchObject({ field: 'ringTimeoutSeconds' })
      }),
    )
  })

  it('allows 1 to 3 lines per agent by default, up to 5 only where the setting allows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 7, noNaN: true }),
        fc.integer({ min: 1, max: 5 }),
        (lines, limit) => {
          const result = check({ maxLinesPerAgent: lines }, limit)
          if (lines >= 1 && lines <= limit) expect(result).toBe('saved')
          else expect(result).toMatchObject({ field: 'maxLinesPerAgent' })
        },
      ),
    )
  })

  it('measures over the regulator’s period or a shorter window that divides it', () => {
    expect(check({ abandonWindowHours: 24 })).toBe('saved')
    expect(check({ abandonWindowHours: 8 })).toBe('saved')
    expect(check({ abandonWindowHours: 48 })).toEqual({
      field: 'abandonWindowHours',
      rule: 'uk-ofcom.abandon-rate',
    })
    expect(check({ abandonWindowHours: 7 })).toMatchObject({ field: 'abandonWindowHours' })
    expect(check({ complianceProfiles: ['us-tcpa'], abandonWindowHours: 720 })).toBe('saved')
    expect(check({ complianceProfiles: ['us-tcpa'], abandonWindowHours: 721 })).toMatchObject({
      field: 'abandonWindowHours',
    })
  })

  it('dials only configured queues, each once, under known profiles, base first', () => {
    expect(check({ queues: ['nope'] })).toMatchObject({ field: 'queues.0' })
    expect(check({ queues: ['unsigned', 'unsigned'] })).toMatchObject({ field: 'queues.1' })
    expect(check({ queues: [] })).toMatchObject({ field: 'queues' })
    expect(check({ complianceProfiles: ['mars'] })).toMatchObject({ field: 'complianceProfiles.0' })
    expect(check({ complianceProfiles: ['us-reg-f'] })).toMatchObject({ field: 'complianceProfiles.0' })
    expect(check({ complianceProfiles: ['us-tcpa', 'mars'] })).toMatchObject({
      field: 'complianceProfiles.1',
    })
    expect(check({ complianceProfiles: [] })).toMatchObject({ field: 'complianceProfiles' })
  })

  it('needs the message to leave when it leaves messages on machines', () => {
    expect(check({ answeringMachine: 'leave-message' })).toMatchObject({ field: 'machineMessage' })
    expect(
      check({ answeringMachine: 'leave-message', machineMessage: { say: 'Please call us back.' } }),
    ).toBe('saved')
  })

  it('takes the strictest of several profiles: the lowest cap, the longest minimum ring, a window dividing every period', () => {
    const source = { citation: 'House policy', url: 'https://example.com/policy' }
    const rule = fc.oneof(
      fc.record({
        kind: fc.constant('abandon-rate' as const),
        maxPercent: fc.double({ min: 0, max: 10, noNaN: true }),
        periodHours: fc.integer({ min: 1, max: 24 * 31 }),
      }),
      fc.record({ kind: fc.constant('minimum-ring' as const), seconds: fc.integer({ min: 1, max: 60 }) }),
    )
    fc.assert(
      fc.property(
        fc.array(fc.array(rule, { maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 24 * 31 }),
        (profileRules, window) => {
          const profiles = profileRules.map(
            (rules, p): ComplianceProfile => ({
              id: `p${p}`,
              version: '1',
              name: `Profile ${p}`,
              regions: [],
              overlay: p > 0,
              rules: rules.map((r, i) =>
                r.kind === 'abandon-rate'
                  ? { ...r, id: `p${p}.r${i}`, summary: 'cap', source, countsAmdFalsePositives: true }
                  : { ...r, id: `p${p}.r${i}`, summary: 'ring', source },
              ),
            }),
          )
          const all = profileRules.flat()
          const caps = all.flatMap((r) => (r.kind === 'abandon-rate' ? [r] : []))
          const rings = all.flatMap((r) => (r.kind === 'minimum-ring' ? [r.seconds] : []))
          const bounds = campaignBounds(profiles)
          expect(bounds.maxAbandonPercent).toBe(
            caps.length ? Math.min(...caps.map((c) => c.maxPercent)) : null,
          )
          expect(bounds.minRingSeconds).toBe(Math.max(15, ...rings))
          // A campaign under all of them, inside every other bound: only the window can be wrong.
          const checked = checkCampaign(
            Either.getOrThrow(
              decode({
                ...base,
                complianceProfiles: profiles.map((p) => p.id),
                abandonTargetPercent: 0,
                abandonWindowHours: window,
                ringTimeoutSeconds: 60,
              }),
            ),
            config,
            { ...rules, complianceProfiles: profiles },
          )
          const divides = caps.every((c) => c.periodHours % window === 0)
          expect(Either.isRight(checked)).toBe(divides)
          if (Either.isLeft(checked)) expect(checked.left.field).toBe('abandonWindowHours')
        },
      ),
    )
  })
})
