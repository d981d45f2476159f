import { act, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DiallerEventMessage } from './live-event-stream.js'
import { useDiallerEvents } from './use-dialler-events.js'

/** A server-sent-event endpoint the test writes to by hand. */
const liveServer = () => {
  const requests: Array<{ url: string; headers: Headers; signal: AbortSignal | null | undefined }> = []
  const streams: Array<ReadableStreamDefaultController<Uint8Array>> = []
  const answers: Array<() => Response> = []
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    requests.push({ url: String(input), headers: new Headers(init?.headers), signal: init?.signal })
    const answer = answers.shift()
    if (answer) return answer()
    let stream: ReadableStreamDefaultController<Uint8Array> | undefined
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        stream = controller
      },
    })
    init?.signal?.addEventListener('abort', () => stream?.error(init.signal?.reason))
    if (stream) streams.push(stream)
    return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } })
  })
  const live = () => {
    const stream = streams.at(-1)
    if (!stream) throw new Error('no open stream')
    return stream
  }
  return {
    fetch,
    requests,
    /** Queues the answer to the next request instead of an open stream. */
    answerNext: (answer: () => Response) => answers.push(answer),
    send: async (text: string) => {
      await act(async () => {
        live().enqueue(new TextEncoder().encode(text))
        await vi.advanceTimersByTimeAsync(0)
      })
    },
    end: async () => {
      await act(async () => {
        live().close()
        await vi.advanceTimersByTimeAsync(0)
      })
    },
  }
}

const wait = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.spyOn(Math, 'random').mockReturnValue(1)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('useDiallerEvents', () => {
  it('opens the stream and hands over each event with its JSON parsed', async () => {
    const server = liveServer()
    const onEvent = vi.fn()
    const { result } = renderHook(() => useDiallerEvents('/events', { fetch: server.fetch, onEvent }))
    expect(result.current.status).toBe('connecting')
    await wait(0)
    expect(result.current.status).toBe('open')
    expect(server.requests[0]?.url).toBe('/events')
    expect(server.requests[0]?.headers.get('accept')).toBe('text/event-stream')
    expect(server.requests[0]?.headers.has('last-event-id')).toBe(false)
    await server.send('event: agent-state\nid: 41\ndata: {"agentId":"a1","state":"on-call"}\n\n')
    await server.send('id: 42\ndata: plain text\n\n')
    expect(onEvent.mock.calls.map(([event]) => event)).toEqual([
      { id: '41', type: 'agent-state', data: { agentId: 'a1', state: 'on-call' } },
      { id: '42', type: 'message', data: 'plain text' },
    ])
    expect(result.current).toMatchObject({ lastEventId: '42', lastEvent: { id: '42' }, error: null })
  })

  it('reconnects when the server closes the stream, resuming after the last event', async () => {
    const server = liveServer()
    const { result } = renderHook(() => useDiallerEvents('/events', { fetch: server.fetch }))
    await wait(0)
    await server.send('id: 7\ndata: {}\n\n')
    await server.end()
    expect(result.current.status).toBe('reconnecting')
    await wait(1_000)
    expect(result.current.status).toBe('open')
    expect(server.requests[1]?.headers.get('last-event-id')).toBe('7')
  })

  it('honours the server’s retry field after a clean close', async () => {
    const server = liveServer()
    renderHook(() => useDiallerEvents('/events', { fetch: server.fetch }))
    await wait(0)
    await server.send('retry: 5000\n\n')
    await server.end()
    await wait(4_999)
    expect(server.requests).toHaveLength(1)
    await wait(1)
    expect(server.requests).toHaveLength(2)
  })

  it('backs off after failures, shows the error, and clears it once connected', async () => {
    const server = liveServer()
    server.answerNext(() => new Response('down', { status: 503, statusText: 'Service Unavailable' }))
    server.answerNext(() => {
      throw new TypeError('Failed to fetch')
    })
    const { result } = renderHook(() =>
      useDiallerEvents('/events', { fetch: server.fetch, retry: { initialDelayMs: 1_000 } }),
    )
    await wait(0)
    expect(result.current).toMatchObject({
      status: 'reconnecting',
      error: { message: 'The live-event stream at /events answered 503 Service Unavailable' },
    })
    await wait(1_000)
    expect(result.current.error?.message).toBe('Failed to fetch')
    await wait(1_999)
    expect(server.requests).toHaveLength(2)
    await wait(1)
    expect(result.current).toMatchObject({ status: 'open', error: null })
  })

  it('refuses a response that is not an event stream', async () => {
    const server = liveServer()
    server.answerNext(() => new Response('<html>', { headers: { 'content-type': 'text/html' } }))
    const { result } = renderHook(() => useDiallerEvents('/events', { fetch: server.fetch }))
    await wait(0)
    expect(result.current.error?.message).toBe(
      'The live-event stream at /events answered text/html, not text/event-stream.',
    )
  })

  it('reopens a stream that went silent, since a dead connection may never say so', async () => {
    const server = liveServer()
    const { result } = renderHook(() =>
      useDiallerEvents('/events', { fetch: server.fetch, idleTimeoutMs: 30_000 }),
    )
    await wait(0)
    await wait(20_000)
    await server.send(': keep-alive\n')
    await wait(29_999)
    expect(server.requests).toHaveLength(1)
    await wait(1)
    expect(result.current.error?.message).toBe('No data from /events for 30 s.')
    expect(server.requests[0]?.signal?.aborted).toBe(true)
    await wait(1_000)
    expect(server.requests).toHaveLength(2)
  })

  it('reconnects at once when the browser comes back online', async () => {
    const server = liveServer()
    server.answerNext(() => {
      throw new TypeError('Failed to fetch')
    })
    renderHook(() => useDiallerEvents('/events', { fetch: server.fetch, retry: { initialDelayMs: 60_000 } }))
    await wait(0)
    expect(server.requests).toHaveLength(1)
    await act(async () => {
      window.dispatchEvent(new Event('online'))
      await vi.advanceTimersByTimeAsync(0)
    })
    expect(server.requests).toHaveLength(2)
  })

  it('stops for good on 204, as the spec says', async () => {
    const server = liveServer()
    server.answerNext(() => new Response(null, { status: 204 }))
    const { result } = renderHook(() => useDiallerEvents('/events', { fetch: server.fetch }))
    await wait(60_000)
    expect(result.current.status).toBe('closed')
    expect(server.requests).toHaveLength(1)
  })

  it('gives typed events through parse, skipping what it returns null for', async () => {
    type QueueLevel = { readonly queue: string; readonly waiting: number }
    const server = liveServer()
    const parse = (message: DiallerEventMessage): QueueLevel | null =>
      message.type === 'queue-level' && typeof message.data === 'object' && message.data !== null
        ? (message.data as QueueLevel)
        : null
    const { result } = renderHook(() => useDiallerEvents('/events', { fetch: server.fetch, parse }))
    await wait(0)
    await server.send('event: queue-level\ndata: {"queue":"signatures","waiting":12}\n\n')
    await server.send('event: other\ndata: {}\n\n')
    expect(result.current.lastEvent).toEqual({ queue: 'signatures', waiting: 12 })
  })

  it('resumes from a kept event id, and closes the stream on unmount or when disabled', async () => {
    const server = liveServer()
    const { result, rerender, unmount } = renderHook(
      ({ enabled }) => useDiallerEvents('/events', { fetch: server.fetch, enabled, lastEventId: '99' }),
      { initialProps: { enabled: true } },
    )
    await wait(0)
    expect(server.requests[0]?.headers.get('last-event-id')).toBe('99')
    rerender({ enabled: false })
    expect(result.current.status).toBe('closed')
    expect(server.requests[0]?.signal?.aborted).toBe(true)
    rerender({ enabled: true })
    await wait(0)
    expect(server.requests).toHaveLength(2)
    unmount()
    expect(server.requests[1]?.signal?.aborted).toBe(true)
    await wait(60_000)
    expect(server.requests).toHaveLength(2)
  })
})
