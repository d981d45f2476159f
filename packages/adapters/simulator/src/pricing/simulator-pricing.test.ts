import { Effect, Option } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSimulatorPricing } from './simulator-pricing.js'

const price = (effect: Effect.Effect<Option.Option<unknown>, unknown>) =>
  Option.getOrThrow(Effect.runSync(effect))

describe('simulator pricing', () => {
  it('charges each started minute of talk at the per-minute rate', () => {
    const pricing = createSimulatorPricing({ currency: 'GBP', perMinute: '0.0130' })
    const call = (talkSeconds: number | null) =>
      price(pricing.callPrice({ providerCallId: 'CA1', talkSeconds }))
    expect(call(null)).toEqual({ amount: '0.000000', currency: 'GBP', units: 0 })
    expect(call(1)).toEqual({ amount: '0.013000', currency: 'GBP', units: 1 })
    expect(call(60)).toEqual({ amount: '0.013000', currency: 'GBP', units: 1 })
    expect(call(61)).toEqual({ amount: '0.026000', currency: 'GBP', units: 2 })
    expect(call(3600)).toEqual({ amount: '0.780000', currency: 'GBP', units: 60 })
  })

  it('charges each segment of a text at the per-segment rate, exactly', () => {
    const pricing = createSimulatorPricing({ currency: 'USD', perSegment: '0.0079' })
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), (segments) => {
        const { amount, currency, units } = price(
          pricing.messagePrice({ providerMessageId: 'SM1', segments }),
        ) as {
          amount: string
          currency: string
          units: number
        }
        expect(currency).toBe('USD')
        expect(units).toBe(segments)
        // 0.0079 × n, in millionths: 7900 n.
        expect(amount).toBe(`0.${String(7900 * segments).padStart(6, '0')}`)
      }),
    )
  })

  it('refuses rates that are not money', () => {
    expect(() => createSimulatorPricing({ perMinute: '-1' })).toThrow(/rates are not valid/)
    expect(() => createSimulatorPricing({ perMinute: '0.1234567' })).toThrow(/rates are not valid/)
    expect(() => createSimulatorPricing({ currency: 'pounds' })).toThrow(/rates are not valid/)
  })
})
