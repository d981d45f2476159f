import type { E164 } from '@ringlane/core'
import { describeMessagingConformance } from '@ringlane/core/testing'
import { Effect, Redacted } from 'effect'
import { setupServer } from 'msw/node'
import twilio from 'twilio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeTwilioAccount } from '../testing/twilio-rest.js'
import { signedLikeTwilio } from '../twilio.test.support.js'
import { twilioMessaging } from './twilio-messaging.js'

const accountSid = `AC${'4'.repeat(32)}`
const authToken = 'messaging-auth-token'
const publicBaseUrl = 'https://dialler.example.com'
const account = createFakeTwilioAccount({ accountSid, authToken })
const server = setupServer(...account.handlers)
const webhooks = { authToken: Redacted.make(authToken), publicBaseUrl }
const client = twilio(accountSid, authToken)
const to = '+447700900123' as E164

const signed = (url: string, params: Record<string, string>) => signedLikeTwilio(authToken, url, params)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

describeMessagingConformance('@ringlane/twilio', async () => ({
  messaging: twilioMessaging({ client, sender: { from: '+441632960001' }, webhooks }),
  sent: async () =>
    account.messages.map((m) => ({ to: m.to, body: m.body, statusCallbackUrl: m.status_callback })),
  inboundWebhook: ({ providerMessageId, from, body }) =>
    signed(`${publicBaseUrl}/webhooks/sms/inbound`, {
      AccountSid: accountSid,
      MessageSid: providerMessageId,
      SmsSid: providerMessageId,
      From: from,
      To: '+441632960001',
      Body: body,
      NumMedia: '0',
    }),
  statusWebhook: ({ callbackUrl, providerMessageId, status, errorCode }) =>
    signed(callbackUrl, {
      AccountSid: accountSid,
      MessageSid: providerMessageId,
      MessageStatus: status,
      ...(errorCode !== null && { ErrorCode: errorCode }),
    }),
  close: async () => {},
}))

describe('Twilio messaging', () => {
  it('sends through a Messaging Service when given one', async () => {
    const service = `MG${'a'.repeat(32)}`
    const messaging = twilioMessaging({ client, sender: { messagingServiceSid: service }, webhooks })
    const sent = await Effect.runPromise(
      messaging.sendSms({ to, body: 'via service', statusCallbackUrl: null }),
    )
    // Twilio says `accepted` while the service picks a sender: that is queued in Ringlane's words.
    expect(sent.status).toBe('queued')
    expect(account.messages.at(-1)).toMatchObject({ messaging_service_sid: service, from: null, to })
  })

  it('passes on Twilio’s refusal with its code', async () => {
    account.refusedNumbers.set('+447700900777', 21610)
    const messaging = twilioMessaging({ client, sender: { from: '+441632960001' }, webhooks })
    const error = await Effect.runPromise(
      Effect.flip(messaging.sendSms({ to: '+447700900777' as E164, body: 'x', statusCallbackUrl: null })),
    )
    expect(error).toMatchObject({ _tag: 'MessagingError', providerCode: '21610' })
    expect(error.message).toContain('21610')
  })

  it('maps Twilio’s statuses to Ringlane’s and refuses unknown ones, naming the field', async () => {
    const messaging = twilioMessaging({ client, sender: { from: '+441632960001' }, webhooks })
    const parse = (MessageStatus: string) =>
      Effect.runPromise(Effect.either(messaging.parseDeliveryStatus({ MessageSid: 'SM1', MessageStatus })))
    expect(await parse('undelivered')).toMatchObject({ right: { status: 'undelivered' } })
    expect(await parse('canceled')).toMatchObject({ right: { status: 'failed' } })
    expect(await parse('exploded')).toMatchObject({
      left: { _tag: 'InvalidWebhook', field: 'MessageStatus' },
    })
  })

  it('refuses a sender that is neither a Messaging Service nor a number', () => {
    expect(() => twilioMessaging({ client, sender: { from: 'not a valid sender id!' }, webhooks })).toThrow(
      /from/,
    )
  })
})
