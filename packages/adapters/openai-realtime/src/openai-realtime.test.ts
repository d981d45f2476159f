import type { VoiceAi } from '@ringlane/core'
import { Chunk, Effect, Either, Fiber, Redacted, Stream } from 'effect'
import { ws } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openAiRealtime } from './openai-realtime.js'

// OpenAI's Realtime API as its reference documents it (client events session.update,
// input_audio_buffer.append, response.create; server events response.output_audio.delta,
// response.output_audio_transcript.done, conversation.item.input_audio_transcription.completed,
// input_audio_buffer.speech_started, response.function_call_arguments.done, error), faked with msw.
const realtime = ws.link('wss://api.openai.com/v1/realtime')
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const KEY = 'sk-test-not-a-real-key-1234567890'
const brief: VoiceAi.AgentBrief = {
  callId: 'call-1',
  instructions: 'You call claimants about their refund.',
  context: 'Refund claim 123 for Ann Example.',
  transcript: [],
}

type Sent = Record<string, unknown> & { type: string }

/** A fake Realtime server: records what the client sent and replies as `script` says. */
const fakeRealtime = (
  script: (reply: (message: unknown) => void, close: (code: number) => void, got: Sent) => void,
) => {
  const sent: Array<Sent> = []
  const connections: Array<{ url: string; protocols: unknown }> = []
  server.use(
    realtime.addEventListener('connection', ({ client, info }) => {
      connections.push({ url: client.url.toString(), protocols: info.protocols })
      const reply = (message: unknown) =>
        client.send(typeof message === 'string' ? message : JSON.stringify(message))
      client.send(JSON.stringify({ type: 'session.created', event_id: 'e0', session: { id: 'sess_1' } }))
      client.addEventListener('message', (event) => {
        const got = JSON.parse(String(event.data)) as Sent
        sent.push(got)
        script(reply, (code) => client.close(code), got)
      })
    }),
  )
  return { sent, connections }
}

/** A model that ends the call as soon as it is asked to speak (the `end_call` tool). */
const endsAtOnce: Parameters<typeof fakeRealtime>[0] = (reply, _close, got) => {
  if (got.type === 'response.create')
    reply({ type: 'response.function_call_arguments.done', name: 'end_call', call_id: 'c1', arguments: '{}' })
}

/** Opens a session, lets `during` run against it, and collects its events until it ends or fails. */
const collect = (during?: (session: VoiceAi.VoiceAgentSession) => Effect.Effect<void>) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const session = yield* openAiRealtime({ apiKey: Redacted.make(KEY) }).open(brief)
        const fiber = yield* Effect.fork(
          Stream.runCollect(session.events.pipe(Stream.takeUntil((e) => e._tag === 'Intent'))).pipe(
            Effect.either,
          ),
        )
        if (during) yield* during(session)
        const result = yield* Fiber.join(fiber)
        return Either.map(result, Chunk.toArray)
      }),
    ).pipe(Effect.timeout('5 seconds')),
  )

describe('openAiRealtime over msw WebSocket', () => {
  it('sets up a µ-law session with the instructions and context, then speaks first', async () => {
    const { sent, connections } = fakeRealtime(endsAtOnce)
    const result = await collect()
    expect(Either.isRight(result)).toBe(true)
    expect(connections[0]?.url).toBe('wss://api.openai.com/v1/realtime?model=gpt-realtime')
    // The key goes in the Authorization header, nowhere else.
    expect(connections[0]?.protocols).toEqual({ headers: { Authorization: `Bearer ${KEY}` } })
    expect(sent.map((m) => m.type)).toEqual(['session.update', 'response.create'])
    const session = sent[0]?.session as {
      type: string
      instructions: string
      audio: { input: Record<string, unknown>; output: Record<string, unknown> }
      tools: ReadonlyArray<{ name: string }>
    }
    expect(session.type).toBe('realtime')
    expect(session.audio.input.format).toEqual({ type: 'audio/pcmu' })
    expect(session.audio.output.format).toEqual({ type: 'audio/pcmu' })
    expect(session.audio.input.turn_detection).toEqual({ type: 'server_vad' })
    expect(session.instructions).toContain('You call claimants about their refund.')
    expect(session.instructions).toContain('Refund claim 123 for Ann Example.')
    expect(session.tools.map((t) => t.name)).toEqual(['transfer_to_human', 'end_call'])
  })

  it('turns audio, transcripts, barge-in and a request for a person into the call events', async () => {
    const { sent } = fakeRealtime((reply, _close, got) => {
      if (got.type === 'response.create') {
        reply({ type: 'response.output_audio.delta', response_id: 'r1', item_id: 'i1', delta: '//79' })
        reply({ type: 'response.audio.delta', response_id: 'r1', item_id: 'i1', delta: 'fn5+' })
        reply({
          type: 'response.output_audio_transcript.done',
          transcript: 'Hello, this is the claims team.',
        })
        reply({ type: 'rate_limits.updated', rate_limits: [] })
      }
      if (got.type === 'input_audio_buffer.append') {
        reply({ type: 'input_audio_buffer.speech_started', audio_start_ms: 20, item_id: 'i2' })
        reply({
          type: 'conversation.item.input_audio_transcription.completed',
          item_id: 'i2',
          content_index: 0,
          transcript: 'Can I talk to a person?',
        })
        reply({
          type: 'response.function_call_arguments.done',
          name: 'transfer_to_human',
          call_id: 'c2',
          arguments: '{"reason":"the caller asked for a person"}',
        })
      }
    })
    const result = await collect((session) =>
      Effect.zipRight(Effect.sleep('50 millis'), session.sendAudio('/////w==')),
    )
    expect(result).toEqual(
      Either.right([
        { _tag: 'Audio', payload: '//79' },
        { _tag: 'Audio', payload: 'fn5+' },
        { _tag: 'Transcript', speaker: 'agent', text: 'Hello, this is the claims team.' },
        { _tag: 'Interrupted' },
        { _tag: 'Transcript', speaker: 'caller', text: 'Can I talk to a person?' },
        { _tag: 'Intent', intent: 'human-requested', detail: 'the caller asked for a person' },
      ]),
    )
    expect(sent.find((m) => m.type === 'input_audio_buffer.append')).toEqual({
      type: 'input_audio_buffer.append',
      audio: '/////w==',
    })
  })

  const failureOf = async (script: Parameters<typeof fakeRealtime>[0]) => {
    fakeRealtime(script)
    const result = await collect()
    if (Either.isRight(result)) throw new Error('the session did not fail')
    return result.left
  }

  it('fails ProviderRefused on an error event, without the key in the message', async () => {
    const failure = await failureOf((reply, _close, got) => {
      if (got.type === 'response.create')
        reply({
          type: 'error',
          event_id: 'e9',
          error: {
            type: 'invalid_request_error',
            code: 'invalid_api_key',
            message: `Incorrect API key provided: ${KEY.slice(0, 6)}***`,
          },
        })
    })
    expect(failure).toMatchObject({
      _tag: 'VoiceAgentFailure',
      provider: 'openai-realtime',
      reason: 'ProviderRefused',
    })
    expect(failure.message).toContain('invalid_api_key')
    expect(failure.message).not.toContain(KEY)
  })

  it.each([
    ['not JSON', '{"type":"response.output_audio.delta","delta":'],
    ['no type', '{"delta":"//79"}'],
    ['audio that is not a string', '{"type":"response.output_audio.delta","delta":42}'],
    ['a transcript without its text', '{"type":"conversation.item.input_audio_transcription.completed"}'],
    ['an error without a message', '{"type":"error","error":{}}'],
  ])('fails MalformedMessage on %s', async (_what, message) => {
    const failure = await failureOf((reply, _close, got) => {
      if (got.type === 'response.create') reply(message)
    })
    expect(failure).toMatchObject({ reason: 'MalformedMessage', provider: 'openai-realtime' })
  })

  it('fails Disconnected when the server closes the socket under the call', async () => {
    const failure = await failureOf((reply, close, got) => {
      if (got.type === 'response.create') {
        reply({ type: 'response.output_audio.delta', delta: '//79' })
        close(1011)
      }
    })
    expect(failure).toMatchObject({ reason: 'Disconnected' })
    expect(failure.message).toContain('1011')
  })

  it('fails ConnectFailed when the server cannot be reached', async () => {
    const result = await Effect.runPromise(
      Effect.scoped(openAiRealtime({ apiKey: KEY, url: 'ws://127.0.0.1:9' }).open(brief)).pipe(
        Effect.either,
        Effect.timeout('5 seconds'),
      ),
    )
    expect(Either.isLeft(result) && result.left).toMatchObject({ reason: 'ConnectFailed' })
  })

  it('tells a provider taking over what was already said', async () => {
    const { sent } = fakeRealtime(endsAtOnce)
    await Effect.runPromise(
      Effect.scoped(
        Effect.flatMap(
          openAiRealtime({ apiKey: KEY }).open({
            ...brief,
            transcript: [
              { speaker: 'agent', text: 'Hello, about your refund.' },
              { speaker: 'caller', text: 'Yes, go on.' },
            ],
          }),
          (session) => Stream.runDrain(session.events.pipe(Stream.takeUntil((e) => e._tag === 'Intent'))),
        ),
      ),
    )
    const instructions = (sent[0]?.session as { instructions: string } | undefined)?.instructions
    expect(instructions).toContain('Agent: Hello, about your refund.\nCaller: Yes, go on.')
  })
})
