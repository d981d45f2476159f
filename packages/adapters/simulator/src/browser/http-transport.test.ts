import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import {
  createHttpSimulatorTransport,
  type EventSourceConstructor,
  type SimulatedCallUpdate,
  type SimulatorConnectionHandlers,
} from './index.js'

class FakeEventSource {
  static opened: FakeEventSource[] = []
  readonly listeners = new Map<string, Array<(event: MessageEvent) => void>>()
  closed = false
  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    FakeEventSource.opened.push(this)
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  close(): void {
    this.closed = true
  }
  dispatch(type: string, data = '', lastEventId = ''): void {
    const event = new MessageEvent(type, { data, lastEventId })
    for (const listener of this.listeners.get(type) ?? []) listener(event)
  }
}

const handlers = () => {
  const log = { opened: 0, updates: [] as SimulatedCallUpdate[], lost: [] as Error[] }
  const callbacks: SimulatorConnectionHandlers = {
    opened: () => log.opened++,
    update: (update) => log.updates.push(update),
    lost: (error) => log.lost.push(error),
  }
  return { log, callbacks }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

afterEach(() => {
  FakeEventSource.opened = []
  vi.restoreAllMocks()
})

describe('the event stream', () => {
  it('opens GET {baseUrl}/events and reads ready and call events', () => {
    const transport = createHttpSimulatorTransport({
      baseUrl: '/dial/simulator/',
      EventSource: FakeEventSource,
    })
    const { log, callbacks } = handlers()
    transport.connect(callbacks)
    const source = FakeEventSource.opened[0]
    expect(source?.url).toMatch(/^\/dial\/simulator\/events\?leg=[\w-]+$/)
    expect(source?.init).toEqual({ withCredentials: false })
    source?.dispatch('ready', '{}')
    source?.dispatch('call', '{"callId":"sim_1","state":"ringing"}', '7')
    source?.dispatch('call', '{"callId":"sim_1","state":"closed","endReason":"busy"}', '8')
    expect(log.opened).toBe(1)
    expect(log.updates).toEqual([
      { callId: 'sim_1', state: 'ringing' },
      { callId: 'sim_1', state: 'closed', endReason: 'busy' },
    ])
  })

  it('ignores malformed updates and says so on the console', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const transport = createHttpSimulatorTransport({ EventSource: FakeEventSource })
    const { log, callbacks } = handlers()
    transport.connect(callbacks)
    const source = FakeEventSource.opened[0]
    for (const data of [
      'nope',
      '{"state":"open"}',
      '{"callId":"a","state":"dialing"}',
      '{"callId":"a","state":"closed","endReason":"bored"}',
    ]) {
      source?.dispatch('call', data)
    }
    expect(log.updates).toEqual([])
    expect(warn).toHaveBeenCalledTimes(4)
  })

  it('reports a broken stream once, closes it, and resumes after the last event on reconnect', () => {
    const transport = createHttpSimulatorTransport({ EventSource: FakeEventSource, credentials: 'include' })
    const { log, callbacks } = handlers()
    transport.connect(callbacks)
    const first = FakeEventSource.opened[0]
    first?.dispatch('call', '{"callId":"sim_1","state":"open"}', 'evt 41')
    first?.dispatch('error')
    first?.dispatch('error')
    expect(first?.closed).toBe(true)
    expect(log.lost).toHaveLength(1)
    expect(log.lost[0]).toMatchObject({ code: 'network' })
    transport.connect(callbacks)
    // The same page keeps its leg across reconnections, so its calls go on.
    const leg = new URL(FakeEventSource.opened[0]?.url ?? '', 'http://x').searchParams.get('leg')
    expect(leg).toBeTruthy()
    expect(FakeEventSource.opened[1]?.url).toBe(`/simulator/events?leg=${leg}&lastEventId=evt+41`)
    expect(FakeEventSource.opened[1]?.init).toEqual({ withCredentials: true })
  })

  it('stays silent after close()', () => {
    const transport = createHttpSimulatorTransport({ EventSource: FakeEventSource })
    const { log, callbacks } = handlers()
    transport.connect(callbacks).close()
    FakeEventSource.opened[0]?.dispatch('ready')
    FakeEventSource.opened[0]?.dispatch('error')
    expect(log).toEqual({ opened: 0, updates: [], lost: [] })
  })

  it('reports a host without EventSource instead of throwing', async () => {
    vi.stubGlobal('EventSource', undefined)
    try {
      const { log, callbacks } = handlers()
      createHttpSimulatorTransport().connect(callbacks)
      await Promise.resolve()
      expect(log.lost[0]).toMatchObject({ code: 'sdk-unavailable' })
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('accepts the browser’s own EventSource', () => {
    expectTypeOf<typeof EventSource>().toExtend<EventSourceConstructor>()
  })
})

describe('commands', () => {
  it('places a call with POST {baseUrl}/calls and reads its callId', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => json(201, { callId: 'sim_9' }))
    const transport = createHttpSimulatorTransport({ fetch, EventSource: FakeEventSource })
    await expect(transport.placeCall({ to: '+447700900123', params: { lead: 'L1' } })).resolves.toEqual({
      callId: 'sim_9',
    })
    // The call names this page's leg, the one its event stream names, so it ends when the page goes.
    transport.connect(handlers().callbacks)
    const leg = new URL(FakeEventSource.opened[0]?.url ?? '', 'http://x').searchParams.get('leg')
    expect(fetch).toHaveBeenCalledWith('/simulator/calls', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ to: '+447700900123', params: { lead: 'L1' }, leg }),
      credentials: 'same-origin',
    })
  })

  it('hangs up and sends tones on the call’s own routes', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(null, { status: 204 }))
    const transport = createHttpSimulatorTransport({ fetch, baseUrl: 'https://sim.example' })
    await transport.hangUp('sim/1')
    await transport.sendDigits('sim_1', '1#')
    expect(fetch.mock.calls.map(([url, init]) => [url, init?.body])).toEqual([
      ['https://sim.example/calls/sim%2F1/hangup', '{}'],
      ['https://sim.example/calls/sim_1/digits', '{"digits":"1#"}'],
    ])
  })

  it('keeps the server’s error code and message', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () =>
      json(422, { error: { code: 'invalid-number', message: 'to: "+44" is not a phone number' } }),
    )
    const transport = createHttpSimulatorTransport({ fetch })
    await expect(transport.placeCall({ to: '+44', params: {} })).rejects.toMatchObject({
      code: 'invalid-number',
      message: 'to: "+44" is not a phone number',
    })
  })

  it('reads a refused session, a server fault and an unreachable server', async () => {
    const answers = [
      new Response('no', { status: 401, statusText: 'Unauthorized' }),
      new Response('<html>', { status: 502, statusText: 'Bad Gateway' }),
      json(201, { id: 'wrong-field' }),
    ]
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      const answer = answers.shift()
      if (!answer) throw new TypeError('Failed to fetch')
      return answer
    })
    const transport = createHttpSimulatorTransport({ fetch })
    const place = () => transport.placeCall({ to: '+447700900123', params: {} })
    await expect(place()).rejects.toMatchObject({
      code: 'token-invalid',
      message: 'The simulator answered 401 Unauthorized',
    })
    await expect(place()).rejects.toMatchObject({
      code: 'call-failed',
      message: 'The simulator answered 502 Bad Gateway',
    })
    await expect(place()).rejects.toMatchObject({ code: 'call-failed', message: /did not say its callId/ })
    await expect(place()).rejects.toMatchObject({
      code: 'network',
      message: 'The simulator at /simulator cannot be reached: Failed to fetch',
    })
  })
})
