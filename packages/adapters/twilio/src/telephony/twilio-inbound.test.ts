import { Effect } from 'effect'
import twilio from 'twilio'
import { describe, expect, it } from 'vitest'
import { twilioInboundVoice } from './twilio-inbound.js'

const voice = twilioInboundVoice({
  client: twilio(`AC${'1'.repeat(32)}`, 'token'),
  publicBaseUrl: 'https://dialler.example.com',
})
const place = { sessionId: '00000000-0000-4000-8000-000000000001', stepId: 'menu', attempt: 2 }
const twimlOf = (next: Parameters<typeof voice.instructions>[0]) =>
  Effect.runSync(voice.instructions(next)).body

describe('Twilio inbound TwiML', () => {
  it('asks a menu with <Gather input="dtmf speech">, the prompts inside, coming back to the flow webhook', () => {
    const xml = twimlOf({
      place,
      prompts: [{ say: 'Welcome.' }, { play: 'https://cdn.example.com/menu.mp3' }],
      after: { _tag: 'Gather', timeoutSeconds: 5, hints: ['claim', 'message'] },
    })
    expect(xml).toContain('<Gather input="dtmf speech" numDigits="1" timeout="5"')
    expect(xml).toContain('actionOnEmptyResult="true"')
    expect(xml).toContain('hints="claim, message"')
    expect(xml).toContain(
      'action="https://dialler.example.com/webhooks/twilio/ivr?ringlaneSession=00000000-0000-4000-8000-000000000001&amp;step=menu&amp;attempt=2"',
    )
    expect(xml).toMatch(
      /<Gather[^>]*><Say>Welcome\.<\/Say><Play>https:\/\/cdn\.example\.com\/menu\.mp3<\/Play><\/Gather>/,
    )
  })
  it('records a voicemail with <Record maxLength>, its file through the recording webhook', () => {
    const xml = twimlOf({
      place,
      prompts: [{ say: 'Leave a message.' }],
      after: { _tag: 'Record', maxLengthSeconds: 90 },
    })
    expect(xml).toContain('<Say>Leave a message.</Say><Record maxLength="90" playBeep="true" finishOnKey="#"')
    expect(xml).toContain(
      'recordingStatusCallback="https://dialler.example.com/webhooks/twilio/recording-status?ringlaneSession=00000000-0000-4000-8000-000000000001"',
    )
  })
  it('holds a caller in a loop of the message, a pause and a redirect back', () => {
    const xml = twimlOf({
      place,
      prompts: [],
      after: { _tag: 'Hold', music: { play: 'https://cdn.example.com/hold.mp3' }, seconds: 20 },
    })
    expect(xml).toMatch(
      /<Play>https:\/\/cdn\.example\.com\/hold\.mp3<\/Play><Pause length="20"\/><Redirect method="POST">https:\/\/dialler\.example\.com\/webhooks\/twilio\/ivr\?/,
    )
  })
  it('says goodbye and hangs up', () => {
    expect(twimlOf({ place, prompts: [{ say: 'Bye.' }], after: { _tag: 'HangUp' } })).toContain(
      '<Say>Bye.</Say><Hangup/>',
    )
  })
  it("reads the caller's number, keys, words and recording; a withheld number is refused naming From", async () => {
    const call = await Effect.runPromise(
      voice.incomingCall({ CallSid: 'CA1', From: '+447700900123', To: '+447700900001' }),
    )
    expect(call).toEqual({ providerCallId: 'CA1', from: '+447700900123', to: '+447700900001' })
    const withheld = await Effect.runPromise(
      Effect.flip(voice.incomingCall({ CallSid: 'CA1', From: 'anonymous', To: '+447700900001' })),
    )
    expect(withheld.field).toBe('From')
    expect(voice.callerInput({ Digits: '1' })).toEqual({ digits: '1', speech: null })
    expect(voice.callerInput({ SpeechResult: 'new claim' })).toEqual({ digits: null, speech: 'new claim' })
    expect(voice.callerInput({})).toEqual({ digits: null, speech: null })
    expect(voice.recordedMessage({ RecordingSid: 'RE1', RecordingDuration: '14' })).toEqual({
      providerRecordingId: 'RE1',
      durationSeconds: 14,
    })
    expect(voice.recordedMessage({})).toBeNull()
  })
})
