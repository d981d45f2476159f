import { Effect, Redacted } from 'effect'
import twilio from 'twilio'
import { describe, expect, it } from 'vitest'
import { publicUrlOf, verifyTwilioWebhook } from './webhooks.js'

const authToken = 'test-auth-token-0123456789abcdef'
const config = { authToken: Redacted.make(authToken), publicBaseUrl: 'https://dialler.example.com' }
const sign = (url: string, params: Record<string, string>) =>
  twilio.getExpectedTwilioSignature(authToken, url, params)

describe('verifyTwilioWebhook', () => {
  const params = { CallSid: 'CA123', CallStatus: 'ringing', To: '+447700900123' }
  const body = new URLSearchParams(params).toString()
  const publicUrl = 'https://dialler.example.com/webhooks/twilio/status?session=s1'

  it('accepts a request signed for the public URL, even when it reached the app on another host', async () => {
    const request = {
      url: 'http://10.0.0.5:3000/webhooks/twilio/status?session=s1',
      method: 'POST' as const,
      headers: { 'X-Twilio-Signature': sign(publicUrl, params) },
      body,
    }
    expect(await Effect.runPromise(verifyTwilioWebhook(config, request))).toEqual({
      ...params,
      session: 's1',
    })
  })

  it('rejects a missing or tampered signature, and a tampered body', async () => {
    const base = { url: publicUrl, method: 'POST' as const, body }
    const missing = await Effect.runPromise(
      Effect.flip(verifyTwilioWebhook(config, { ...base, headers: {} })),
    )
    expect(missing.reason).toBe('missing-signature')
    const wrong = await Effect.runPromise(
      Effect.flip(verifyTwilioWebhook(config, { ...base, headers: { 'x-twilio-signature': 'AAAA' } })),
    )
    expect(wrong.reason).toBe('bad-signature')
    const tampered = await Effect.runPromise(
      Effect.flip(
        verifyTwilioWebhook(config, {
          ...base,
          body: new URLSearchParams({ ...params, CallStatus: 'completed' }).toString(),
          headers: { 'x-twilio-signature': sign(publicUrl, params) },
        }),
      ),
    )
    expect(tampered._tag).toBe('WebhookRejected')
  })

  it('checks GET webhooks over their query string', async () => {
    const url = 'https://dialler.example.com/webhooks/twilio/voice?CallSid=CA1&session=s2'
    const request = {
      url,
      method: 'GET' as const,
      headers: { 'x-twilio-signature': sign(url, {}) },
      body: '',
    }
    expect(await Effect.runPromise(verifyTwilioWebhook(config, request))).toEqual({
      CallSid: 'CA1',
      session: 's2',
    })
  })

  it('maps the seen URL onto the public base, keeping a base path', () => {
    expect(publicUrlOf('https://x.example.com/app/', 'http://localhost:3000/hook?a=1')).toBe(
      'https://x.example.com/app/hook?a=1',
    )
  })
})
