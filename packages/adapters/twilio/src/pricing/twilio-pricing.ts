import { Calls } from '@ringlane/core'
import { Effect, Layer, Option, Schema } from 'effect'

/** The slice of the `twilio` REST client pricing reads; pass `twilio(accountSid, authToken)`. */
export interface TwilioPricingClient {
  calls(sid: string): { fetch(): Promise<{ price: string | null; priceUnit: string | null }> }
  messages(sid: string): {
    fetch(): Promise<{ price: string | null; priceUnit: string | null; numSegments: string | null }>
  }
}

export interface TwilioPricingOptions {
  readonly client: TwilioPricingClient
}

/**
 * Twilio's price field: a signed decimal string (a charge is negative, e.g. "-0.01300"), null until
 * Twilio has priced the call or text, which it does a little after it ends.
 */
const TwilioPrice = Schema.NullOr(
  Schema.String.pipe(Schema.pattern(/^-?\d{1,9}(\.\d{1,10})?$/, { message: () => 'a decimal price' })),
)
const TwilioUnit = Schema.NullOr(Schema.String.pipe(Schema.pattern(/^[A-Za-z]{3}$/)))

const failure = (operation: string) => (cause: unknown) =>
  new Calls.PricingError({
    operation,
    message: `Twilio could not ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
  })

/** Twilio's price as the dialler keeps it: what was charged (positive), to 6 places, in its currency. */
const priceOf = (
  operation: string,
  fetched: { price: string | null; priceUnit: string | null },
  units: number | null,
): Effect.Effect<Option.Option<Calls.Price>, Calls.PricingError> => {
  const price = Schema.decodeUnknownEither(TwilioPrice)(fetched.price)
  const unit = Schema.decodeUnknownEither(TwilioUnit)(fetched.priceUnit)
  if (price._tag === 'Left' || unit._tag === 'Left')
    return Effect.fail(
      new Calls.PricingError({
        operation,
        message: `Twilio sent a price the dialler cannot read: ${String(fetched.price).slice(0, 40)} ${String(fetched.priceUnit).slice(0, 10)}`,
      }),
    )
  if (price.right === null || unit.right === null) return Effect.succeed(Option.none())
  const [whole = '0', fraction = ''] = price.right.replace(/^-/, '').split('.')
  // Twilio quotes up to 5 places; anything finer is rounded half up to the millionth.
  const tenthsOfMicros = BigInt(whole) * 10_000_000n + BigInt(fraction.padEnd(7, '0').slice(0, 7))
  const rounded = (tenthsOfMicros + 5n) / 10n
  return Effect.succeed(
    Option.some({ amount: Calls.fromMicros(rounded), currency: unit.right.toUpperCase(), units }),
  )
}

/**
 * What Twilio charged, read after the fact over the REST API: a call's `price` and `price_unit` on
 * its Call resource, a text's on its Message resource (with its segments). Twilio fills them in a
 * little after the call or text ends; until then the price is None and the job asks again.
 */
export const twilioPricing = (options: TwilioPricingOptions): Calls.ProviderPricingService => ({
  provider: 'twilio',
  // Twilio fills the price in a little after the end; asking sooner only finds null.
  settleSeconds: 120,
  callPrice: ({ providerCallId, talkSeconds }) =>
    Effect.tryPromise({
      try: () => options.client.calls(providerCallId).fetch(),
      catch: failure('read a call price'),
    }).pipe(
      Effect.flatMap((call) =>
        priceOf('read a call price', call, talkSeconds === null ? null : Math.ceil(talkSeconds / 60)),
      ),
    ),
  messagePrice: ({ providerMessageId, segments }) =>
    Effect.tryPromise({
      try: () => options.client.messages(providerMessageId).fetch(),
      catch: failure('read a text price'),
    }).pipe(
      Effect.flatMap((message) =>
        priceOf(
          'read a text price',
          message,
          message.numSegments !== null && /^\d+$/.test(message.numSegments)
            ? Number(message.numSegments)
            : segments,
        ),
      ),
    ),
})

/** Effect API: provides `ProviderPricing` on Twilio. */
export const pricingLayer = (options: TwilioPricingOptions) =>
  Layer.succeed(Calls.ProviderPricing, twilioPricing(options))
