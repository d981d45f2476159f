import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import type { E164 } from '../kernel/phone-numbers.js'
import type { DeliveryStatus, MessagingService } from '../messaging/messaging.js'
import type { WebhookRequest } from '../telephony/telephony.js'
import { withFixture } from './suite.js'

/** A text as the provider received it from the adapter. */
export interface ProviderReceivedSms {
  readonly to: string
  readonly body: string
  readonly statusCallbackUrl: string | null
}

export interface MessagingFixture {
  readonly messaging: MessagingService
  /** What the provider was asked to send, in order (msw's record of requests, the simulator's outbox). */
  readonly sent: () => Promise<ReadonlyArray<ProviderReceivedSms>>
  /** An inbound-SMS webhook exactly as the provider would send it, signed. */
  readonly inboundWebhook: (sms: {
    readonly providerMessageId: string
    readonly from: string
    readonly body: string
  }) => WebhookRequest
  /**
   * A delivery-status webhook as the provider would send it, signed, to the status callback URL the
   * adapter gave it (`callbackUrl`) with the provider's own status name for `status`.
   */
  readonly statusWebhook: (event: {
    readonly callbackUrl: string
    readonly providerMessageId: string
    readonly status: Extract<DeliveryStatus, 'sent' | 'delivered' | 'failed'>
    readonly errorCode: string | null
  }) => WebhookRequest
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const to = '+447700900123' as E164
const callback =
  'https://dialler.example.com/webhooks/sms/status?message=8c1d7f6e-0000-4000-8000-000000000001'

/**
 * The contract every SMS provider adapter meets: it sends exactly what it is given, and only accepts
 * webhooks the provider signed. Call it once from the adapter's test file.
 */
export const describeMessagingConformance = (name: string, setup: () => Promise<MessagingFixture>) =>
  describe(`Messaging conformance: ${name}`, () => {
    let fixture: MessagingFixture
    let messaging: MessagingService
    withFixture(setup, (opened) => {
      fixture = opened
      messaging = fixture.messaging
    })

    it('sends a text to the number with its status callback and returns the provider id', async () => {
      const before = (await fixture.sent()).length
      const sent = await run(
        messaging.sendSms({ to, body: 'Your link: https://x.example/a', statusCallbackUrl: callback }),
      )
      expect(sent.providerMessageId).toMatch(/\S/)
      expect(['queued', 'sending', 'sent', 'delivered']).toContain(sent.status)
      const received = (await fixture.sent()).slice(before)
      expect(received).toEqual([{ to, body: 'Your link: https://x.example/a', statusCallbackUrl: callback }])
      await run(messaging.sendSms({ to, body: 'no callback', statusCallbackUrl: null }))
      expect((await fixture.sent()).at(-1)?.statusCallbackUrl).toBeNull()
    })

    it('accepts a signed inbound webhook and parses the text', async () => {
      const request = fixture.inboundWebhook({
        providerMessageId: 'SMin1',
        from: '+447700900456',
        body: 'Stop!',
      })
      const inbound = await run(Effect.flatMap(messaging.verifyWebhook(request), messaging.parseInboundSms))
      expect(inbound).toMatchObject({ providerMessageId: 'SMin1', from: '+447700900456', body: 'Stop!' })
      expect(inbound.receivedAt).toBeInstanceOf(Date)
    })

    it('refuses an unsigned webhook and one whose body was changed after signing', async () => {
      const request = fixture.inboundWebhook({
        providerMessageId: 'SMin2',
        from: '+447700900456',
        body: 'hi',
      })
      const unsigned = { ...request, headers: {} }
      expect(await run(Effect.flip(messaging.verifyWebhook(unsigned)))).toMatchObject({
        _tag: 'WebhookRejected',
        reason: 'missing-signature',
      })
      const tampered = { ...request, body: request.body.replace('hi', 'STOP') }
      expect(await run(Effect.flip(messaging.verifyWebhook(tampered)))).toMatchObject({
        _tag: 'WebhookRejected',
        reason: 'bad-signature',
      })
    })

    it('parses delivery statuses with our message id from the callback URL', async () => {
      for (const status of ['sent', 'delivered', 'failed'] as const) {
        const request = fixture.statusWebhook({
          callbackUrl: callback,
          providerMessageId: 'SMout1',
          status,
          errorCode: status === 'failed' ? '30003' : null,
        })
        const event = await run(
          Effect.flatMap(messaging.verifyWebhook(request), messaging.parseDeliveryStatus),
        )
        expect(event).toMatchObject({
          providerMessageId: 'SMout1',
          messageId: '8c1d7f6e-0000-4000-8000-000000000001',
          status,
          errorCode: status === 'failed' ? '30003' : null,
        })
      }
    })

    it('names the missing field of a signed but malformed webhook', async () => {
      const request = fixture.inboundWebhook({ providerMessageId: 'SMin3', from: '', body: 'hi' })
      const error = await run(
        Effect.flip(Effect.flatMap(messaging.verifyWebhook(request), messaging.parseInboundSms)),
      )
      expect(error).toMatchObject({ _tag: 'InvalidWebhook', field: 'From' })
    })
  })
