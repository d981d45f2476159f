import { Calls } from '@ringlane/core'
import { Effect, Layer, Option, Schema } from 'effect'

/** The simulator's price list: what a minute of a call and a segment of a text cost. */
export const SimulatorRates = Schema.Struct({
  currency: Schema.optionalWith(Calls.Currency, { default: () => 'GBP' }),
  /** Per started minute of talk, as carriers bill (61 seconds are two minutes). */
  perMinute: Schema.optionalWith(Calls.Amount, { default: () => '0.0130' }),
  /** Per segment of a text (a 161-character GSM text is two). */
  perSegment: Schema.optionalWith(Calls.Amount, { default: () => '0.0400' }),
})
export type SimulatorRatesInput = typeof SimulatorRates.Encoded

export class InvalidSimulatorRates extends Schema.TaggedError<InvalidSimulatorRates>()(
  'InvalidSimulatorRates',
  { message: Schema.String },
) {}

/**
 * Simulated provider prices from configurable rates: a call costs its started minutes of talk at the
 * per-minute rate (nothing when nobody answered), a text its segments at the per-segment rate.
 * Prices are known at once, as if the provider had already priced them.
 */
export const createSimulatorPricing = (rates: SimulatorRatesInput = {}): Calls.ProviderPricingService => {
  const decoded = Schema.decodeUnknownEither(SimulatorRates)(rates)
  if (decoded._tag === 'Left') {
    throw new InvalidSimulatorRates({
      message: `The simulator's rates are not valid: ${decoded.left.message}`,
    })
  }
  const { currency, perMinute, perSegment } = decoded.right
  return {
    provider: 'simulator',
    settleSeconds: 0,
    callPrice: ({ talkSeconds }) =>
      Effect.sync(() => {
        const minutes = Math.ceil(Math.max(0, talkSeconds ?? 0) / 60)
        return Option.some({ amount: Calls.times(perMinute, minutes), currency, units: minutes })
      }),
    messagePrice: ({ segments }) =>
      Effect.succeed(Option.some({ amount: Calls.times(perSegment, segments), currency, units: segments })),
  }
}

/** Effect API: provides `ProviderPricing` from the simulator's rates. */
export const pricingLayer = (rates: SimulatorRatesInput = {}) =>
  Layer.sync(Calls.ProviderPricing, () => createSimulatorPricing(rates))
