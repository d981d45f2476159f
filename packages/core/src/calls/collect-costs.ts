import { Effect, Option } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { JobOptions } from '../kernel/job-options.js'
import { currentDate, DAY } from '../kernel/time.js'
import { CostStore, InvalidCostRequest, type NewCost } from './cost-store.js'
import { type Price, type PricingError, ProviderPricing } from './pricing.js'

/** Providers price a call a little after it ends; asked sooner, they answer "no price yet". */
const SETTLE_SECONDS = 120
/** Past this, a call or text the provider never priced is left alone. */
const GIVE_UP_MS = 7 * DAY

const decodeOptions = decodeWith(JobOptions(100), (issue) => new InvalidCostRequest(issue))

export interface CostCollectionReport {
  readonly callsPriced: number
  readonly messagesPriced: number
  /** Not priced by the provider yet: asked again next run. */
  readonly notYetPriced: number
  /** The provider could not be asked; logged, asked again next run. */
  readonly failed: number
}

/**
 * The cost-collection job: asks the provider what each ended call and sent text cost (its REST API,
 * after the fact) and keeps the price with its currency. A failed look-up is logged and counted and
 * tried again on the next run, for a week.
 */
export const collectCosts = (options: { readonly limit?: number } = {}) =>
  Effect.gen(function* () {
    const { limit } = yield* decodeOptions(options)
    const pricing = yield* ProviderPricing
    const store = yield* CostStore
    const now = yield* currentDate
    const settleMs = Math.max(0, pricing.settleSeconds ?? SETTLE_SECONDS) * 1000
    // Inclusive of now for a provider that prices at once.
    const window = { after: new Date(+now - GIVE_UP_MS), before: new Date(+now - settleMs + 1) }
    const report = { callsPriced: 0, messagesPriced: 0, notYetPriced: 0, failed: 0 }
    const warn = (what: string, error: { readonly message: string }) =>
      Effect.logWarning(`A ${what} price could not be read from the provider`).pipe(
        Effect.annotateLogs({ provider: pricing.provider, reason: error.message }),
      )

    /** Asks each item's price and records the prices given: how many it recorded. */
    const priceEach = <Item>(
      items: ReadonlyArray<Item>,
      what: string,
      priceOf: (item: Item) => Effect.Effect<Option.Option<Price>, PricingError>,
      costOf: (item: Item, price: Price) => NewCost,
    ) =>
      Effect.gen(function* () {
        let recorded = 0
        for (const item of items) {
          const price = yield* Effect.either(Effect.suspend(() => priceOf(item)))
          if (price._tag === 'Left') {
            report.failed++
            yield* warn(what, price.left)
          } else if (Option.isNone(price.right)) report.notYetPriced++
          else if (yield* store.recordCost(costOf(item, price.right.value), now)) recorded++
        }
        return recorded
      })

    const calls = yield* store.unpricedCalls({
      provider: pricing.provider,
      endedAfter: window.after,
      endedBefore: window.before,
      limit,
    })
    report.callsPriced = yield* priceEach(
      calls,
      'call',
      (call) => pricing.callPrice(call),
      (call, price) => ({
        kind: 'call',
        provider: pricing.provider,
        providerId: call.providerCallId,
        sessionId: call.sessionId,
        occurredAt: call.endedAt,
        ...price,
      }),
    )

    const messages = yield* store.unpricedMessages({
      sentAfter: window.after,
      sentBefore: window.before,
      limit,
    })
    report.messagesPriced = yield* priceEach(
      messages,
      'text',
      (message) => pricing.messagePrice(message),
      (message, price) => ({
        kind: 'message',
        provider: pricing.provider,
        providerId: message.providerMessageId,
        messageId: message.messageId,
        occurredAt: message.sentAt,
        ...price,
      }),
    )
    return report satisfies CostCollectionReport
  })
