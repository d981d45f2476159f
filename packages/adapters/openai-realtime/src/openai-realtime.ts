import { VoiceAi } from '@ringlane/core'
import { Effect, Queue, Redacted, Schema, Stream } from 'effect'

/** The slice of a WebSocket the adapter uses: the WHATWG API (Node 22's global, undici, browsers). */
export interface RealtimeSocket {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: never) => void): void
}

/**
 * Opens a socket. The default is Node's global `WebSocket` with the key in an `Authorization` header
 * (undici's `{ headers }` option); pass your own for another runtime or a proxy.
 */
export type ConnectRealtime = (url: string, headers: Readonly<Record<string, string>>) => RealtimeSocket

export interface OpenAiRealtimeOptions {
  /** The OpenAI API key; kept redacted, never logged or put in an error. */
  readonly apiKey: Redacted.Redacted<string> | string
  /** `gpt-realtime` unless set. */
  readonly model?: string
  /** The agent's voice (`alloy`, `marin`...); `alloy` unless set. */
  readonly voice?: string
  /** The provider's name in an AI agent's chain; `openai-realtime` unless set. */
  readonly name?: string
  /** `wss://api.openai.com/v1/realtime` unless set (a proxy, an Azure deployment). */
  readonly url?: string
  /** The model that transcribes the caller's speech; `whisper-1` unless set. */
  readonly transcriptionModel?: string
  readonly connect?: ConnectRealtime
}

const OPEN = 1

const defaultConnect: ConnectRealtime = (url, headers) => {
  const Socket = (globalThis as { WebSocket?: new (url: string, init?: unknown) => RealtimeSocket }).WebSocket
  if (!Socket)
    throw new Error('this runtime has no global WebSocket (Node 22 or later has one); pass `connect`')
  return new Socket(url, { headers })
}

// The server events the adapter acts on, as OpenAI's Realtime API reference documents them. Both the
// GA names (`response.output_audio.delta`) and the beta ones (`response.audio.delta`) are read.
const AudioDelta = Schema.Struct({
  type: Schema.Literal('response.output_audio.delta', 'response.audio.delta'),
  delta: Schema.String,
})
const AgentTranscript = Schema.Struct({
  type: Schema.Literal('response.output_audio_transcript.done', 'response.audio_transcript.done'),
  transcript: Schema.String,
})
const CallerTranscript = Schema.Struct({
  type: Schema.Literal('conversation.item.input_audio_transcription.completed'),
  transcript: Schema.String,
})
const SpeechStarted = Schema.Struct({ type: Schema.Literal('input_audio_buffer.speech_started') })
const FunctionCall = Schema.Struct({
  type: Schema.Literal('response.function_call_arguments.done'),
  name: Schema.String,
  arguments: Schema.String,
})
const ServerError = Schema.Struct({
  type: Schema.Literal('error'),
  error: Schema.Struct({
    type: Schema.optional(Schema.String),
    code: Schema.optional(Schema.NullOr(Schema.String)),
    message: Schema.String,
  }),
})
const KnownEvent = Schema.Union(
  AudioDelta,
  AgentTranscript,
  CallerTranscript,
  SpeechStarted,
  FunctionCall,
  ServerError,
)
const knownTypes = new Set<string>(
  KnownEvent.members.flatMap((member) => member.fields.type.literals as ReadonlyArray<string>),
)
const Envelope = Schema.parseJson(Schema.Struct({ type: Schema.String }))
const decodeEnvelope = Schema.decodeUnknownEither(Envelope)
const decodeKnown = Schema.decodeUnknownEither(KnownEvent)

/** The tools the agent may call: each is how it tells the dialler what it understood. */
const tools = [
  {
    type: 'function',
    name: 'transfer_to_human',
    description:
      'Hand the call to a person. Call this when the caller asks for a person, or when you cannot help them.',
    parameters: {
      type: 'object',
      properties: { reason: { type: 'string', description: 'Why, in a few words.' } },
      required: ['reason'],
    },
  },
  {
    type: 'function',
    name: 'end_call',
    description: 'The conversation is finished and the caller has said goodbye.',
    parameters: { type: 'object', properties: {} },
  },
]

/** The instructions the model gets: the agent's own, the call's context, what was said before. */
const instructionsOf = (brief: VoiceAi.AgentBrief) =>
  [
    brief.instructions,
    brief.context ? `About this call: ${brief.context}` : '',
    brief.transcript.length > 0
      ? `You are taking over a call already under way; greet the caller briefly and carry on. What was said so far:\n${brief.transcript
          .map((line) => `${line.speaker === 'caller' ? 'Caller' : 'Agent'}: ${line.text}`)
          .join('\n')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n')

type Item =
  | { readonly _tag: 'Event'; readonly event: VoiceAi.VoiceAgentEvent }
  | { readonly _tag: 'Failed'; readonly failure: VoiceAi.VoiceAgentFailure }

/**
 * An AI voice agent provider on OpenAI's Realtime API over WebSocket: a session per call, audio in and
 * out as G.711 µ-law (`audio/pcmu`, what Twilio Media Streams carry), server voice activity detection,
 * the caller's speech transcribed, and two tools through which the model asks for a person or ends.
 * Every failure is typed: `ConnectFailed`, `ProviderRefused` (an `error` event), `MalformedMessage`
 * (anything outside the documented events), `Disconnected` (the socket closed under the call).
 */
export const openAiRealtime = (options: OpenAiRealtimeOptions): VoiceAi.VoiceAgentProviderService => {
  const name = options.name ?? 'openai-realtime'
  const key = typeof options.apiKey === 'string' ? Redacted.make(options.apiKey) : options.apiKey
  const connect = options.connect ?? defaultConnect
  const url = `${options.url ?? 'wss://api.openai.com/v1/realtime'}?model=${encodeURIComponent(options.model ?? 'gpt-realtime')}`
  const failure = (reason: VoiceAi.FailureReason, message: string, cause?: unknown) =>
    new VoiceAi.VoiceAgentFailure({ provider: name, reason, message, cause })
  /** What a server message means for the call, or why it is malformed. */
  const read = (data: unknown): Item | null => {
    const envelope = decodeEnvelope(data)
    if (envelope._tag === 'Left')
      return {
        _tag: 'Failed',
        failure: failure('MalformedMessage', `${name} sent a message that is not a JSON event`),
      }
    // Events the call does not need (session.created, response.done, rate_limits.updated...) are fine.
    if (!knownTypes.has(envelope.right.type)) return null
    const known = decodeKnown(JSON.parse(data as string))
    if (known._tag === 'Left')
      return {
        _tag: 'Failed',
        failure: failure(
          'MalformedMessage',
          `${name} sent a ${envelope.right.type} event out of its documented shape`,
        ),
      }
    const event = known.right
    switch (event.type) {
      case 'response.output_audio.delta':
      case 'response.audio.delta':
        return { _tag: 'Event', event: { _tag: 'Audio', payload: event.delta } }
      case 'response.output_audio_transcript.done':
      case 'response.audio_transcript.done':
        return { _tag: 'Event', event: { _tag: 'Transcript', speaker: 'agent', text: event.transcript } }
      case 'conversation.item.input_audio_transcription.completed':
        return { _tag: 'Event', event: { _tag: 'Transcript', speaker: 'caller', text: event.transcript } }
      case 'input_audio_buffer.speech_started':
        return { _tag: 'Event', event: { _tag: 'Interrupted' } }
      case 'response.function_call_arguments.done': {
        if (event.name === 'end_call')
          return { _tag: 'Event', event: { _tag: 'Intent', intent: 'conversation-done', detail: '' } }
        if (event.name !== 'transfer_to_human') return null
        let detail = ''
        try {
          const parsed = JSON.parse(event.arguments) as { reason?: unknown }
          detail = typeof parsed.reason === 'string' ? parsed.reason.slice(0, 500) : ''
        } catch {
          // Arguments the model wrote badly still mean it wants a person.
        }
        return { _tag: 'Event', event: { _tag: 'Intent', intent: 'human-requested', detail } }
      }
      case 'error':
        return {
          _tag: 'Failed',
          failure: failure(
            'ProviderRefused',
            `${name} answered with an error${event.error.code ? ` (${event.error.code})` : ''}: ${event.error.message.slice(0, 300)}`,
          ),
        }
    }
  }

  return {
    name,
    open: (brief) =>
      Effect.gen(function* () {
        const items = yield* Queue.unbounded<Item>()
        let closing = false
        const socket = yield* Effect.acquireRelease(
          Effect.async<RealtimeSocket, VoiceAi.VoiceAgentFailure>((resume) => {
            let opened = false
            let ws: RealtimeSocket
            try {
              ws = connect(url, { Authorization: `Bearer ${Redacted.value(key)}` })
            } catch (cause) {
              resume(Effect.fail(failure('ConnectFailed', `${name} could not be reached`, cause)))
              return
            }
            ws.addEventListener('open', () => {
              opened = true
              resume(Effect.succeed(ws))
            })
            ws.addEventListener('message', (event: { data: unknown }) => {
              const item = read(event.data)
              if (item) Queue.unsafeOffer(items, item)
            })
            ws.addEventListener('close', (event: { code: number; reason?: string }) => {
              if (!opened)
                resume(
                  Effect.fail(failure('ConnectFailed', `${name} could not be reached (close ${event.code})`)),
                )
              else if (!closing)
                Queue.unsafeOffer(items, {
                  _tag: 'Failed',
                  failure: failure(
                    'Disconnected',
                    `${name} closed the connection (${event.code}${event.reason ? ` ${event.reason}` : ''})`,
                  ),
                })
            })
            ws.addEventListener('error', () => {
              if (!opened) resume(Effect.fail(failure('ConnectFailed', `${name} could not be reached`)))
            })
            return Effect.sync(() => {
              closing = true
              ws.close(1000)
            })
          }),
          (ws) =>
            Effect.sync(() => {
              closing = true
              if (ws.readyState <= OPEN) ws.close(1000, 'call ended')
            }),
        )
        const send = (message: unknown) =>
          Effect.sync(() => {
            if (socket.readyState === OPEN) socket.send(JSON.stringify(message))
          })
        yield* send({
          type: 'session.update',
          session: {
            type: 'realtime',
            instructions: instructionsOf(brief),
            audio: {
              input: {
                format: { type: 'audio/pcmu' },
                transcription: { model: options.transcriptionModel ?? 'whisper-1' },
                turn_detection: { type: 'server_vad' },
              },
              output: { format: { type: 'audio/pcmu' }, voice: options.voice ?? 'alloy' },
            },
            tools,
            tool_choice: 'auto',
          },
        })
        // The agent speaks first: a greeting, or picking the call up after the provider before it.
        yield* send({ type: 'response.create' })
        const events = Stream.fromQueue(items).pipe(
          Stream.mapEffect((item) =>
            item._tag === 'Event' ? Effect.succeed(item.event) : Effect.fail(item.failure),
          ),
        )
        return {
          events,
          sendAudio: (payload: string) => send({ type: 'input_audio_buffer.append', audio: payload }),
        }
      }),
  }
}
