import { Telephony, Transcripts } from '@ringlane/core'
import { Effect, Layer, Redacted, Schema } from 'effect'
import twilio from 'twilio'
import { publicUrlOf, type TwilioWebhookConfig, twilioSignature, verifyTwilioWebhook } from '../webhooks.js'

/**
 * The slice of the `twilio` REST client the transcription adapter uses (Conversational Intelligence
 * v2); pass `twilio(accountSid, authToken)`.
 */
export interface TwilioIntelligenceClient {
  intelligence: {
    v2: {
      transcripts: {
        (
          sid: string,
        ): {
          fetch(): Promise<{ sid: string; status: string }>
          sentences: {
            list(): Promise<
              ReadonlyArray<{
                mediaChannel: number
                sentenceIndex: number
                startTime: string
                endTime: string
                transcript: string
              }>
            >
          }
        }
        create(options: {
          serviceSid: string
          channel: unknown
          customerKey?: string
        }): Promise<{ sid: string; status: string }>
      }
    }
  }
}

export interface TwilioTranscriptionOptions {
  readonly client: TwilioIntelligenceClient
  /** The Intelligence Service (GA...) that transcribes; its webhook URL points at the callback route. */
  readonly serviceSid: string
  /** Checks the service's "transcript available" callbacks. */
  readonly webhooks: TwilioWebhookConfig
  /**
   * Who speaks on each channel of a dual-channel recording. The dialler records the agent's leg as the
   * parent call (channel 1) and the lead as the dialled party (channel 2).
   */
  readonly speakers?: { readonly 1: Transcripts.Speaker; readonly 2: Transcripts.Speaker }
}

const failure = (operation: string) => (cause: unknown) =>
  new Transcripts.TranscriptionError({
    operation,
    message: `Twilio could not ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
  })

/** Twilio writes offsets as decimal seconds in a string. */
const Offset = Schema.NumberFromString.pipe(Schema.finite(), Schema.nonNegative())
const Sentence = Schema.Struct({
  mediaChannel: Schema.Int,
  sentenceIndex: Schema.Int,
  startTime: Offset,
  endTime: Offset,
  transcript: Schema.String,
})

/** The JSON body of the Intelligence Service's webhook. */
const Callback = Schema.parseJson(
  Schema.Struct({ transcript_sid: Schema.String.pipe(Schema.pattern(/^GT[0-9a-fA-F]{32}$/)) }),
)

const participantRole = (speaker: Transcripts.Speaker) =>
  speaker === 'agent' ? 'Agent' : speaker === 'customer' ? 'Customer' : 'Unknown'

/**
 * Post-call transcripts on Twilio Conversational Intelligence: a Transcript resource created from the
 * recording's SID, polled until `completed`, its Sentences read as turns; the service's webhook says
 * when one is ready, signed with X-Twilio-Signature over a JSON body.
 */
export const twilioTranscription = (
  options: TwilioTranscriptionOptions,
): Transcripts.TranscriptionService => {
  const speakers = options.speakers ?? { 1: 'agent', 2: 'customer' }
  const transcripts = options.client.intelligence.v2.transcripts

  const turnsOf = (
    sentences: ReadonlyArray<unknown>,
    channels: number | null,
  ): Effect.Effect<ReadonlyArray<Transcripts.TranscriptTurn>, Transcripts.TranscriptionError> =>
    Effect.mapError(
      Schema.decodeUnknown(Schema.Array(Sentence))(sentences),
      (error) =>
        new Transcripts.TranscriptionError({
          operation: 'read transcript sentences',
          message: `Twilio sent sentences the dialler cannot read: ${error.message.slice(0, 300)}`,
        }),
    ).pipe(
      Effect.map((valid) =>
        [...valid]
          .sort((a, b) => a.startTime - b.startTime || a.sentenceIndex - b.sentenceIndex)
          .filter((s) => s.transcript.trim() !== '')
          .map(
            (s): Transcripts.TranscriptTurn => ({
              speaker:
                channels === 1
                  ? 'unknown'
                  : s.mediaChannel === 1 || s.mediaChannel === 2
                    ? speakers[s.mediaChannel]
                    : 'unknown',
              startSeconds: s.startTime,
              endSeconds: Math.max(s.startTime, s.endTime),
              text: s.transcript,
            }),
          ),
      ),
    )

  return {
    provider: 'twilio',
    request: (source) =>
      Effect.tryPromise({
        try: () =>
          transcripts.create({
            serviceSid: options.serviceSid,
            channel: {
              media_properties: { source_sid: source.providerRecordingId },
              participants: [1, 2].map((channel) => ({
                channel_participant: channel,
                role: participantRole(speakers[channel as 1 | 2]),
              })),
            },
            // Ties Twilio's transcript back to the call in Twilio's console.
            customerKey: source.providerCallId.slice(0, 64),
          }),
        catch: failure('request a transcript'),
      }).pipe(Effect.map((created) => ({ providerTranscriptId: created.sid }))),
    result: (providerTranscriptId) =>
      Effect.gen(function* () {
        const transcript = transcripts(providerTranscriptId)
        const fetched = yield* Effect.tryPromise({
          try: () => transcript.fetch(),
          catch: failure('read a transcript'),
        })
        if (fetched.status === 'failed' || fetched.status === 'canceled' || fetched.status === 'error') {
          return { status: 'failed', reason: `Twilio reports the transcript ${fetched.status}` } as const
        }
        if (fetched.status !== 'completed') return { status: 'pending' } as const
        const sentences = yield* Effect.tryPromise({
          try: () => transcript.sentences.list(),
          catch: failure('read transcript sentences'),
        })
        // Mono recordings carry no speaker per channel.
        const channels = new Set(sentences.map((s) => s.mediaChannel)).size <= 1 ? 1 : 2
        return { status: 'completed', turns: yield* turnsOf(sentences, channels) } as const
      }),
    verifyCallback: (request) => {
      const contentType =
        Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? ''
      if (!contentType.includes('json')) {
        // A form-encoded callback: signed over its parameters, as Voice webhooks are.
        return Effect.flatMap(verifyTwilioWebhook(options.webhooks, request), (params) =>
          /^GT[0-9a-fA-F]{32}$/.test(params.transcript_sid ?? params.TranscriptSid ?? '')
            ? Effect.succeed({ providerTranscriptId: params.transcript_sid ?? params.TranscriptSid ?? '' })
            : Effect.fail(
                new Telephony.InvalidWebhook({
                  field: 'transcript_sid',
                  message: 'The callback names no transcript',
                }),
              ),
        )
      }
      // A JSON body: Twilio signs the URL (with the body's SHA-256 in `bodySHA256`) and that hash.
      const signature = twilioSignature(request)
      if (typeof signature !== 'string') return Effect.fail(signature)
      const url = publicUrlOf(options.webhooks.publicBaseUrl, request.url)
      if (
        !twilio.validateRequestWithBody(
          Redacted.value(options.webhooks.authToken),
          signature,
          url,
          request.body,
        )
      ) {
        return Effect.fail(
          new Telephony.WebhookRejected({
            reason: 'bad-signature',
            message: `The X-Twilio-Signature does not match ${url} and its body`,
          }),
        )
      }
      return Effect.mapBoth(Schema.decodeUnknown(Callback)(request.body), {
        onFailure: () =>
          new Telephony.InvalidWebhook({
            field: 'transcript_sid',
            message: 'The transcript callback names no transcript (transcript_sid GT + 32 hex digits)',
          }),
        onSuccess: (body) => ({ providerTranscriptId: body.transcript_sid }),
      })
    },
  }
}

/** Effect API: provides `Transcription` on Twilio. */
export const transcriptionLayer = (options: TwilioTranscriptionOptions) =>
  Layer.succeed(Transcripts.Transcription, twilioTranscription(options))
