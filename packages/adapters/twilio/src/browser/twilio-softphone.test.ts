import { Softphone } from '@ringlane/core'
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { accessToken, FakeDevice, twilioError } from './fake-voice-sdk.test.support.js'
import { createTwilioSoftphone, type NetworkEvents, type TwilioSoftphoneOptions } from './index.js'

const hour = 3_600_000

/** A network whose "back online" the test fires by hand. */
const fakeNetwork = () => {
  const listeners = new Set<() => void>()
  const network: NetworkEvents = {
    onOnline: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  const comeBackOnline = () => {
    for (const listener of [...listeners]) listener()
  }
  return { network, listeners, comeBackOnline }
}

const setup = (overrides: Partial<TwilioSoftphoneOptions> = {}) => {
  const tokens: string[] = []
  const getToken = vi.fn(async () => {
    const token = accessToken(Date.now() + hour, `agent-${tokens.length}`)
    tokens.push(token)
    return token
  })
  const net = fakeNetwork()
  const softphone = createTwilioSoftphone({
    getToken,
    Device: FakeDevice,
    network: net.network,
    retry: { initialDelayMs: 1_000, maxDelayMs: 8_000 },
    ...overrides,
  })
  const seen: string[] = []
  const errors: Softphone.SoftphoneError[] = []
  for (const event of [...Softphone.deviceStates, ...Softphone.callStates, 'mute'] as const) {
    softphone.on(event, () => seen.push(event))
  }
  softphone.on('error', (error) => errors.push(error))
  return { softphone, getToken, tokens, seen, errors, ...net }
}

const registered = async (overrides: Partial<TwilioSoftphoneOptions> = {}) => {
  const context = setup(overrides)
  await context.softphone.register()
  context.seen.length = 0
  return { ...context, device: FakeDevice.last }
}

beforeEach(() => {
  FakeDevice.reset()
  vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z') })
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('createTwilioSoftphone', () => {
  it('touches nothing in the browser until register(), so a server render can create it', () => {
    expect(typeof window).toBe('undefined')
    const { softphone, getToken } = setup()
    expect(softphone.deviceState).toBe('unregistered')
    expect(softphone.call).toBeNull()
    expect(softphone.audioDevices.inputs).toEqual([])
    expect(getToken).not.toHaveBeenCalled()
    expect(FakeDevice.created).toHaveLength(0)
  })

  it('registers with a token from the app and the configured codecs and edges', async () => {
    const { softphone, seen, tokens } = setup({ edge: ['dublin', 'frankfurt'], codecPreferences: ['pcmu'] })
    await softphone.register()
    expect(softphone.deviceState).toBe('registered')
    expect(seen).toEqual(['registering', 'registered'])
    expect(FakeDevice.last.tokens).toEqual(tokens)
    expect(FakeDevice.last.options).toEqual({
      codecPreferences: ['pcmu'],
      edge: ['dublin', 'frankfurt'],
      maxCallSignalingTimeoutMs: 30_000,
      tokenRefreshMs: 60_000,
      closeProtection: true,
    })
  })

  it('prefers Opus then PCMU and leaves the signaling timeout alone without edge fallback', async () => {
    const { softphone } = setup({ edge: 'sydney', closeProtection: 'A call is in progress' })
    await softphone.register()
    expect(FakeDevice.last.options).toEqual({
      codecPreferences: ['opus', 'pcmu'],
      edge: 'sydney',
      tokenRefreshMs: 60_000,
      closeProtection: 'A call is in progress',
    })
  })
})

describe('dialing', () => {
  it('refuses to dial while unregistered, before touching the SDK', async () => {
    const { softphone, errors } = setup()
    const dial = softphone.dial({ to: '+447700900123' })
    await expect(dial).rejects.toMatchObject({ name: 'SoftphoneError', code: 'not-registered' })
    expect(errors.map((e) => e.code)).toEqual(['not-registered'])
    expect(errors[0]?.message).toBe('Cannot dial while the softphone is unregistered.')
    expect(Softphone.isSoftphoneError(errors[0])).toBe(true)
    expect(FakeDevice.created).toHaveLength(0)
  })

  it('refuses a malformed number with a hint on the right form', async () => {
    const { softphone, device, errors } = await registered()
    await expect(softphone.dial({ to: '07700 900123' })).rejects.toMatchObject({
      code: 'invalid-number',
      hint: 'Dial numbers in international form, e.g. +447700900123.',
    })
    expect(device.calls).toHaveLength(0)
    expect(errors).toHaveLength(1)
  })

  it('goes connecting, ringing, open, then closed when the agent hangs up', async () => {
    const { softphone, device, seen } = await registered()
    const dialed = await softphone.dial({
      to: '+447700900123',
      params: { callSessionId: 'cs_1', To: '+1999' },
    })
    expect(dialed).toMatchObject({ to: '+447700900123', state: 'connecting', callId: null, muted: false })
    const call = device.lastCall
    expect(call.connectParams).toEqual({ callSessionId: 'cs_1', To: '+447700900123' })

    call.ring()
    vi.advanceTimersByTime(4_000)
    call.answer('CA42')
    expect(softphone.call).toMatchObject({ state: 'open', callId: 'CA42', answeredAt: Date.now() })
    expect(softphone.call?.params).toEqual({ callSessionId: 'cs_1', To: '+1999' })

    softphone.setMuted(true)
    expect(softphone.call?.muted).toBe(true)
    softphone.setMuted(false)
    softphone.sendDigits('1#')
    expect(call.digits).toEqual(['1#'])

    softphone.hangUp()
    expect(softphone.call).toMatchObject({ state: 'closed', endReason: 'completed', endedAt: Date.now() })
    expect(seen).toEqual(['connecting', 'ringing', 'open', 'mute', 'mute', 'closed'])
    softphone.hangUp()
    expect(call.disconnects).toBe(1)
  })

  it('keeps the line for one call at a time', async () => {
    const { softphone, device } = await registered()
    await softphone.dial({ to: '+447700900123' })
    await expect(softphone.dial({ to: '+447700900124' })).rejects.toMatchObject({ code: 'call-in-progress' })
    device.lastCall.answer()
    device.lastCall.disconnect()
    await expect(softphone.dial({ to: '+447700900124' })).resolves.toMatchObject({ state: 'connecting' })
  })

  it('closes a busy call with its reason and no error', async () => {
    const { softphone, device, errors } = await registered()
    await softphone.dial({ to: '+447700900123' })
    device.lastCall.fail(twilioError(31486, 'Busy Here'))
    expect(softphone.call).toMatchObject({ state: 'closed', endReason: 'busy' })
    expect(errors).toEqual([])
  })

  it('reports a call that fails on the network and closes it as failed', async () => {
    const { softphone, device, errors } = await registered()
    await softphone.dial({ to: '+447700900123' })
    device.lastCall.answer()
    device.lastCall.fail(
      twilioError(31005, 'Connection error', 'A connection error occurred during the call'),
    )
    expect(softphone.call).toMatchObject({ state: 'closed', endReason: 'failed' })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({
      code: 'network',
      providerCode: 31005,
      message: 'Twilio 31005: Connection error. A connection error occurred during the call',
    })
  })

  it('shows media reconnection as a call state', async () => {
    const { softphone, device, seen } = await registered()
    await softphone.dial({ to: '+447700900123' })
    const call = device.lastCall
    call.answer()
    call.emit('reconnecting', twilioError(53405, 'Media connection failed'))
    expect(softphone.call?.state).toBe('reconnecting')
    call.emit('reconnected')
    expect(seen).toEqual(['connecting', 'open', 'reconnecting', 'open'])
  })

  it('maps a blocked microphone to a hint the agent can act on', async () => {
    const { softphone, errors } = await registered()
    FakeDevice.connectFailure = twilioError(31401, 'Permission denied')
    await expect(softphone.dial({ to: '+447700900123' })).rejects.toMatchObject({ code: 'microphone-denied' })
    expect(softphone.call).toMatchObject({ state: 'closed', endReason: 'failed' })
    expect(errors[0]?.hint).toMatch(/Allow microphone access/)
  })

  it('hangs up a call the agent cancelled while Twilio was still connecting it', async () => {
    const { softphone, device } = await registered()
    const dialing = softphone.dial({ to: '+447700900123' })
    softphone.hangUp()
    await dialing
    expect(device.lastCall.disconnects).toBe(1)
    expect(softphone.call?.state).toBe('closed')
  })

  it('reports keypad and mute requests that cannot be honoured', async () => {
    const { softphone, device, errors } = await registered()
    softphone.setMuted(true)
    softphone.sendDigits('12')
    await softphone.dial({ to: '+447700900123' })
    softphone.sendDigits('12')
    device.lastCall.answer()
    softphone.sendDigits('1-2')
    expect(errors.map((e) => e.code)).toEqual([
      'no-active-call',
      'no-active-call',
      'no-active-call',
      'invalid-digits',
    ])
    expect(device.lastCall.digits).toEqual([])
  })
})

describe('access tokens', () => {
  it('renews the token through updateToken when the SDK says it will expire, also mid-call', async () => {
    const { softphone, device, getToken, tokens } = await registered()
    await softphone.dial({ to: '+447700900123' })
    device.lastCall.answer()
    device.emit('tokenWillExpire', device)
    await vi.waitFor(() => expect(device.tokens).toHaveLength(2))
    expect(getToken).toHaveBeenCalledTimes(2)
    expect(device.tokens).toEqual(tokens)
    expect(softphone.call?.state).toBe('open')
  })

  it('keeps renewing on its own timer, since tokenWillExpire fires only once per connection', async () => {
    const { device } = await registered({ tokenRefreshMs: 60_000 })
    await vi.advanceTimersByTimeAsync(hour - 60_000)
    expect(device.tokens).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(hour - 60_000)
    expect(device.tokens).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(hour - 60_000)
    expect(device.tokens).toHaveLength(4)
  })

  it('asks once when the SDK event and the timer coincide', async () => {
    const { device, getToken } = await registered()
    await vi.advanceTimersByTimeAsync(hour - 60_000 - 1)
    device.emit('tokenWillExpire', device)
    await vi.advanceTimersByTimeAsync(1)
    expect(getToken).toHaveBeenCalledTimes(2)
  })

  it('reports a failed renewal and tries again with backoff', async () => {
    const { device, getToken, errors } = await registered()
    getToken.mockRejectedValueOnce(new Error('503 Service Unavailable'))
    device.emit('tokenWillExpire', device)
    await vi.advanceTimersByTimeAsync(0)
    expect(errors).toMatchObject([
      {
        code: 'token-unavailable',
        message: 'Fetching the Twilio access token failed: 503 Service Unavailable',
      },
    ])
    await vi.advanceTimersByTimeAsync(1_000)
    expect(device.tokens).toHaveLength(2)
  })

  it('renews at once when Twilio says the token expired', async () => {
    const { device, errors } = await registered()
    device.emit('error', twilioError(20104, 'Access Token expired or expiration date invalid'))
    await vi.advanceTimersByTimeAsync(0)
    expect(errors.map((e) => e.code)).toEqual(['token-expired'])
    expect(device.tokens).toHaveLength(2)
  })

  it('refuses a token function that returns something other than a JWT', async () => {
    const { softphone, errors } = setup({ getToken: async () => '' })
    await expect(softphone.register()).rejects.toMatchObject({ code: 'token-unavailable' })
    expect(errors).toHaveLength(1)
    expect(softphone.deviceState).toBe('unregistered')
  })
})

describe('staying registered', () => {
  it('re-registers with backoff after the network drops', async () => {
    const { softphone, device, seen } = await registered()
    device.loseNetwork()
    expect(softphone.deviceState).toBe('unregistered')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(softphone.deviceState).toBe('registered')
    expect(device.registerCalls).toBe(2)
    expect(seen).toEqual(['unregistered', 'registering', 'registered'])
  })

  it('re-registers as soon as the browser is back online', async () => {
    const { softphone, device, comeBackOnline } = await registered({ retry: { initialDelayMs: 60_000 } })
    device.loseNetwork()
    comeBackOnline()
    await vi.advanceTimersByTimeAsync(0)
    expect(softphone.deviceState).toBe('registered')
  })

  it('reports a rejected token once, then keeps retrying with growing waits', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1)
    const { softphone, errors } = setup()
    FakeDevice.nextRegistrations = [
      { fail: twilioError(31204, 'JWT is invalid') },
      { fail: twilioError(31204, 'JWT is invalid') },
    ]
    await expect(softphone.register()).rejects.toMatchObject({ code: 'token-invalid', providerCode: 31204 })
    expect(errors).toHaveLength(1)
    expect(errors[0]?.hint).toMatch(/TWILIO_ACCOUNT_SID/)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(FakeDevice.last.registerCalls).toBe(2)
    expect(softphone.deviceState).toBe('unregistered')
    await vi.advanceTimersByTimeAsync(1_999)
    expect(FakeDevice.last.registerCalls).toBe(2)
    await vi.advanceTimersByTimeAsync(2_001)
    expect(softphone.deviceState).toBe('registered')
  })

  it('abandons a registration that hangs and starts over with a fresh Device', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1)
    const { softphone, errors } = setup({ registerTimeoutMs: 10_000 })
    FakeDevice.nextRegistrations = ['hang']
    const registering = softphone.register()
    const settled = expect(registering).rejects.toMatchObject({ code: 'network' })
    await vi.advanceTimersByTimeAsync(10_000)
    await settled
    expect(errors[0]?.message).toBe('Registering with Twilio did not finish within 10 s.')
    expect(FakeDevice.created[0]?.destroyed).toBe(true)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(FakeDevice.created).toHaveLength(2)
    expect(softphone.deviceState).toBe('registered')
  })

  it('stops retrying once unregistered', async () => {
    const { softphone, device, listeners } = await registered()
    await softphone.unregister()
    expect(softphone.deviceState).toBe('unregistered')
    expect(listeners.size).toBe(0)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(device.registerCalls).toBe(1)
  })

  it('settles as unregistered when unregister() comes while registering', async () => {
    let release: (token: string) => void = () => {}
    const { softphone, seen } = setup({
      getToken: () =>
        new Promise<string>((resolve) => {
          release = resolve
        }),
    })
    const registering = softphone.register()
    await softphone.unregister()
    release(accessToken(Date.now() + hour))
    await registering
    expect(softphone.deviceState).toBe('unregistered')
    expect(seen).toEqual(['registering', 'unregistered'])
    expect(FakeDevice.created).toHaveLength(0)
  })

  it('registers after register, unregister, register in a row, as React StrictMode mounts', async () => {
    const { softphone, seen } = setup()
    const first = softphone.register()
    await softphone.unregister()
    const second = softphone.register()
    expect(softphone.deviceState).toBe('registering')
    await Promise.all([first, second])
    expect(softphone.deviceState).toBe('registered')
    expect(FakeDevice.created).toHaveLength(1)
    expect(seen).toEqual(['registering', 'unregistered', 'registering', 'registered'])
  })

  it('reports an SDK that cannot start in this browser', async () => {
    FakeDevice.constructorFailure = Object.assign(new Error('WebRTC is not supported'), {
      name: 'NotSupportedError',
    })
    const { softphone } = setup()
    await expect(softphone.register()).rejects.toMatchObject({ code: 'sdk-unavailable' })
  })
})

describe('audio devices', () => {
  it('lists and selects the headset, naming unlabelled devices', async () => {
    const { softphone } = await registered()
    expect(softphone.audioDevices).toEqual({
      inputs: [
        { id: 'default', label: 'Default' },
        { id: 'headset', label: 'Microphone 2' },
      ],
      outputs: [{ id: 'default', label: 'Speakers' }],
      inputId: null,
      outputId: 'default',
      canSelectInput: true,
      canSelectOutput: true,
    })
    const changes: Softphone.AudioDevices[] = []
    softphone.on('audioDevices', (devices) => changes.push(devices))
    await softphone.selectInput('headset')
    expect(softphone.audioDevices.inputId).toBe('headset')
    expect(changes).toHaveLength(1)
    await expect(softphone.selectInput('gone')).rejects.toMatchObject({ code: 'microphone-unavailable' })
  })

  it('says when the browser cannot choose the speaker', async () => {
    const { softphone, device } = await registered()
    if (device.audio) device.audio.isOutputSelectionSupported = false
    await expect(softphone.selectOutput('default')).rejects.toMatchObject({ code: 'audio-device' })
  })
})

describe('destroy', () => {
  it('ends the call, releases the Device and refuses further use', async () => {
    const { softphone, device, seen } = await registered()
    await softphone.dial({ to: '+447700900123' })
    softphone.destroy()
    expect(device.lastCall.disconnects).toBe(1)
    expect(device.destroyed).toBe(true)
    expect(seen).toEqual(['connecting', 'closed', 'destroyed'])
    await expect(softphone.dial({ to: '+447700900123' })).rejects.toMatchObject({ code: 'destroyed' })
    await expect(softphone.register()).rejects.toMatchObject({ code: 'destroyed' })
  })
})

describe('public types', () => {
  it('returns a SoftphoneDriver and needs only a token function', () => {
    expectTypeOf(createTwilioSoftphone).returns.toEqualTypeOf<Softphone.SoftphoneDriver>()
    expectTypeOf<Pick<TwilioSoftphoneOptions, 'getToken'>>().toEqualTypeOf<{
      readonly getToken: () => Promise<string>
    }>()
    expectTypeOf<TwilioSoftphoneOptions['codecPreferences']>().toEqualTypeOf<
      ReadonlyArray<'opus' | 'pcmu'> | undefined
    >()
    // @ts-expect-error a token function is required
    createTwilioSoftphone({})
  })
})
