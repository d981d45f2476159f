import { nanpAreaCodeZones } from './zones/nanp-area-codes.js'
import { usStateNames, usStateZones, usZipExceptions, usZipPrefixes } from './zones/us-addresses.js'

/** Where the lead lives, as far as the zone goes (the leads area's `Address` fits). */
export interface AddressForZones {
  readonly postalCode: string | null
  /** County, state or province. */
  readonly region: string | null
  /** ISO 3166 alpha-2, when the source knows it. */
  readonly country: string | null
}

/** The number being called, normalised: E.164 and libphonenumber's region (`parsePhoneNumber(...).country`). */
export interface NumberForZones {
  readonly e164: string
  readonly region: string | undefined
}

export interface ZoneSettings {
  /** One zone per region, for numbers outside North America. */
  readonly timeZoneByRegion: Readonly<Record<string, string>>
  /** When nothing else says where the lead is. */
  readonly fallbackTimeZone: string
}

/** What the zone was read from, most precise first. */
export type ZoneBasis =
  | 'address-postcode'
  | 'address-zip'
  | 'address-state'
  | 'number-area-code'
  | 'number-region'
  | 'fallback'

/**
 * The zones the lead may be in. More than one when the source is ambiguous (a state or an area code
 * split between zones): a call is then allowed only when every rule holds in all of them.
 */
export interface LeadZones {
  readonly zones: ReadonlyArray<string>
  readonly basis: ZoneBasis
  /** What was read, e.g. `postcode SW1A 1AA`, `area code 208`. */
  readonly detail: string
}

const areaCodeZones = new Map<string, ReadonlyArray<string>>(
  nanpAreaCodeZones.flatMap(([zones, lines]) =>
    lines.flatMap((line) => line.split(' ').map((code) => [code, zones] as const)),
  ),
)

const unique = (zones: ReadonlyArray<string>) => [...new Set(zones)].sort()

const STATES = Object.keys(usStateZones).filter((s) => !['PR', 'VI', 'GU', 'MP', 'AS'].includes(s))
/** Every zone of a country, for a number whose area code the metadata does not know. */
const countryZones: Readonly<Record<string, ReadonlyArray<string>>> = {
  US: unique(STATES.flatMap((s) => usStateZones[s] ?? [])),
  CA: [
    'America/St_Johns',
    'America/Halifax',
    'America/Toronto',
    'America/Winnipeg',
    'America/Regina',
    'America/Edmonton',
    'America/Vancouver',
    'America/Whitehorse',
  ],
}

const UK = new Set(['GB', 'UK', 'GG', 'JE', 'IM'])
const US = new Set(['US', 'USA', 'PR', 'VI', 'GU', 'MP', 'AS'])
const UK_POSTCODE = /^([A-Z]{1,2})\d[A-Z\d]? ?\d[A-Z]{2}$/
const UK_CROWN_DEPENDENCIES: Readonly<Record<string, string>> = {
  GY: 'Europe/Guernsey',
  JE: 'Europe/Jersey',
  IM: 'Europe/Isle_of_Man',
}

const stateOfZip = (zip: string) => {
  const exception = usZipExceptions[zip]
  if (exception) return exception
  const prefix = Number(zip.slice(0, 3))
  return usZipPrefixes.find(([from, to]) => prefix >= from && prefix <= to)?.[2]
}

const stateOf = (region: string) => {
  const upper = region.trim().toUpperCase()
  return usStateZones[upper] ? upper : usStateNames[region.trim().toLowerCase()]
}

const fromAddress = (address: AddressForZones, numberRegion: string | undefined): LeadZones | undefined => {
  const country = address.country?.trim().toUpperCase() || numberRegion
  if (!country) return undefined
  const postalCode = address.postalCode?.trim().toUpperCase() ?? ''
  if (UK.has(country)) {
    const match = UK_POSTCODE.exec(postalCode)
    if (!match) return undefined
    const area = match[1] ?? ''
    return {
      zones: [UK_CROWN_DEPENDENCIES[area] ?? 'Europe/London'],
      basis: 'address-postcode',
      detail: `postcode ${postalCode}`,
    }
  }
  if (US.has(country)) {
    const zip = /^(\d{5})(-\d{4})?$/.exec(postalCode)?.[1]
    const zipState = zip ? stateOfZip(zip) : undefined
    const zipZones = zipState ? usStateZones[zipState] : undefined
    if (zip && zipState && zipZones)
      return { zones: unique(zipZones), basis: 'address-zip', detail: `ZIP ${zip} (${zipState})` }
    const state = address.region ? stateOf(address.region) : undefined
    const stateZones = state ? usStateZones[state] : undefined
    if (state && stateZones)
      return { zones: unique(stateZones), basis: 'address-state', detail: `state ${state}` }
  }
  return undefined
}

const fromNumber = (number: NumberForZones, settings: ZoneSettings): LeadZones | undefined => {
  const override = number.region ? settings.timeZoneByRegion[number.region] : undefined
  if (override) return { zones: [override], basis: 'number-region', detail: `region ${number.region}` }
  if (number.e164.startsWith('+1')) {
    const areaCode = number.e164.slice(2, 5)
    const zones = areaCodeZones.get(areaCode)
    if (zones) return { zones: unique(zones), basis: 'number-area-code', detail: `area code ${areaCode}` }
  }
  const zones = number.region ? countryZones[number.region] : undefined
  if (zones) return { zones, basis: 'number-region', detail: `region ${number.region}` }
  return undefined
}

/**
 * The lead's time zone(s): from the address where the source has one (a UK postcode, a US ZIP code or
 * state), else from the number (its North American area code, or its region), else the fallback.
 */
export const leadTimeZones = (
  address: AddressForZones | null | undefined,
  number: NumberForZones,
  settings: ZoneSettings,
): LeadZones =>
  (address ? fromAddress(address, number.region) : undefined) ??
  fromNumber(number, settings) ?? {
    zones: [settings.fallbackTimeZone],
    basis: 'fallback',
    detail: number.region ? `no zone known for region ${number.region}` : 'no zone known',
  }
