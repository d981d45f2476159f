import { Effect, Fiber } from 'effect'
import { describe, expect, it } from 'vitest'
import { aiAgentStreamTwiml, type MediaStreamSocket, twilioMediaStreamLine } from './media-stream-line.js'

// The messages as Twilio's "Media Streams - WebSocket Messages" page shows them.
const connected = { event: 'connected', protocol: 'Call', version: '1.0.0' }
const start = {
  event: 'start',
  sequenceNumber: '1',
  start: {
    accountSid: 'AC00000000000000000000000000000000',
    streamSid: 'MZ00000000000000000000000000000000',
    callSid: 'CA00000000000000000000000000000000',
    tracks: ['inbound'],
    mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
    customParameters: { callId: 'call-1', agentId: 'claims-ai' },
  },
  streamSid: 'MZ00000000000000000000000000000000',
}
const media = (payload: string, chunk: number) => ({
  event: 'media',
  sequenceNumber: String(chunk + 1),
  media: { track: 'inbound', chunk: String(chunk), timestamp: String(chunk * 20), payload },
  streamSid: 'MZ00000000000000000000000000000000',
})
const mark = {
  event: 'mark',
  sequenceNumber: '9',
  streamSid: 'MZ00000000000000000000000000000000',
  mark: { name: 'greeting' },
}
const stop = {
  event: 'stop',
  sequenceNumber: '10',
  streamSid: 'MZ00000000000000000000000000000000',
  stop: { accountSid: 'AC00000000000000000000000000000000', callSid: 'CA00000000000000000000000000000000' },
}

/** A server-side socket Twilio talks to: `receive` delivers a message as Twilio would send it. */
const fakeSocket = () => {
  const listeners: Record<string, Array<(event: never) => void>> = {}
  const sent: Array<unknown> = []
  const socket: MediaStreamSocket = {
    send: (data) => sent.push(JSON.parse(data)),
    addEventListener: (type, listener) => {
      listeners[type] = [...(listeners[type] ?? []), listener]
    },
  }
  const emit = (type: string, event: unknown) => {
    for (const listener of listeners[type] ?? []) listener(event as never)
  }
  return {
    socket,
    sent,
    receive: (message: unknown) =>
      emit('message', { data: typeof message === 'string' ? message : JSON.stringify(message) }),
    close: () => emit('close', { code: 1000 }),
  }
}

describe('Twilio Media Streams line', () => {
  it('writes <Connect><Stream> TwiML with the parameters the server reads at start', () => {
    const twiml = aiAgentStreamTwiml({
      streamUrl: 'wss://dialler.example.com/voice-ai/stream',
      parameters: { callId: 'call-1' },
    })
    expect(twiml).toContain(
      '<Response><Connect><Stream url="wss://dialler.example.com/voice-ai/stream"><Parameter name="callId" value="call-1"/></Stream></Connect></Response>',
    )
    expect(() => aiAgentStreamTwiml({ streamUrl: 'http://dialler.example.com/stream' })).toThrow(/wss/)
  })

  it('carries the caller in and the agent out, and ends at stop', async () => {
    const { socket, sent, receive } = fakeSocket()
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(twilioMediaStreamLine(socket))
        yield* Effect.yieldNow()
        receive(connected)
        receive(start)
        const { start: began, line } = yield* Fiber.join(fiber)
        receive(media('//79', 1))
        receive('not json at all')
        receive({ event: 'media', media: { payload: 42 } })
        receive(mark)
        receive(media('fn5+', 2))
        yield* line.play('AAAA')
        yield* line.clear
        receive(stop)
        const heard = [yield* line.listen, yield* line.listen, yield* line.listen, yield* line.listen]
        return { began, heard }
      }),
    )
    expect(result.began).toEqual({
      streamSid: 'MZ00000000000000000000000000000000',
      callSid: 'CA00000000000000000000000000000000',
      accountSid: 'AC00000000000000000000000000000000',
      customParameters: { callId: 'call-1', agentId: 'claims-ai' },
    })
    expect(result.heard).toEqual([
      { _tag: 'Audio', payload: '//79' },
      { _tag: 'Audio', payload: 'fn5+' },
      { _tag: 'Ended' },
      { _tag: 'Ended' },
    ])
    expect(sent).toEqual([
      { event: 'media', streamSid: 'MZ00000000000000000000000000000000', media: { payload: 'AAAA' } },
      { event: 'clear', streamSid: 'MZ00000000000000000000000000000000' },
    ])
  })

  it('ends the line when the socket closes, and sends nothing after', async () => {
    const { socket, sent, receive, close } = fakeSocket()
    const heard = await Effect.runPromise(
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(twilioMediaStreamLine(socket))
        yield* Effect.yieldNow()
        receive(start)
        const { line } = yield* Fiber.join(fiber)
        close()
        yield* line.play('AAAA')
        return yield* line.listen
      }),
    )
    expect(heard).toEqual({ _tag: 'Ended' })
    expect(sent).toEqual([])
  })

  it('fails when the stream ends before Twilio says which call it carries', async () => {
    const { socket, close } = fakeSocket()
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(twilioMediaStreamLine(socket))
        yield* Effect.yieldNow()
        close()
        return yield* Effect.either(Fiber.join(fiber))
      }),
    )
    expect(result._tag).toBe('Left')
  })
})
