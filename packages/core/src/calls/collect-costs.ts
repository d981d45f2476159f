import { Effect, Option, Schema } from 'effect'
import { firstIssue } from '../kernel/decode.js'
import { currentDate, DAY } from '../kernel/time.js'
import { CostStore, InvalidCostRequest } from './cost-store.js'
import { ProviderPricing } from './pricing.js'

/** Providers price a call a little after it ends; asked sooner, they answer "no price yet". */
const SETTLE_SECONDS = 120
/** Past this, a call or text the provider never priced is left alone. */
const GIVE_UP_MS = 7 * DAY

const CollectOptions = Schema.Struct({
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1000)), { default: () => 100 }),
})

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
    const { limit } = yield* Schema.decodeUnknown(CollectOptions)(options).pipe(
      Effect.mapError((error) => new InvalidCostRequest(firstIssue(error.issue))),
    )
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

    const calls = yield* store.unpricedCalls({
      provider: pricing.provider,
      endedAfter: window.after,
      endedBefore: window.before,
      limit,
    })
    for (const call of calls) {
      const price = yield* Effect.either(Effect.suspend(() => pricing.callPrice(call)))
      if (price._tag === 'Left') {
        report.failed++
        yield* warn('call', price.left)
      } else if (Option.isNone(price.right)) report.notYetPriced++
      else {
        const created = yield* store.recordCost(
          {
            kind: 'call',
            provider: pricing.provider,
            providerId: call.providerCallId,
            sessionId: call.sessionId,
            occurredAt: call.endedAt,
            ...price.right.value,
          },
          now,
        )
        if (created) report.callsPriced++
      }
    }

    const messages = yield* store.unpricedMessages({
      sentAfter: window.after,
      sentBefore: window.before,
      limit,
    })
    for (const message of messages) {
      const price = yield* Effect.either(Effect.suspend(() => pricing.messagePrice(message)))
      if (price._tag === 'Left') {
        report.failed++
        yield* warn('text', price.left)
      } else if (Option.isNone(price.right)) report.notYetPriced++
      else {
        const created = yield* store.recordCost(
          {
            kind: 'message',
            provider: pricing.provider,
            providerId: message.providerMessageId,
            messageId: message.messageId,
            occurredAt: message.sentAt,
            ...price.right.value,
          },
          now,
        )
        if (created) report.messagesPriced++
      }
    }
    return report satisfies CostCollectionReport
  })
