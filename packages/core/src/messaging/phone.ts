import type { CountryCode } from 'libphonenumber-js'
import { normalizePhoneNumber } from '../kernel/phone-numbers.js'
import type { MessagingSettings } from './messaging-config.js'

/** Normalizes a number the way the messaging settings say (region, drama numbers for demos). */
export const normalizeForSms = (input: string, settings: MessagingSettings, field: string) =>
  normalizePhoneNumber(input, {
    field,
    // The settings schema only admits two capital letters; libphonenumber refuses unknown regions.
    defaultRegion: settings.defaultRegion as CountryCode,
    allowFictionalNumbers: settings.allowFictionalNumbers,
  })
