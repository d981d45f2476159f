import { randomBytes } from 'node:crypto'
import { Telephony, Transcripts } from '@ringlane/core'
import { Effect, Layer, Redacted } from 'effect'
import { signedWebhook, verifySignedWebhook } from '../telephony/signature.js'

/** Where the simulator learns what was said on its recordings: its telephony. */
export interface ConversationSource {
  readonly conversationOf: (
    providerRecordingId: string,
  ) => ReadonlyArray<Transcripts.TranscriptTurn> | undefined
}

export interface SimulatorTranscriptionOptions {
  /** The simulated calls whose recordings it transcribes: `createSimulatorTelephony(...)`. */
  readonly calls: ConversationSource
  /** Signs its "transcript ready" callbacks; the same secret as the telephony's. */
  readonly secret: Redacted.Redacted<string>
  /** The app's public origin, as a provider would call it. */
  readonly publicBaseUrl: string
  readonly callbackPath?: string
  /** Times `result` answers `pending` before the transcript is done (0: done at once, as in the demo). */
  readonly pendingPolls?: number
}

/** A fault a test injects into the next requests or result reads. */
export type TranscriptionFault = 'request-fails' | 'result-fails' | 'provider-fails'

/**
 * Simulated post-call transcription: the transcript of a simulated recording is what its scripted
 * call said, with the script's timings. Faults can be injected to exercise retries and failures.
 */
export const createSimulatorTranscription = (options: SimulatorTranscriptionOptions) => {
  const secret = Redacted.value(options.secret)
  const callbackPath = options.callbackPath ?? '/webhooks/simulator/transcript-ready'
  const transcripts = new Map<
    string,
    { turns: ReadonlyArray<Transcripts.TranscriptTurn>; polls: number; fault: 'provider-fails' | null }
  >()
  const faults: Array<TranscriptionFault> = []
  const takeFault = (kinds: ReadonlyArray<TranscriptionFault>) => {
    const index = faults.findIndex((fault) => kinds.includes(fault))
    return index < 0 ? null : (faults.splice(index, 1)[0] ?? null)
  }
  const error = (operation: string, message: string) =>
    new Transcripts.TranscriptionError({ operation, message })

  const transcription: Transcripts.TranscriptionService = {
    provider: 'simulator',
    request: (source) =>
      Effect.suspend(() => {
        if (takeFault(['request-fails'])) {
          return Effect.fail(error('request a transcript', 'the simulated provider is unavailable (503)'))
        }
        const turns = options.calls.conversationOf(source.providerRecordingId)
        if (!turns) {
          return Effect.fail(
            error('request a transcript', `The simulator has no recording ${source.providerRecordingId}`),
          )
        }
        const providerTranscriptId = `GT${randomBytes(16).toString('hex')}`
        const fault = takeFault(['provider-fails']) === 'provider-fails' ? 'provider-fails' : null
        transcripts.set(providerTranscriptId, { turns, polls: 0, fault })
        return Effect.succeed({ providerTranscriptId })
      }),
    result: (providerTranscriptId) =>
      Effect.suspend((): Effect.Effect<Transcripts.TranscriptionResult, Transcripts.TranscriptionError> => {
        if (takeFault(['result-fails'])) {
          return Effect.fail(error('read a transcript', 'the simulated provider timed out'))
        }
        const found = transcripts.get(providerTranscriptId)
        if (!found) {
          return Effect.fail(
            error('read a transcript', `The simulator has no transcript ${providerTranscriptId}`),
          )
        }
        if (found.polls < (options.pendingPolls ?? 0)) {
          found.polls++
          return Effect.succeed({ status: 'pending' })
        }
        return Effect.succeed(
          found.fault
            ? { status: 'failed', reason: 'the audio could not be transcribed' }
            : { status: 'completed', turns: found.turns },
        )
      }),
    verifyCallback: (request) =>
      Effect.flatMap(verifySignedWebhook(secret, options.publicBaseUrl, request), ({ params }) =>
        params.TranscriptSid
          ? Effect.succeed({ providerTranscriptId: params.TranscriptSid })
          : Effect.fail(
              new Telephony.InvalidWebhook({
                field: 'TranscriptSid',
                message: 'The transcript callback names no TranscriptSid',
              }),
            ),
      ),
  }

  return {
    transcription,
    /** Makes the next request, result read or transcript fail, in the order given. */
    injectFaults: (...next: ReadonlyArray<TranscriptionFault>) => {
      faults.push(...next)
    },
    /** The signed "transcript ready" callback the simulator sends for a transcript. */
    callback: (providerTranscriptId: string): Telephony.WebhookRequest =>
      signedWebhook(secret, new URL(callbackPath, options.publicBaseUrl).toString(), {
        TranscriptSid: providerTranscriptId,
      }),
  }
}

export type SimulatorTranscription = ReturnType<typeof createSimulatorTranscription>

/** Effect API: provides `Transcription` from a simulator transcription you created. */
export const transcriptionLayer = (simulator: SimulatorTranscription) =>
  Layer.succeed(Transcripts.Transcription, simulator.transcription)
