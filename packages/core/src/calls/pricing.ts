import { Context, type Effect, type Option, Schema } from 'effect'
import { Amount, Currency } from './money.js'

/** The provider could not be asked for a price (network, refusal, an answer it could not read). */
export class PricingError extends Schema.TaggedError<PricingError>()('PricingError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** What the provider charged for one call or text, in its currency; `units` are minutes or segments. */
export const Price = Schema.Struct({
  amount: Amount,
  currency: Currency,
  units: Schema.NullOr(Schema.Int.pipe(Schema.nonNegative())),
})
export type Price = typeof Price.Type

/**
 * What a provider charged, asked after the fact: providers price a call or a text once it is over
 * (Twilio a little after), so None means "not priced yet, ask again later".
 */
export interface ProviderPricingService {
  /** The provider whose calls it prices (`twilio`, `simulator`): only its calls are asked about. */
  readonly provider: string
  /** How long after a call or text ends the provider has priced it (default 120 s; 0 when at once). */
  readonly settleSeconds?: number
  readonly callPrice: (call: {
    readonly providerCallId: string
    readonly talkSeconds: number | null
  }) => Effect.Effect<Option.Option<Price>, PricingError>
  readonly messagePrice: (message: {
    readonly providerMessageId: string
    readonly segments: number
  }) => Effect.Effect<Option.Option<Price>, PricingError>
}

export class ProviderPricing extends Context.Tag('@ringlane/core/ProviderPricing')<
  ProviderPricing,
  ProviderPricingService
>() {}
