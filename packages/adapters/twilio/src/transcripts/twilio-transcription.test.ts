import { createHash } from 'node:crypto'
import type { Telephony } from '@ringlane/core'
import { describeTranscriptionConformance } from '@ringlane/core/testing'
import { Effect, Redacted } from 'effect'
import { setupServer } from 'msw/node'
import twilio from 'twilio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeTwilioIntelligence, type FakeSentence } from '../testing/twilio-intelligence.js'
import { signedLikeTwilio } from '../twilio.test.support.js'
import { twilioTranscription } from './twilio-transcription.js'

const accountSid = `AC${'1'.repeat(32)}`
const authToken = 'transcription-auth-token'
const serviceSid = `GA${'4'.repeat(32)}`
const publicBaseUrl = 'https://dialler.example.com'
const intelligence = createFakeTwilioIntelligence({ accountSid, authToken, serviceSid })
const server = setupServer(...intelligence.handlers)
const transcription = twilioTranscription({
  client: twilio(accountSid, authToken),
  serviceSid,
  webhooks: { authToken: Redacted.make(authToken), publicBaseUrl },
})
const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/** The Intelligence Service's JSON webhook, signed as Twilio signs JSON bodies (bodySHA256 in the URL). */
const jsonCallback = (body: string): Telephony.WebhookRequest => {
  const hash = createHash('sha256').update(body).digest('hex')
  const url = `${publicBaseUrl}/webhooks/twilio/transcript-ready?bodySHA256=${hash}`
  return {
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, url, {}),
    },
    body,
  }
}
const callbackFor = (transcriptSid: string) =>
  jsonCallback(
    JSON.stringify({
      account_sid: accountSid,
      service_sid: serviceSid,
      transcript_sid: transcriptSid,
      customer_key: 'CA1',
      event_type: 'voice_intelligence_transcript_available',
    }),
  )

const sentence = (
  index: number,
  channel: number,
  start: string,
  end: string,
  text: string,
): FakeSentence => ({
  media_channel: channel,
  sentence_index: index,
  start_time: start,
  end_time: end,
  transcript: text,
  confidence: '0.93',
})

/** A recording the account holds, with what was said on it. */
const recorded = (sentences: FakeSentence[]) => {
  const sid = intelligence.newSid('RE')
  intelligence.recordings.set(sid, sentences)
  return { providerRecordingId: sid, providerCallId: 'CA1', mediaUrl: null, durationSeconds: 30, channels: 2 }
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

describeTranscriptionConformance('@ringlane/twilio', async () => ({
  transcription,
  knownRecording: async () =>
    recorded([
      sentence(0, 1, '0.64', '3.2', 'Hello, this is the claims team.'),
      sentence(1, 2, '3.6', '5.1', 'Hello, yes.'),
    ]),
  signedCallback: callbackFor,
  tamperedCallback: (sid) => ({
    ...callbackFor(sid),
    body: JSON.stringify({ transcript_sid: `GT${'f'.repeat(32)}` }),
  }),
  polls: 3,
  close: async () => undefined,
}))

describe('Twilio transcription', () => {
  it('asks Conversational Intelligence for the recording with its participants, and reads sentences as turns', async () => {
    const source = recorded([
      sentence(1, 2, '4.1', '6.0', 'Yes, I signed the forms yesterday.'),
      sentence(0, 1, '0.0', '3.9', 'Hello, I am calling about your refund claim.'),
      sentence(2, 1, '6.5', '6.5', '   '),
    ])
    const { providerTranscriptId } = await run(transcription.request(source))
    const created = intelligence.transcripts.get(providerTranscriptId)
    expect(created?.channel).toEqual({
      media_properties: { source_sid: source.providerRecordingId },
      participants: [
        { channel_participant: 1, role: 'Agent' },
        { channel_participant: 2, role: 'Customer' },
      ],
    })
    expect(created?.customer_key).toBe('CA1')
    expect(await run(transcription.result(providerTranscriptId))).toEqual({ status: 'pending' })
    expect(await run(transcription.result(providerTranscriptId))).toEqual({
      status: 'completed',
      turns: [
        {
          speaker: 'agent',
          startSeconds: 0,
          endSeconds: 3.9,
          text: 'Hello, I am calling about your refund claim.',
        },
        { speaker: 'customer', startSeconds: 4.1, endSeconds: 6, text: 'Yes, I signed the forms yesterday.' },
      ],
    })
  })

  it('reports a transcript Twilio failed as failed, with why', async () => {
    const source = recorded([sentence(0, 1, '0', '1', 'Hi.')])
    intelligence.failing.add(source.providerRecordingId)
    const { providerTranscriptId } = await run(transcription.request(source))
    await run(transcription.result(providerTranscriptId))
    expect(await run(transcription.result(providerTranscriptId))).toEqual({
      status: 'failed',
      reason: 'Twilio reports the transcript failed',
    })
  })

  it('refuses sentences whose times are not numbers, as an error, not a turn at NaN', async () => {
    const source = recorded([sentence(0, 1, 'soon', '1', 'Hi.')])
    const { providerTranscriptId } = await run(transcription.request(source))
    await run(transcription.result(providerTranscriptId))
    const error = await run(Effect.flip(transcription.result(providerTranscriptId)))
    expect(error).toMatchObject({ _tag: 'TranscriptionError', operation: 'read transcript sentences' })
  })

  it('refuses a callback with a body that names no transcript, and one signed with another token', async () => {
    const noSid = jsonCallback(JSON.stringify({ event_type: 'voice_intelligence_transcript_available' }))
    expect(await run(Effect.flip(transcription.verifyCallback(noSid)))).toMatchObject({
      _tag: 'InvalidWebhook',
      field: 'transcript_sid',
    })
    const notJson = jsonCallback('{"transcript_sid":')
    expect((await run(Effect.flip(transcription.verifyCallback(notJson))))._tag).toBe('InvalidWebhook')
    const body = JSON.stringify({ transcript_sid: `GT${'a'.repeat(32)}` })
    const hash = createHash('sha256').update(body).digest('hex')
    const url = `${publicBaseUrl}/webhooks/twilio/transcript-ready?bodySHA256=${hash}`
    const forged = {
      url,
      method: 'POST' as const,
      headers: {
        'content-type': 'application/json',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature('another-token', url, {}),
      },
      body,
    }
    expect(await run(Effect.flip(transcription.verifyCallback(forged)))).toMatchObject({
      _tag: 'WebhookRejected',
      reason: 'bad-signature',
    })
  })

  it('reads a form-encoded callback signed over its parameters', async () => {
    const sid = `GT${'b'.repeat(32)}`
    const form = signedLikeTwilio(authToken, `${publicBaseUrl}/webhooks/twilio/transcript-ready`, {
      transcript_sid: sid,
    })
    expect(await run(transcription.verifyCallback(form))).toEqual({ providerTranscriptId: sid })
  })
})
