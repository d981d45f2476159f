import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import type { WebhookRequest } from '../kernel/webhooks.js'
import type {
  TranscriptionResult,
  TranscriptionService,
  TranscriptionSource,
} from '../transcripts/transcription.js'
import { withFixture } from './suite.js'

export interface TranscriptionFixture {
  readonly transcription: TranscriptionService
  /** A finished recording the provider can transcribe. */
  readonly knownRecording: () => Promise<TranscriptionSource>
  /** The provider's "transcript ready" callback for this transcript, correctly signed. */
  readonly signedCallback: (providerTranscriptId: string) => WebhookRequest
  /** The same callback with its body changed after signing. */
  readonly tamperedCallback: (providerTranscriptId: string) => WebhookRequest
  /** How many times to ask `result` before a transcript must be done (1 for providers that finish at once). */
  readonly polls?: number
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/**
 * The contract of a transcription provider: it takes a finished recording, answers with speaker turns
 * in time order whose times make sense, and signs its callbacks.
 */
export const describeTranscriptionConformance = (name: string, setup: () => Promise<TranscriptionFixture>) =>
  describe(`Transcription conformance: ${name}`, () => {
    let fixture: TranscriptionFixture
    let transcription: TranscriptionService
    withFixture(setup, (opened) => {
      fixture = opened
      transcription = fixture.transcription
    })

    const finished = async (providerTranscriptId: string) => {
      let result: TranscriptionResult = { status: 'pending' }
      for (let poll = 0; poll < (fixture.polls ?? 1) && result.status === 'pending'; poll++) {
        result = await run(transcription.result(providerTranscriptId))
      }
      return result
    }

    it('transcribes a recording into turns in time order, each inside the recording', async () => {
      const source = await fixture.knownRecording()
      const { providerTranscriptId } = await run(transcription.request(source))
      expect(providerTranscriptId).not.toBe('')
      const result = await finished(providerTranscriptId)
      if (result.status !== 'completed')
        throw new Error(`expected a completed transcript, got ${result.status}`)
      expect(result.turns.length).toBeGreaterThan(0)
      for (const [index, turn] of result.turns.entries()) {
        expect(turn.text.trim()).not.toBe('')
        expect(turn.endSeconds).toBeGreaterThanOrEqual(turn.startSeconds)
        if (source.durationSeconds !== null)
          expect(turn.endSeconds).toBeLessThanOrEqual(source.durationSeconds + 1)
        const before = result.turns[index - 1]
        if (before) expect(turn.startSeconds).toBeGreaterThanOrEqual(before.startSeconds)
      }
    })

    it('fails with TranscriptionError for a transcript it does not have', async () => {
      const error = await run(Effect.flip(transcription.result('GT00000000000000000000000000000000')))
      expect(error._tag).toBe('TranscriptionError')
    })

    it('fails with TranscriptionError for a recording it does not have', async () => {
      const error = await run(
        Effect.flip(
          transcription.request({
            providerRecordingId: 'RE00000000000000000000000000000000',
            providerCallId: 'CA00000000000000000000000000000000',
            mediaUrl: null,
            durationSeconds: 10,
            channels: 1,
          }),
        ),
      )
      expect(error._tag).toBe('TranscriptionError')
    })

    it('reads a signed callback, and rejects it unsigned or changed after signing', async () => {
      const signed = fixture.signedCallback('GT0123456789abcdef0123456789abcdef')
      expect(await run(transcription.verifyCallback(signed))).toEqual({
        providerTranscriptId: 'GT0123456789abcdef0123456789abcdef',
      })
      const unsigned = { ...signed, headers: {} }
      expect((await run(Effect.flip(transcription.verifyCallback(unsigned))))._tag).toBe('WebhookRejected')
      const tampered = fixture.tamperedCallback('GT0123456789abcdef0123456789abcdef')
      expect((await run(Effect.flip(transcription.verifyCallback(tampered))))._tag).toBe('WebhookRejected')
    })
  })
