import { Effect, Option } from 'effect'
import { setupServer } from 'msw/node'
import twilio from 'twilio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeTwilioAccount } from '../testing/twilio-rest.js'
import { twilioPricing } from './twilio-pricing.js'

const accountSid = `AC${'1'.repeat(32)}`
const authToken = 'pricing-auth-token'
const account = createFakeTwilioAccount({ accountSid, authToken })
const server = setupServer(...account.handlers)
const pricing = twilioPricing({ client: twilio(accountSid, authToken) })
const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const endedCall = (price: string | null, unit = 'GBP') => {
  const sid = account.addCall({
    to: '+447700900123',
    from: '+441632960001',
    status: 'completed',
    duration: '61',
    answered_by: 'human',
    start_time: 'Fri, 20 Nov 2026 10:00:00 +0000',
    end_time: 'Fri, 20 Nov 2026 10:01:01 +0000',
    price,
    price_unit: unit,
  })
  return sid
}

describe('Twilio pricing', () => {
  it("reads a call's price from its Call resource: Twilio's negative charge as a positive amount", async () => {
    const sid = endedCall('-0.02600')
    expect(await run(pricing.callPrice({ providerCallId: sid, talkSeconds: 61 }))).toEqual(
      Option.some({ amount: '0.026000', currency: 'GBP', units: 2 }),
    )
  })

  it('keeps whole units and rounds what is finer than a millionth half up', async () => {
    const sid = endedCall('-12.3456785', 'usd')
    expect(await run(pricing.callPrice({ providerCallId: sid, talkSeconds: null }))).toEqual(
      Option.some({ amount: '12.345679', currency: 'USD', units: null }),
    )
  })

  it('answers None while Twilio has not priced the call yet', async () => {
    const sid = endedCall(null)
    expect(await run(pricing.callPrice({ providerCallId: sid, talkSeconds: 61 }))).toEqual(Option.none())
  })

  it('fails with PricingError for a call Twilio does not know, and for a price it cannot read', async () => {
    const unknown = await run(
      Effect.flip(pricing.callPrice({ providerCallId: `CA${'9'.repeat(32)}`, talkSeconds: 1 })),
    )
    expect(unknown).toMatchObject({ _tag: 'PricingError', operation: 'read a call price' })
    const garbled = endedCall('about a penny')
    expect(
      await run(Effect.flip(pricing.callPrice({ providerCallId: garbled, talkSeconds: 1 }))),
    ).toMatchObject({
      _tag: 'PricingError',
    })
  })

  it("reads a text's price and segments from its Message resource", async () => {
    const sid = account.newSid('SM')
    account.messages.push({
      sid,
      to: '+447700900123',
      from: '+441632960001',
      messaging_service_sid: null,
      body: 'Hello',
      status: 'delivered',
      status_callback: null,
      num_segments: '2',
      price: '-0.08000',
      price_unit: 'USD',
    })
    expect(await run(pricing.messagePrice({ providerMessageId: sid, segments: 1 }))).toEqual(
      Option.some({ amount: '0.080000', currency: 'USD', units: 2 }),
    )
  })
})
