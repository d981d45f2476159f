import { type E164, Messaging } from '@ringlane/core'
import { describeMessagingConformance } from '@ringlane/core/testing'
import { Effect, Redacted } from 'effect'
import { describe, expect, it } from 'vitest'
import { createSimulatorMessaging } from './simulator-messaging.js'

const options = { secret: Redacted.make('simulator-secret'), publicBaseUrl: 'https://dialler.example.com' }

describeMessagingConformance('@ringlane/simulator', async () => {
  const messaging = createSimulatorMessaging(options)
  return {
    messaging,
    sent: async () =>
      messaging.outbox().map(({ to, body, statusCallbackUrl }) => ({ to, body, statusCallbackUrl })),
    inboundWebhook: (sms) => messaging.inboundWebhook(sms),
    statusWebhook: ({ callbackUrl, providerMessageId, status, errorCode }) =>
      messaging.statusWebhook({ callbackUrl, providerMessageId, status, errorCode }),
    close: async () => {},
  }
})

describe('simulator messaging', () => {
  it('refuses sends it is scripted to refuse, with the provider code', async () => {
    const messaging = createSimulatorMessaging({
      ...options,
      refuse: (to) => (to.endsWith('9') ? '21610' : null),
    })
    const error = await Effect.runPromise(
      Effect.flip(messaging.sendSms({ to: '+447700900009' as E164, body: 'x', statusCallbackUrl: null })),
    )
    expect(error).toBeInstanceOf(Messaging.MessagingError)
    expect(error.providerCode).toBe('21610')
    expect(messaging.outbox()).toEqual([])
  })

  it('signs for its own secret only', async () => {
    const other = createSimulatorMessaging({ ...options, secret: Redacted.make('another-secret') })
    const request = createSimulatorMessaging(options).inboundWebhook({ from: '+447700900001', body: 'hi' })
    const error = await Effect.runPromise(Effect.flip(other.verifyWebhook(request)))
    expect(error.reason).toBe('bad-signature')
  })
})
