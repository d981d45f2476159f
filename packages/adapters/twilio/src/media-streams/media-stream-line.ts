import type { VoiceAi } from '@ringlane/core'
import { Deferred, Effect, Queue, Schema } from 'effect'
import twilio from 'twilio'

/**
 * TwiML that connects a live call's audio to your WebSocket server in both directions
 * (`<Connect><Stream url>`), for an AI agent to talk over: `calls(sid).update({ twiml })` on an
 * answered call, or the answer to an IVR step's webhook. `parameters` reach the server in the
 * `start` message (`customParameters`), e.g. the call's and the AI agent's ids.
 */
export const aiAgentStreamTwiml = (options: {
  readonly streamUrl: string
  readonly parameters?: Readonly<Record<string, string>>
}): string => {
  if (!/^wss:\/\/\S+$/.test(options.streamUrl)) throw new TypeError('streamUrl must be a wss:// URL')
  const response = new twilio.twiml.VoiceResponse()
  const stream = response.connect().stream({ url: options.streamUrl })
  for (const [name, value] of Object.entries(options.parameters ?? {})) stream.parameter({ name, value })
  return response.toString()
}

/** The slice of a server-side WebSocket the line uses (the `ws` package's, or any WHATWG-style one). */
export interface MediaStreamSocket {
  send(data: string): void
  addEventListener(type: 'message' | 'close', listener: (event: never) => void): void
}

// Twilio's Media Streams messages, as "Media Streams - WebSocket Messages" documents them.
const Start = Schema.Struct({
  event: Schema.Literal('start'),
  streamSid: Schema.String,
  start: Schema.Struct({
    streamSid: Schema.String,
    accountSid: Schema.String,
    callSid: Schema.String,
    customParameters: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), {
      default: () => ({}),
    }),
    mediaFormat: Schema.optional(
      Schema.Struct({ encoding: Schema.String, sampleRate: Schema.Number, channels: Schema.Number }),
    ),
  }),
})
const Media = Schema.Struct({
  event: Schema.Literal('media'),
  media: Schema.Struct({ track: Schema.optional(Schema.String), payload: Schema.String }),
})
const Stop = Schema.Struct({ event: Schema.Literal('stop') })
const Message = Schema.parseJson(
  Schema.Union(Start, Media, Stop, Schema.Struct({ event: Schema.Literal('connected', 'mark', 'dtmf') })),
)
const decode = Schema.decodeUnknownEither(Message)

/** The call the stream carries, from Twilio's `start` message. */
export interface MediaStreamStart {
  readonly streamSid: string
  readonly callSid: string
  readonly accountSid: string
  readonly customParameters: Readonly<Record<string, string>>
}

/**
 * A live call's audio over a Twilio Media Stream (bidirectional, from `aiAgentStreamTwiml`), as the
 * line an AI agent talks on: resolves at Twilio's `start` message with the call it carries. The
 * caller's `media` frames are heard; the agent's audio goes back as `media` messages and `clear`
 * drops what Twilio has queued; `stop` or the socket closing ends the line. A message outside the
 * documented ones is skipped: the call goes on.
 */
export const twilioMediaStreamLine = (socket: MediaStreamSocket) =>
  Effect.gen(function* () {
    const heard = yield* Queue.unbounded<VoiceAi.CallerAudio>()
    const started = yield* Deferred.make<MediaStreamStart, Error>()
    let streamSid: string | null = null
    let ended = false
    const end = () => {
      if (ended) return
      ended = true
      Queue.unsafeOffer(heard, { _tag: 'Ended' })
      Deferred.unsafeDone(started, Effect.fail(new Error('the media stream ended before it started')))
    }
    socket.addEventListener('message', (event: { data: unknown }) => {
      const message = decode(typeof event.data === 'string' ? event.data : String(event.data))
      if (message._tag === 'Left') return
      const m = message.right
      if (m.event === 'start') {
        streamSid = m.start.streamSid
        Deferred.unsafeDone(
          started,
          Effect.succeed({
            streamSid: m.start.streamSid,
            callSid: m.start.callSid,
            accountSid: m.start.accountSid,
            customParameters: m.start.customParameters,
          }),
        )
      } else if (m.event === 'media') {
        if (!ended && (m.media.track === undefined || m.media.track === 'inbound'))
          Queue.unsafeOffer(heard, { _tag: 'Audio', payload: m.media.payload })
      } else if (m.event === 'stop') end()
    })
    socket.addEventListener('close', end)
    const start = yield* Deferred.await(started)
    const send = (message: unknown) =>
      Effect.sync(() => {
        if (!ended && streamSid) socket.send(JSON.stringify(message))
      })
    const line: VoiceAi.CallAudioLine = {
      // After the end, every listen answers `Ended` again.
      listen: Effect.flatMap(
        Queue.take(heard),
        (item): Effect.Effect<VoiceAi.CallerAudio> =>
          item._tag === 'Ended' ? Effect.as(Queue.offer(heard, item), item) : Effect.succeed(item),
      ),
      play: (payload) => send({ event: 'media', streamSid, media: { payload } }),
      clear: send({ event: 'clear', streamSid }),
    }
    return { start, line }
  })
