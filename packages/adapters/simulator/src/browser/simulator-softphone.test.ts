import { Softphone } from '@ringlane/core'
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { createSimulatorSoftphone, type NetworkEvents, type SimulatorSoftphoneOptions } from './index.js'
import { memoryTransport } from './memory-transport.test.support.js'

const setup = (overrides: Partial<SimulatorSoftphoneOptions> = {}) => {
  const server = memoryTransport()
  const online = new Set<() => void>()
  const network: NetworkEvents = {
    onOnline: (listener) => {
      online.add(listener)
      return () => online.delete(listener)
    },
  }
  const softphone = createSimulatorSoftphone({
    transport: server.transport,
    network,
    retry: { initialDelayMs: 1_000, maxDelayMs: 8_000 },
    ...overrides,
  })
  const seen: string[] = []
  const errors: Softphone.SoftphoneError[] = []
  for (const event of [...Softphone.deviceStates, ...Softphone.callStates, 'mute'] as const) {
    softphone.on(event, () => seen.push(event))
  }
  softphone.on('error', (error) => errors.push(error))
  const comeBackOnline = () => {
    for (const listener of [...online]) listener()
  }
  return { softphone, server, seen, errors, online, comeBackOnline }
}

const registered = async (overrides: Partial<SimulatorSoftphoneOptions> = {}) => {
  const context = setup(overrides)
  const registering = context.softphone.register()
  context.server.accept()
  await registering
  context.seen.length = 0
  return context
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z') })
  vi.spyOn(Math, 'random').mockReturnValue(1)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('registering with the simulator', () => {
  it('opens nothing until register(), so a server render can create it', () => {
    expect(typeof window).toBe('undefined')
    const { softphone, server } = setup()
    expect(softphone.deviceState).toBe('unregistered')
    expect(server.connections).toHaveLength(0)
    expect(createSimulatorSoftphone().deviceState).toBe('unregistered')
  })

  it('is registered once the server accepts the stream', async () => {
    const { softphone, server, seen } = setup()
    const registering = softphone.register()
    expect(softphone.deviceState).toBe('registering')
    server.accept()
    await registering
    expect(softphone.deviceState).toBe('registered')
    expect(seen).toEqual(['registering', 'registered'])
    await softphone.register()
    expect(server.connections).toHaveLength(1)
  })

  it('reports a refused stream and retries with backoff', async () => {
    const { softphone, server, errors } = setup()
    const registering = softphone.register()
    server.lose(Object.assign(new Error('401 Unauthorized'), { code: 'token-invalid' }))
    await expect(registering).rejects.toMatchObject({ code: 'token-invalid', message: '401 Unauthorized' })
    expect(errors).toHaveLength(1)
    expect(softphone.deviceState).toBe('unregistered')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(server.connections).toHaveLength(2)
    expect(softphone.deviceState).toBe('registering')
    server.accept()
    expect(softphone.deviceState).toBe('registered')
  })

  it('gives up on a stream the server never accepts, then tries again', async () => {
    const { softphone, server } = setup({ registerTimeoutMs: 5_000 })
    const registering = softphone.register()
    const settled = expect(registering).rejects.toMatchObject({
      code: 'network',
      message: 'The simulator did not accept the connection within 5 s.',
    })
    await vi.advanceTimersByTimeAsync(5_000)
    await settled
    expect(server.connections[0]?.closed).toBe(true)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(server.connections).toHaveLength(2)
  })

  it('reconnects after the stream drops, at once when the browser is back online', async () => {
    const { softphone, server, seen, errors, comeBackOnline } = await registered({
      retry: { initialDelayMs: 60_000 },
    })
    server.lose()
    expect(softphone.deviceState).toBe('unregistered')
    expect(errors).toEqual([])
    comeBackOnline()
    expect(softphone.deviceState).toBe('registering')
    server.accept()
    expect(seen).toEqual(['unregistered', 'registering', 'registered'])
  })

  it('registers after register, unregister, register in a row, as React StrictMode mounts', async () => {
    const { softphone, server } = setup()
    softphone.register().catch(() => {})
    await softphone.unregister()
    const registering = softphone.register()
    expect(softphone.deviceState).toBe('registering')
    server.accept()
    await registering
    expect(softphone.deviceState).toBe('registered')
    expect(server.connections.map((c) => c.closed)).toEqual([true, false])
  })

  it('stops reconnecting once unregistered, and settles a pending register()', async () => {
    const { softphone, server, online } = setup()
    const registering = softphone.register()
    await softphone.unregister()
    await expect(registering).rejects.toMatchObject({ code: 'not-registered' })
    expect(server.connections[0]?.closed).toBe(true)
    expect(online.size).toBe(0)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.connections).toHaveLength(1)
  })
})

describe('simulated calls', () => {
  it('follows the server through ringing, open and closed', async () => {
    const { softphone, server, seen } = await registered()
    const dialed = await softphone.dial({ to: '+447700900123', params: { callSessionId: 'cs_1' } })
    expect(dialed).toMatchObject({ to: '+447700900123', callId: 'sim_1', state: 'connecting' })
    expect(server.placed).toEqual([{ to: '+447700900123', params: { callSessionId: 'cs_1' } }])
    server.push({ callId: 'sim_1', state: 'ringing' })
    vi.advanceTimersByTime(3_000)
    server.push({ callId: 'sim_1', state: 'open' })
    expect(softphone.call).toMatchObject({ state: 'open', answeredAt: Date.now() })
    server.push({ callId: 'someone-else', state: 'closed' })
    expect(softphone.call?.state).toBe('open')
    server.push({ callId: 'sim_1', state: 'closed', endReason: 'completed' })
    expect(softphone.call).toMatchObject({ state: 'closed', endReason: 'completed', endedAt: Date.now() })
    expect(seen).toEqual(['connecting', 'ringing', 'open', 'closed'])
  })

  it('plays scripted outcomes as end reasons, not errors', async () => {
    const { softphone, server, errors } = await registered()
    await softphone.dial({ to: '+447700900123' })
    server.push({ callId: 'sim_1', state: 'ringing' })
    server.push({ callId: 'sim_1', state: 'closed', endReason: 'no-answer' })
    expect(softphone.call).toMatchObject({ state: 'closed', endReason: 'no-answer', answeredAt: null })
    expect(errors).toEqual([])
  })

  it('keeps updates that overtake the answer to "place call"', async () => {
    const { softphone, server } = await registered()
    server.onPlaced((callId) => server.push({ callId, state: 'ringing' }))
    await softphone.dial({ to: '+447700900123' })
    expect(softphone.call?.state).toBe('ringing')
  })

  it('refuses to dial while unregistered, with a malformed number, or during a call', async () => {
    const { softphone, server, errors } = setup()
    await expect(softphone.dial({ to: '+447700900123' })).rejects.toMatchObject({ code: 'not-registered' })
    const registering = softphone.register()
    server.accept()
    await registering
    await expect(softphone.dial({ to: '447700900123' })).rejects.toMatchObject({ code: 'invalid-number' })
    await softphone.dial({ to: '+447700900123' })
    await expect(softphone.dial({ to: '+447700900124' })).rejects.toMatchObject({ code: 'call-in-progress' })
    expect(errors.map((e) => e.code)).toEqual(['not-registered', 'invalid-number', 'call-in-progress'])
    expect(errors.every(Softphone.isSoftphoneError)).toBe(true)
    expect(server.placed).toHaveLength(1)
  })

  it('closes a call the server refused to place and says why', async () => {
    const { softphone, server, errors } = await registered()
    server.failPlaceCall(Object.assign(new Error('The simulator is not running'), { code: 'call-failed' }))
    await expect(softphone.dial({ to: '+447700900123' })).rejects.toMatchObject({ code: 'call-failed' })
    expect(softphone.call).toMatchObject({ state: 'closed', endReason: 'failed' })
    expect(errors[0]?.hint).toMatch(/simulator is running/)
  })

  it('mutes, sends keypad tones and hangs up', async () => {
    const { softphone, server, seen } = await registered()
    await softphone.dial({ to: '+447700900123' })
    server.push({ callId: 'sim_1', state: 'open' })
    softphone.setMuted(true)
    expect(softphone.call?.muted).toBe(true)
    softphone.sendDigits('12#')
    expect(server.digits).toEqual([['sim_1', '12#']])
    softphone.hangUp()
    expect(server.hungUp).toEqual(['sim_1'])
    expect(softphone.call).toMatchObject({ state: 'closed', endReason: 'completed' })
    softphone.hangUp()
    expect(server.hungUp).toHaveLength(1)
    expect(seen).toEqual(['connecting', 'open', 'mute', 'closed'])
  })

  it('hangs up a call the agent cancelled while it was being placed', async () => {
    const { softphone, server } = await registered()
    const dialing = softphone.dial({ to: '+447700900123' })
    softphone.hangUp()
    await dialing
    expect(server.hungUp).toEqual(['sim_1'])
    expect(softphone.call?.state).toBe('closed')
  })

  it('shows the call as reconnecting while the stream is down', async () => {
    const { softphone, server } = await registered()
    await softphone.dial({ to: '+447700900123' })
    server.push({ callId: 'sim_1', state: 'open' })
    server.lose()
    expect(softphone.call?.state).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(1_000)
    server.accept()
    server.push({ callId: 'sim_1', state: 'open' })
    expect(softphone.call?.state).toBe('open')
  })

  it('reports what it cannot do: tones without a call, bad tones, audio devices', async () => {
    const { softphone, errors } = await registered()
    softphone.sendDigits('1')
    softphone.setMuted(true)
    softphone.sendDigits('x')
    await expect(softphone.selectInput('default')).rejects.toMatchObject({ code: 'audio-device' })
    await expect(softphone.selectOutput('default')).rejects.toMatchObject({ code: 'audio-device' })
    expect(errors.map((e) => e.code)).toEqual([
      'no-active-call',
      'no-active-call',
      'invalid-digits',
      'audio-device',
      'audio-device',
    ])
    expect(softphone.audioDevices).toMatchObject({
      inputs: [],
      canSelectInput: false,
      canSelectOutput: false,
    })
  })

  it('destroy() hangs up, closes the stream and refuses further use', async () => {
    const { softphone, server, seen } = await registered()
    await softphone.dial({ to: '+447700900123' })
    softphone.destroy()
    expect(server.hungUp).toEqual(['sim_1'])
    expect(server.connections[0]?.closed).toBe(true)
    expect(seen).toEqual(['connecting', 'closed', 'destroyed'])
    await expect(softphone.register()).rejects.toMatchObject({ code: 'destroyed' })
  })
})

describe('public types', () => {
  it('returns a SoftphoneDriver and needs no options', () => {
    expectTypeOf(createSimulatorSoftphone).returns.toEqualTypeOf<Softphone.SoftphoneDriver>()
    expectTypeOf(createSimulatorSoftphone).parameters.toEqualTypeOf<[options?: SimulatorSoftphoneOptions]>()
  })
})
