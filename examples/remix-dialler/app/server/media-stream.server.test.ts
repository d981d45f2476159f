import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { VoiceAi } from '@ringlane/core'
import { Effect, Option } from 'effect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { MEDIA_STREAM_PATH, serveMediaStreams } from './media-stream.server'

// The app's Media Streams endpoint with a real WebSocket client speaking Twilio's messages ("Media
// Streams - WebSocket Messages"), and the SDK's own ticket check behind it.

const config = VoiceAi.VoiceAiConfig.layer({ streamSecret: 'media-stream-test-secret-of-32-chars!' })
const callSid = `CA${'a'.repeat(32)}`
const streamSid = `MZ${'b'.repeat(32)}`
const request = {
  callId: 'call-1',
  providerCallId: callSid,
  agentId: 'claims-ai',
  campaignId: 'renewals',
  direction: 'outbound' as const,
}

/** A ticket as the engine signs it for a call it sends to an AI agent. */
const signed = (call: typeof request) =>
  Effect.runPromise(
    Effect.map(VoiceAi.signAiCallTicket(call), Option.getOrThrow).pipe(Effect.provide(config)),
  )

const server = createServer()
const accepted: Array<{ readonly callId: string }> = []
const logged: string[] = []
let port = 0
let streams: ReturnType<typeof serveMediaStreams>

/** Accepts as `voiceAi.acceptStream` does (the SDK's ticket check), then echoes the caller's first frame. */
const accept: Parameters<typeof serveMediaStreams>[1] = async (stream, line) => {
  const opened = await Effect.runPromise(
    VoiceAi.openAiCallTicket(stream.ticket, stream.providerCallId).pipe(Effect.provide(config)),
  )
  accepted.push(opened)
  const heard = await Effect.runPromise(line.listen)
  if (heard._tag === 'Audio') await Effect.runPromise(line.play(heard.payload))
  while ((await Effect.runPromise(line.listen))._tag !== 'Ended');
  return undefined as never
}

beforeAll(async () => {
  streams = serveMediaStreams(server, accept, (line) => logged.push(line))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  streams.close()
  await new Promise((resolve) => server.close(resolve))
})

/** A stream as Twilio opens it: connected, then start with the custom parameters. */
const openStream = async (customParameters: Record<string, string>) => {
  const socket = new WebSocket(`ws://127.0.0.1:${port}${MEDIA_STREAM_PATH}`)
  const received: unknown[] = []
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  socket.on('message', (data) => received.push(JSON.parse(String(data))))
  await new Promise((resolve) => socket.once('open', resolve))
  socket.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }))
  socket.send(
    JSON.stringify({
      event: 'start',
      sequenceNumber: '1',
      streamSid,
      start: {
        accountSid: `AC${'c'.repeat(32)}`,
        streamSid,
        callSid,
        tracks: ['inbound'],
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        customParameters,
      },
    }),
  )
  return { socket, received, closed }
}
const media = (payload: string) =>
  JSON.stringify({
    event: 'media',
    sequenceNumber: '2',
    streamSid,
    media: { track: 'inbound', chunk: '1', timestamp: '20', payload },
  })

describe('the Media Streams endpoint', () => {
  it('gives a stream with a valid ticket to the AI agent and carries audio both ways', async () => {
    const ticket = await signed(request)
    const { socket, received, closed } = await openStream({ ticket })
    socket.send(media('//79'))
    for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(received).toEqual([{ event: 'media', streamSid, media: { payload: '//79' } }])
    expect(accepted).toMatchObject([{ callId: 'call-1', agentId: 'claims-ai', providerCallId: callSid }])
    socket.send(JSON.stringify({ event: 'stop', sequenceNumber: '3', streamSid, stop: { callSid } }))
    expect(await closed).toBe(1000)
  })

  it('refuses and closes a stream with no ticket, a forged one, or one for another call', async () => {
    const before = accepted.length
    const forged = `${Buffer.from(JSON.stringify({ ...request, context: '', expiresAt: 8.64e15 })).toString('base64url')}.${'A'.repeat(43)}`
    const otherCall = await signed({ ...request, providerCallId: `CA${'d'.repeat(32)}` })
    for (const parameters of [{}, { ticket: forged }, { ticket: 'not a ticket' }, { ticket: otherCall }]) {
      const { socket, received, closed } = await openStream(parameters)
      socket.send(media('//79'))
      expect(await closed).toBe(1008)
      expect(received).toEqual([])
    }
    expect(accepted).toHaveLength(before)
    expect(logged).toHaveLength(4)
    expect(logged.join('\n')).toContain('refused')
  })
})
