import { Schema } from 'effect'
import { describe, expect, it } from 'vitest'
import { ContactRules } from './contact-rules.js'
import { leadTimeZones } from './lead-zones.js'
import { localTime, startOfLocalDay } from './local-time.js'

const settings = Schema.decodeUnknownSync(ContactRules)({})
const uk = { e164: '+447700900123', region: 'GB' }
const us = (areaCode: string) => ({ e164: `+1${areaCode}5550123`, region: 'US' })
const address = (postalCode: string | null, region: string | null, country: string | null) => ({
  postalCode,
  region,
  country,
})

describe('the lead’s time zones', () => {
  it('reads a UK postcode, the Crown Dependencies’ own zones included', () => {
    expect(leadTimeZones(address('LS1 4AB', 'West Yorkshire', 'GB'), uk, settings)).toEqual({
      zones: ['Europe/London'],
      basis: 'address-postcode',
      detail: 'postcode LS1 4AB',
    })
    expect(leadTimeZones(address('gy1 1aa', null, null), uk, settings).zones).toEqual(['Europe/Guernsey'])
    expect(leadTimeZones(address('JE2 3AB', null, 'JE'), uk, settings).zones).toEqual(['Europe/Jersey'])
    expect(leadTimeZones(address('IM1 1AA', null, 'GB'), uk, settings).zones).toEqual(['Europe/Isle_of_Man'])
  })

  it('reads a US ZIP code, then the state, as the zones the state spans', () => {
    // A ZIP code in a split state places the person in the state: both its zones.
    expect(leadTimeZones(address('79901', 'TX', 'US'), us('915'), settings)).toEqual({
      zones: ['America/Chicago', 'America/Denver'],
      basis: 'address-zip',
      detail: 'ZIP 79901 (TX)',
    })
    expect(leadTimeZones(address('10001-1234', null, 'US'), us('212'), settings).zones).toEqual([
      'America/New_York',
    ])
    expect(leadTimeZones(address('96799', null, 'US'), us('684'), settings).zones).toEqual([
      'Pacific/Pago_Pago',
    ])
    expect(leadTimeZones(address(null, 'Arizona', 'US'), us('602'), settings)).toEqual({
      zones: ['America/Denver', 'America/Phoenix'],
      basis: 'address-state',
      detail: 'state AZ',
    })
    expect(leadTimeZones(address(null, 'ca', null), us('415'), settings).zones).toEqual([
      'America/Los_Angeles',
    ])
  })

  it('falls back to the number: the area code’s zones, every zone of an unknown one’s country', () => {
    expect(leadTimeZones(null, us('212'), settings)).toEqual({
      zones: ['America/New_York'],
      basis: 'number-area-code',
      detail: 'area code 212',
    })
    // Idaho's 208 is split between Mountain and Pacific time.
    expect(leadTimeZones(address(null, null, null), us('208'), settings).zones).toEqual([
      'America/Boise',
      'America/Denver',
      'America/Los_Angeles',
    ])
    expect(leadTimeZones(null, { e164: '+14165550123', region: 'CA' }, settings).zones).toEqual([
      'America/Toronto',
    ])
    // An area code the metadata does not have (a made-up one): the window must be open across the US.
    const unknown = leadTimeZones(null, us('999'), settings)
    expect(unknown.basis).toBe('number-region')
    expect(unknown.zones).toEqual(
      expect.arrayContaining(['America/New_York', 'Pacific/Honolulu', 'America/Adak']),
    )
    expect(leadTimeZones(address('not a postcode', null, 'GB'), uk, settings)).toMatchObject({
      zones: ['Europe/London'],
      basis: 'number-region',
    })
    expect(leadTimeZones(null, { e164: '+33612345678', region: 'FR' }, settings)).toMatchObject({
      zones: ['Europe/London'],
      basis: 'fallback',
    })
  })
})

describe('local time', () => {
  it('follows daylight saving: London and New York either side of their clock changes', () => {
    expect(localTime(new Date('2026-03-29T00:59:00Z'), 'Europe/London')).toEqual({
      day: '2026-03-29',
      minutes: 59,
    })
    expect(localTime(new Date('2026-03-29T01:00:00Z'), 'Europe/London')).toEqual({
      day: '2026-03-29',
      minutes: 120,
    })
    expect(localTime(new Date('2026-11-01T05:59:00Z'), 'America/New_York')).toEqual({
      day: '2026-11-01',
      minutes: 60 + 59,
    })
    expect(localTime(new Date('2026-11-01T06:00:00Z'), 'America/New_York')).toEqual({
      day: '2026-11-01',
      minutes: 60,
    })
  })

  it('finds local midnight on days with a clock change', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z')
    expect(startOfLocalDay('2026-03-30', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z')
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z')
    expect(startOfLocalDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z')
    expect(startOfLocalDay('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z')
    // Santiago skips midnight when its clocks go forward: the day starts at 01:00.
    expect(startOfLocalDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z')
  })
})
