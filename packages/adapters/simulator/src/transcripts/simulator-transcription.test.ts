import type { Telephony } from '@ringlane/core'
import { describeTranscriptionConformance } from '@ringlane/core/testing'
import { Effect, Redacted } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultScript, timedConversation } from '../telephony/conversation.js'
import { createSimulatorTelephony } from '../telephony/simulator-telephony.js'
import { createSimulatorTranscription } from './simulator-transcription.js'

const secret = Redacted.make('simulator-transcription-secret')
const publicBaseUrl = 'https://dialler.test'
const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  if (!check()) throw new Error('timed out')
}

/** A simulator whose calls are answered and talk for `talkSeconds`, recording each one. */
const recordedCalls = (talkSeconds: number) => {
  const recordings: Array<{ id: string; duration: number; callId: string }> = []
  const simulator = createSimulatorTelephony({
    secret,
    publicBaseUrl,
    speed: 1000,
    scenario: () => ({ outcome: 'answer', ringSeconds: 1, talkSeconds }),
    deliver: async (kind, request) => {
      if (kind === 'voice') {
        return {
          status: 200,
          body: JSON.stringify({
            dial: {
              to: '+447700900111',
              session: 's-1',
              record: true,
              machineDetection: false,
              callerId: null,
            },
          }),
        }
      }
      if (kind === 'recording') {
        const form = new URLSearchParams(request.body)
        recordings.push({
          id: form.get('RecordingSid') ?? '',
          duration: Number(form.get('RecordingDuration')),
          callId: form.get('CallSid') ?? '',
        })
      }
      return { status: 204, body: '' }
    },
  })
  const record = async () => {
    const before = recordings.length
    await simulator.placeBrowserCall('agent-1', { ringlaneSession: 's-1' })
    await until(() => recordings.length > before)
    const made = recordings[recordings.length - 1] as (typeof recordings)[number]
    return {
      providerRecordingId: made.id,
      providerCallId: made.callId,
      mediaUrl: null,
      durationSeconds: made.duration,
      channels: 1,
    }
  }
  return { simulator, record }
}

const tamper = (request: Telephony.WebhookRequest): Telephony.WebhookRequest => ({
  ...request,
  body: request.body.replace('TranscriptSid=GT', 'TranscriptSid=GX'),
})

describeTranscriptionConformance('@ringlane/simulator', async () => {
  const calls = recordedCalls(30)
  const simulated = createSimulatorTranscription({
    calls: calls.simulator,
    secret,
    publicBaseUrl,
    pendingPolls: 2,
  })
  return {
    transcription: simulated.transcription,
    knownRecording: calls.record,
    signedCallback: simulated.callback,
    tamperedCallback: (id) => tamper(simulated.callback(id)),
    polls: 3,
    close: async () => calls.simulator.dispose(),
  }
})

describe('the simulated conversation', () => {
  it('is what the script says, in order, timed at a speaking pace and cut where the call ended', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), (talkSeconds) => {
        const turns = timedConversation(defaultScript, talkSeconds)
        expect(turns.length).toBeGreaterThan(0)
        turns.forEach((turn, index) => {
          expect(turn.text).toBe(defaultScript[index]?.text)
          expect(turn.speaker).toBe(defaultScript[index]?.speaker)
          expect(turn.endSeconds).toBeLessThanOrEqual(talkSeconds)
          expect(turn.endSeconds).toBeGreaterThanOrEqual(turn.startSeconds)
          const before = turns[index - 1]
          if (before) expect(turn.startSeconds).toBeGreaterThan(before.endSeconds)
        })
      }),
    )
  })

  it('takes 2.5 words a second with a 0.4 s pause between speakers', () => {
    const [first, second] = timedConversation(defaultScript, 600)
    // "Hello, this is the claims team calling about your refund claim." is 11 words: 4.4 s.
    expect(first).toMatchObject({ startSeconds: 0, endSeconds: 4.4 })
    expect(second?.startSeconds).toBe(4.8)
  })

  it('transcribes the recording of a simulated call as its script, within the recording', async () => {
    const calls = recordedCalls(8)
    const { transcription } = createSimulatorTranscription({ calls: calls.simulator, secret, publicBaseUrl })
    const source = await calls.record()
    const { providerTranscriptId } = await Effect.runPromise(transcription.request(source))
    const result = await Effect.runPromise(transcription.result(providerTranscriptId))
    expect(result).toEqual({ status: 'completed', turns: timedConversation(defaultScript, 8) })
    calls.simulator.dispose()
  })

  it('fails the faults a test injects, in order, then works again', async () => {
    const calls = recordedCalls(8)
    const simulated = createSimulatorTranscription({ calls: calls.simulator, secret, publicBaseUrl })
    const source = await calls.record()
    simulated.injectFaults('request-fails', 'provider-fails')
    const refused = await Effect.runPromise(Effect.flip(simulated.transcription.request(source)))
    expect(refused.message).toContain('503')
    const { providerTranscriptId } = await Effect.runPromise(simulated.transcription.request(source))
    expect(await Effect.runPromise(simulated.transcription.result(providerTranscriptId))).toMatchObject({
      status: 'failed',
    })
    const again = await Effect.runPromise(simulated.transcription.request(source))
    expect(await Effect.runPromise(simulated.transcription.result(again.providerTranscriptId))).toMatchObject(
      {
        status: 'completed',
      },
    )
    calls.simulator.dispose()
  })
})
