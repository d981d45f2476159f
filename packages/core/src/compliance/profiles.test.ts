import { Either, Schema } from 'effect'
import { describe, expect, it } from 'vitest'
import { firstIssue } from '../kernel/decode.js'
import { createRinglane } from '../ringlane.js'
import { decideContact } from './contact-decision.js'
import { activeProfile, ContactRules } from './contact-rules.js'
import { ComplianceProfile } from './profiles.js'
import { shippedProfiles } from './shipped-profiles.js'

const decodeProfile = Schema.decodeUnknownEither(ComplianceProfile)
const issue = (input: unknown) =>
  Either.match(decodeProfile(input, { errors: 'first' }), {
    onLeft: (error) => firstIssue(error.issue),
    onRight: () => undefined,
  })

const source = { citation: 'House policy 4.2', url: 'https://example.com/policy#4.2' }
const own = (rules: ReadonlyArray<unknown>) => ({
  id: 'acme-house',
  version: '2026-11',
  name: 'Acme house rules',
  regions: ['GB'],
  rules,
})
const window = (start: string, end: string) => ({
  id: 'acme.evenings',
  kind: 'calling-window',
  summary: 'No calls after 8 pm',
  window: { start, end },
  source,
})

describe('jurisdiction profiles', () => {
  it('ship as valid data: every rule with an id, its numbers and an official source', () => {
    for (const profile of shippedProfiles) {
      expect(Either.isRight(decodeProfile(profile))).toBe(true)
      for (const rule of profile.rules) {
        expect(rule.id.startsWith(profile.id.split('-')[0] ?? '')).toBe(true)
        expect(rule.source.url).toMatch(
          /^https:\/\/(www\.ofcom\.org\.uk|www\.ecfr\.gov|www\.legislation\.gov\.uk)\//,
        )
      }
    }
    expect(shippedProfiles.map((p) => [p.id, p.rules.map((r) => r.kind)])).toEqual([
      [
        'uk-ofcom',
        [
          'abandon-rate',
          'no-agent-message',
          'minimum-ring',
          'redial-after-abandon',
          'redial-after-machine',
          'caller-id',
          'list-screening',
        ],
      ],
      ['us-tcpa', ['calling-window', 'abandon-rate', 'no-agent-message', 'minimum-ring', 'list-screening']],
      ['us-reg-f', ['call-frequency', 'quiet-after-conversation']],
    ])
  })

  it('refuses a rule without a source, naming the field', () => {
    const { source: _, ...unsourced } = window('08:00', '20:00')
    expect(issue(own([unsourced]))).toEqual({
      field: 'rules.0.source',
      message: 'rules.0.source: is missing',
    })
    expect(
      issue(own([{ ...window('08:00', '20:00'), source: { citation: ' ', url: source.url } }])),
    ).toMatchObject({
      field: 'rules.0.source.citation',
    })
    expect(
      issue(own([{ ...window('08:00', '20:00'), source: { citation: 'x', url: 'ftp://x' } }])),
    ).toMatchObject({
      field: 'rules.0.source.url',
    })
  })

  it('refuses a window that does not parse or crosses midnight, naming the field', () => {
    expect(issue(own([window('8am', '20:00')]))).toMatchObject({ field: 'rules.0.window.start' })
    expect(issue(own([window('21:00', '08:00')]))).toEqual({
      field: 'rules.0.window.end',
      message:
        'rules.0.window.end: a calling window must end after it starts on the same day (21:00–08:00 crosses midnight or is empty); split it into two rules',
    })
  })

  it('refuses a profile with a rule id twice', () => {
    expect(issue(own([window('08:00', '20:00'), window('09:00', '20:00')]))).toMatchObject({
      field: 'rules.1.id',
    })
  })

  it('picks the default profile, overlays and the user’s own from the settings', () => {
    const decode = Schema.decodeUnknownSync(ContactRules)
    expect(Either.getOrThrow(activeProfile(decode({}))).profile.id).toBe('uk-ofcom')
    const us = Either.getOrThrow(
      activeProfile(decode({ complianceProfile: 'us-tcpa', complianceOverlays: ['us-reg-f'] })),
    )
    expect([us.profile.id, ...us.overlays.map((o) => o.id)]).toEqual(['us-tcpa', 'us-reg-f'])
    const mine = decode({
      complianceProfile: 'acme-house',
      complianceProfiles: [own([window('09:00', '20:00')])],
    })
    const active = Either.getOrThrow(activeProfile(mine))
    const decision = decideContact({
      now: new Date('2026-07-01T19:30:00Z'), // 20:30 in London (BST)
      rules: { ...mine, callingWindow: null },
      active,
      zones: { zones: ['Europe/London'], basis: 'address-postcode', detail: 'postcode LS1 4AB' },
      history: null,
      agentGuaranteed: true,
    })
    expect(decision.refusals).toEqual([
      {
        code: 'outside_calling_window',
        ruleId: 'acme.evenings',
        message: 'It is outside calling hours (09:00–20:00) where this person lives (20:30 in Europe/London)',
      },
    ])
    expect(decision.evidence).toMatchObject({
      profile: { id: 'acme-house', version: '2026-11' },
      checked: expect.arrayContaining([
        { ruleId: 'acme.evenings', profileId: 'acme-house', profileVersion: '2026-11', outcome: 'refused' },
      ]),
      facts: {
        zones: [{ zone: 'Europe/London', localTime: '2026-07-01 20:30' }],
        window: { start: '09:00', end: '20:00' },
      },
    })
  })

  it('createRinglane refuses bad profile settings with InvalidSettings naming the field', async () => {
    const refused = (settings: object) => createRinglane({ stores: {}, settings })
    await expect(refused({ complianceProfile: 'nowhere' })).rejects.toMatchObject({
      _tag: 'InvalidSettings',
      field: 'complianceProfile',
    })
    await expect(refused({ complianceProfile: 'us-reg-f' })).rejects.toThrow(/is an overlay/)
    await expect(refused({ complianceOverlays: ['us-tcpa'] })).rejects.toMatchObject({
      field: 'complianceOverlays.0',
    })
    await expect(refused({ complianceProfiles: [{ ...own([]), id: 'us-tcpa' }] })).rejects.toMatchObject({
      field: 'complianceProfiles.0.id',
    })
    await expect(
      refused({ complianceProfiles: [own([{ ...window('08:00', '20:00'), source: undefined }])] }),
    ).rejects.toMatchObject({ _tag: 'InvalidSettings', field: 'complianceProfiles.0.rules.0.source' })
    await expect(refused({ callingWindow: { start: '21:00', end: '08:00' } })).rejects.toMatchObject({
      field: 'callingWindow.end',
    })
    await expect(refused({ timeZoneByRegion: { US: 'EST' } })).rejects.toMatchObject({
      field: 'timeZoneByRegion.US',
    })
    const ringlane = await createRinglane({
      stores: {},
      settings: { complianceProfile: 'us-tcpa', complianceOverlays: ['us-reg-f'] },
    })
    await ringlane.dispose()
  })
})
