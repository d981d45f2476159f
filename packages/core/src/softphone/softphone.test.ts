import { describe, expect, expectTypeOf, it } from 'vitest'
import * as Softphone from './index.js'

describe('softphone errors', () => {
  it('gives every code a hint a person can act on', () => {
    for (const code of Softphone.errorCodes) {
      expect(Softphone.errorHints[code], code).toMatch(/^[A-Z].{20,}\.$/)
    }
    expect(Object.keys(Softphone.errorHints).sort()).toEqual([...Softphone.errorCodes].sort())
  })

  it('builds an Error with code, hint, provider code and cause', () => {
    const cause = new Error('Permission denied')
    const error = Softphone.softphoneError('microphone-denied', 'Microphone blocked', {
      providerCode: 31401,
      cause,
    })
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      name: 'SoftphoneError',
      code: 'microphone-denied',
      message: 'Microphone blocked',
      hint: Softphone.errorHints['microphone-denied'],
      providerCode: 31401,
      cause,
    })
    expect(Softphone.softphoneError('network', 'lost', { hint: 'Check the VPN.' }).hint).toBe(
      'Check the VPN.',
    )
    expect('providerCode' in Softphone.softphoneError('network', 'lost')).toBe(false)
  })

  it('recognizes softphone errors by shape, not by identity', () => {
    expect(Softphone.isSoftphoneError(Softphone.softphoneError('unknown', 'x'))).toBe(true)
    const lookalike = Object.assign(new Error('x'), { name: 'SoftphoneError', code: 'network', hint: 'h' })
    expect(Softphone.isSoftphoneError(lookalike)).toBe(true)
    expect(Softphone.isSoftphoneError(Object.assign(lookalike, { code: 'made-up' }))).toBe(false)
    expect(Softphone.isSoftphoneError(new Error('plain'))).toBe(false)
    expect(Softphone.isSoftphoneError({ name: 'SoftphoneError', code: 'network', hint: 'h' })).toBe(false)
  })
})

describe('numbers and tones', () => {
  it('accepts E.164 and refuses anything else', () => {
    expect(Softphone.isE164('+447700900123')).toBe(true)
    expect(Softphone.isE164('+12025550123')).toBe(true)
    for (const bad of ['07700900123', '+0447700900123', '+44 7700 900123', '+44', '', '+4477009001234567']) {
      expect(Softphone.isE164(bad), bad).toBe(false)
    }
  })

  it('accepts keypad tones only', () => {
    expect(Softphone.isDtmf('123#*w9')).toBe(true)
    for (const bad of ['', 'a', '1 2', '+1']) expect(Softphone.isDtmf(bad), bad).toBe(false)
  })
})

describe('states', () => {
  it('names states as twilio-voice.js does', () => {
    expect(Softphone.deviceStates).toEqual(['unregistered', 'registering', 'registered', 'destroyed'])
    expect(Softphone.callStates).toEqual(['connecting', 'ringing', 'open', 'reconnecting', 'closed'])
    expect(Softphone.callStates.filter(Softphone.isCallActive)).toEqual([
      'connecting',
      'ringing',
      'open',
      'reconnecting',
    ])
  })

  it('types each event with its payload', () => {
    expectTypeOf<Softphone.SoftphoneEventMap['open']>().toEqualTypeOf<Softphone.SoftphoneCall>()
    expectTypeOf<Softphone.SoftphoneEventMap['error']>().toEqualTypeOf<Softphone.SoftphoneError>()
    expectTypeOf<Softphone.SoftphoneEventMap['registered']>().toEqualTypeOf<undefined>()
    expectTypeOf<Softphone.SoftphoneEventName>().toEqualTypeOf<
      Softphone.DeviceState | Softphone.CallState | 'mute' | 'error' | 'audioDevices'
    >()
    expectTypeOf<Softphone.SoftphoneDriver['on']>().parameter(0).toEqualTypeOf<Softphone.SoftphoneEventName>()
  })
})

describe('browserNetwork', () => {
  it('hears the window going back online until stopped, and does nothing without a window', () => {
    expect(Softphone.browserNetwork.onOnline(() => {})).toBeTypeOf('function')
    const target = new EventTarget()
    const scope = globalThis as { window?: unknown }
    scope.window = target
    try {
      let heard = 0
      const stop = Softphone.browserNetwork.onOnline(() => heard++)
      target.dispatchEvent(new Event('online'))
      stop()
      target.dispatchEvent(new Event('online'))
      expect(heard).toBe(1)
    } finally {
      delete scope.window
    }
  })
})
