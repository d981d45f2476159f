import { Schema } from 'effect'

/** A non-negative amount of money as a decimal string with at most 6 places (`0.0130`): never a float. */
export const Amount = Schema.String.pipe(
  Schema.pattern(/^\d{1,9}(\.\d{1,6})?$/, {
    message: () => 'an amount as a decimal number with at most 6 places, e.g. 0.0130',
  }),
)
export type Amount = typeof Amount.Type

/** An ISO 4217 currency code, e.g. GBP, USD. */
export const Currency = Schema.String.pipe(
  Schema.pattern(/^[A-Z]{3}$/, { message: () => 'a currency as its ISO 4217 code, e.g. GBP' }),
)

const SCALE = 1_000_000n

/** An amount in millionths of its currency, exactly. */
export const toMicros = (amount: Amount): bigint => {
  const [whole = '0', fraction = ''] = amount.split('.')
  return BigInt(whole) * SCALE + BigInt(fraction.padEnd(6, '0'))
}

/** Millionths back to a decimal string with 6 places. */
export const fromMicros = (micros: bigint): Amount =>
  `${micros / SCALE}.${(micros % SCALE).toString().padStart(6, '0')}`

/** `rate` times `units`, exactly (a per-minute rate by minutes, a per-segment rate by segments). */
export const times = (rate: Amount, units: number): Amount => fromMicros(toMicros(rate) * BigInt(units))
