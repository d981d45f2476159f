import { Calls, type E164 } from '@ringlane/core'
import { describeTelephonyConformance } from '@ringlane/core/testing'
import { Effect, Redacted, Schema } from 'effect'
import { setupServer } from 'msw/node'
import twilio from 'twilio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessTokenConfig } from '../access-token.js'
import { createFakeTwilioAccount } from '../testing/twilio-rest.js'
import { signedLikeTwilio } from '../twilio.test.support.js'
import { twilioTelephony } from './twilio-telephony.js'

const accountSid = `AC${'1'.repeat(32)}`
const authToken = 'conformance-auth-token'
const publicBaseUrl = 'https://dialler.example.com'
const account = createFakeTwilioAccount({ accountSid, authToken })
const server = setupServer(...account.handlers)

const telephony = twilioTelephony({
  client: twilio(accountSid, authToken),
  credentials: { username: accountSid, password: Redacted.make(authToken) },
  accessToken: Schema.decodeUnknownSync(AccessTokenConfig)({
    accountSid,
    apiKeySid: `SK${'2'.repeat(32)}`,
    apiKeySecret: 'api-key-secret',
    twimlAppSid: `AP${'3'.repeat(32)}`,
  }),
  webhooks: { authToken: Redacted.make(authToken), publicBaseUrl },
  callerId: '+441632960001',
})

/** Signed like Twilio, over the public URL with the session in its query. */
const signed = (path: string, sessionId: string, params: Record<string, string>) =>
  signedLikeTwilio(
    authToken,
    `${publicBaseUrl}${path}?${Calls.SESSION_PARAM}=${encodeURIComponent(sessionId)}`,
    params,
  )

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

describeTelephonyConformance('@ringlane/twilio', async () => ({
  telephony,
  signedCallStatus: ({ providerCallId, sessionId, status, durationSeconds }) =>
    signed('/webhooks/twilio/call-status', sessionId, {
      AccountSid: accountSid,
      CallSid: providerCallId,
      CallStatus: status,
      Timestamp: 'Fri, 20 Nov 2026 10:00:05 +0000',
      ...(durationSeconds !== undefined && { CallDuration: String(durationSeconds) }),
    }),
  signedRecordingStatus: ({ providerCallId, providerRecordingId, sessionId, durationSeconds }) =>
    signed('/webhooks/twilio/recording-status', sessionId, {
      AccountSid: accountSid,
      CallSid: providerCallId,
      RecordingSid: providerRecordingId,
      RecordingStatus: 'completed',
      RecordingDuration: String(durationSeconds),
      RecordingChannels: '2',
      RecordingUrl: account.recordingUrl(providerRecordingId),
      RecordingStartTime: 'Fri, 20 Nov 2026 10:00:09 +0000',
    }),
  signedMalformedCallStatus: () =>
    signed('/webhooks/twilio/call-status', 's', { AccountSid: accountSid, CallStatus: 'exploded' }),
  knownCall: async () => {
    const sid = account.newSid('CA')
    account.calls.set(sid, {
      sid,
      to: '+447700900123',
      from: '+441632960001',
      status: 'completed',
      duration: '61',
      answered_by: 'human',
      start_time: 'Fri, 20 Nov 2026 10:00:00 +0000',
      end_time: 'Fri, 20 Nov 2026 10:01:10 +0000',
    })
    return { providerCallId: sid, status: 'completed' }
  },
  knownRecording: async () => {
    const sid = account.newSid('RE')
    account.recordings.set(sid, new Uint8Array(2000).fill(1))
    return { providerRecordingId: sid, mediaUrl: account.recordingUrl(sid) }
  },
  close: async () => undefined,
}))

describe('Twilio call instructions (TwiML)', () => {
  it('dials the lead with the caller id, records both channels from answer, and asks for every status', async () => {
    const twiml = await Effect.runPromise(
      telephony.outboundCallInstructions({
        sessionId: 'a0b1c2d3-0000-4000-8000-000000000001',
        to: '+447700900123' as E164,
        callerId: null,
        record: true,
        machineDetection: true,
      }),
    )
    expect(twiml.contentType).toBe('text/xml')
    expect(twiml.body).toContain('callerId="+441632960001"')
    expect(twiml.body).toContain('record="record-from-answer-dual"')
    expect(twiml.body).toContain(
      'recordingStatusCallback="https://dialler.example.com/webhooks/twilio/recording-status?ringlaneSession=a0b1c2d3-0000-4000-8000-000000000001"',
    )
    expect(twiml.body).toContain('statusCallbackEvent="initiated ringing answered completed"')
    expect(twiml.body).toContain('machineDetection="Enable"')
    expect(twiml.body).toMatch(/<Number [^>]*>\+447700900123<\/Number>/)
  })

  it('places a server call through the REST API', async () => {
    const placed = await Effect.runPromise(
      telephony.placeCall({
        to: '+447700900124' as E164,
        from: null,
        instructionsUrl: `${publicBaseUrl}/webhooks/twilio/voice`,
        statusCallbackUrl: `${publicBaseUrl}/webhooks/twilio/call-status`,
      }),
    )
    expect(account.calls.get(placed.providerCallId)).toMatchObject({
      to: '+447700900124',
      from: '+441632960001',
      status: 'queued',
    })
  })

  it('maps answering machines, and reads a call it looked up', async () => {
    const params = {
      CallSid: 'CA9',
      CallStatus: 'in-progress',
      AnsweredBy: 'machine_end_beep',
      Timestamp: 'Fri, 20 Nov 2026 10:00:05 +0000',
    }
    expect((await Effect.runPromise(telephony.parseCallEvent(params))).answeredBy).toBe('machine')
  })
})
