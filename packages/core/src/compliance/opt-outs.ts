import { Effect } from 'effect'
import type { CountryCode } from 'libphonenumber-js/max'
import { normalizePhoneNumber, PhoneConfig } from '../kernel/phone-numbers.js'
import { SuppressionStore } from './suppression-store.js'

/**
 * How and when each of these numbers opted out, for the ones that did (once each, in the order
 * asked). Numbers are read as everywhere else (the configured region); reading is not dialling, so
 * drama-range numbers are looked up too.
 */
export const findOptOuts = (phones: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const config = yield* PhoneConfig
    const numbers = yield* Effect.forEach(phones, (phone) =>
      Effect.map(
        normalizePhoneNumber(phone, {
          field: 'phones',
          defaultRegion: config.defaultRegion as CountryCode,
          allowFictionalNumbers: true,
        }),
        (normalized) => normalized.e164,
      ),
    )
    return yield* Effect.flatMap(SuppressionStore, (store) => store.findOptOuts(numbers))
  })
