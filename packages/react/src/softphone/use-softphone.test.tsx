import type { Softphone } from '@ringlane/core'
import { act, render, renderHook, screen } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { useCallTimer } from '../hooks/use-call-timer.js'
import { FakeDriver, softphoneError } from './fake-driver.test.support.js'
import { SoftphoneProvider } from './softphone-provider.js'
import { useSoftphone } from './use-softphone.js'

const wrapperFor =
  (driver: Softphone.SoftphoneDriver, register?: boolean) =>
  ({ children }: { children: ReactNode }) => (
    <SoftphoneProvider driver={driver} {...(register === undefined ? {} : { register })}>
      {children}
    </SoftphoneProvider>
  )

const renderSoftphone = (driver = new FakeDriver(), register?: boolean) => ({
  driver,
  ...renderHook(() => useSoftphone(), { wrapper: wrapperFor(driver, register) }),
})

describe('SoftphoneProvider', () => {
  it('registers while mounted and unregisters when unmounted', () => {
    const { driver, unmount } = renderSoftphone()
    expect(driver.log).toEqual(['register'])
    unmount()
    expect(driver.log).toEqual(['register', 'unregister'])
    expect(driver.listenerCount()).toBe(0)
  })

  it('survives StrictMode’s mount, unmount, mount: registered once more at the end', () => {
    const driver = new FakeDriver()
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StrictMode>
        <SoftphoneProvider driver={driver}>{children}</SoftphoneProvider>
      </StrictMode>
    )
    const { result } = renderHook(() => useSoftphone(), { wrapper })
    expect(driver.log).toEqual(['register', 'unregister', 'register'])
    act(() => driver.setDeviceState('registered'))
    expect(result.current.ready).toBe(true)
  })

  it('leaves registration to the app when asked', () => {
    const { driver, unmount } = renderSoftphone(new FakeDriver(), false)
    unmount()
    expect(driver.log).toEqual([])
  })

  it('does not unregister a driver the app already destroyed', () => {
    const { driver, unmount } = renderSoftphone()
    act(() => driver.destroy())
    unmount()
    expect(driver.log).toEqual(['register', 'destroy'])
  })
})

describe('useSoftphone', () => {
  it('follows the device through registration and is ready once registered', () => {
    const { driver, result } = renderSoftphone()
    expect(result.current).toMatchObject({
      deviceState: 'unregistered',
      ready: false,
      call: null,
      error: null,
    })
    act(() => driver.setDeviceState('registering'))
    expect(result.current.deviceState).toBe('registering')
    act(() => driver.setDeviceState('registered'))
    expect(result.current).toMatchObject({ deviceState: 'registered', ready: true })
  })

  it('reads state the driver reached before React subscribed', () => {
    const driver = new FakeDriver()
    driver.deviceState = 'registered'
    const { result } = renderSoftphone(driver)
    expect(result.current.ready).toBe(true)
  })

  it('dials in one line and follows the call until it closes, keeping it for the outcome form', async () => {
    const { driver, result } = renderSoftphone()
    act(() => driver.setDeviceState('registered'))
    let outcome: Awaited<ReturnType<typeof result.current.dial>> | undefined
    await act(async () => {
      outcome = await result.current.dial({ to: '+447700900123', params: { callSessionId: 'cs_1' } })
    })
    expect(outcome).toMatchObject({ ok: true, call: { to: '+447700900123', state: 'connecting' } })
    expect(result.current.ready).toBe(false)
    act(() => driver.setCall({ state: 'ringing' }))
    act(() => driver.setCall({ state: 'open', answeredAt: 1_000, callId: 'CA1' }))
    expect(result.current.call).toMatchObject({ state: 'open', callId: 'CA1' })
    act(() => driver.setCall({ muted: true }))
    expect(result.current.call?.muted).toBe(true)
    act(() => driver.setCall({ state: 'closed', endReason: 'completed' }))
    expect(result.current).toMatchObject({ ready: true, call: { state: 'closed', endReason: 'completed' } })
  })

  it('hands the refusal back as a typed result and shows it, never throwing', async () => {
    const { driver, result } = renderSoftphone()
    driver.dialFailure = softphoneError('not-registered', 'Cannot dial while the softphone is unregistered.')
    let outcome: Awaited<ReturnType<typeof result.current.dial>> | undefined
    await act(async () => {
      outcome = await result.current.dial({ to: '+447700900123' })
    })
    expect(outcome).toEqual({ ok: false, error: driver.dialFailure })
    expect(result.current.error).toMatchObject({ code: 'not-registered', hint: 'hint for not-registered' })
  })

  it('wraps anything else a misbehaving driver throws', async () => {
    const { driver, result } = renderSoftphone()
    driver.dialFailure = new TypeError('boom')
    let outcome: Awaited<ReturnType<typeof result.current.dial>> | undefined
    await act(async () => {
      outcome = await result.current.dial({ to: '+447700900123' })
    })
    expect(outcome).toMatchObject({
      ok: false,
      error: { name: 'SoftphoneError', code: 'unknown', message: 'boom' },
    })
    expect(result.current.error?.code).toBe('unknown')
  })

  it('shows every driver error, and drops it on a new call, a new registration or dismissal', async () => {
    const { driver, result } = renderSoftphone()
    act(() => void driver.fail(softphoneError('token-unavailable', 'Fetching the token failed')))
    expect(result.current.error?.code).toBe('token-unavailable')
    act(() => driver.setDeviceState('registered'))
    expect(result.current.error).toBeNull()
    act(() => void driver.fail(softphoneError('invalid-digits', 'bad tones')))
    await act(async () => void (await result.current.dial({ to: '+447700900123' })))
    expect(result.current.error).toBeNull()
    act(() => void driver.fail(softphoneError('network', 'lost')))
    act(() => result.current.dismissError())
    expect(result.current.error).toBeNull()
  })

  it('passes hang up, mute, unmute and keypad tones to the driver', () => {
    const { driver, result } = renderSoftphone()
    act(() => {
      result.current.mute()
      result.current.unmute()
      result.current.sendDigits('1#')
      result.current.hangUp()
    })
    expect(driver.log).toEqual(['register', 'mute', 'unmute', 'digits 1#', 'hangUp'])
  })

  it('keeps its actions stable across renders', () => {
    const { driver, result } = renderSoftphone()
    const { dial, hangUp } = result.current
    act(() => driver.setDeviceState('registered'))
    expect(result.current.dial).toBe(dial)
    expect(result.current.hangUp).toBe(hangUp)
  })

  it('says where it must be used', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useSoftphone())).toThrow(
      'useSoftphone() must be used inside <SoftphoneProvider>.',
    )
    vi.restoreAllMocks()
  })
})

const CallPanel = () => {
  const { call, ready, dial, hangUp, error } = useSoftphone()
  const { formatted } = useCallTimer(call?.state === 'open' ? call.answeredAt : null)
  return (
    <section>
      <button type="button" disabled={!ready} onClick={() => void dial({ to: '+447700900123' })}>
        Dial
      </button>
      {call && call.state !== 'closed' ? (
        <button type="button" onClick={hangUp}>
          Hang up
        </button>
      ) : null}
      <output>{call ? `${call.state} ${formatted}` : 'idle'}</output>
      {error ? <p role="alert">{error.hint}</p> : null}
    </section>
  )
}

describe('a call panel built on the hooks', () => {
  it('renders the agent’s view from the driver’s events', async () => {
    vi.useFakeTimers({ now: 0 })
    try {
      const driver = new FakeDriver()
      render(<CallPanel />, { wrapper: wrapperFor(driver) })
      expect(screen.getByRole('button', { name: 'Dial' })).toHaveProperty('disabled', true)
      act(() => driver.setDeviceState('registered'))
      await act(async () => screen.getByRole('button', { name: 'Dial' }).click())
      expect(screen.getByRole('status').textContent).toBe('connecting 0:00')
      act(() => driver.setCall({ state: 'open', answeredAt: Date.now() }))
      act(() => vi.advanceTimersByTime(65_000))
      expect(screen.getByRole('status').textContent).toBe('open 1:05')
      act(() => screen.getByRole('button', { name: 'Hang up' }).click())
      expect(driver.log.at(-1)).toBe('hangUp')
      act(() => void driver.fail(softphoneError('network', 'lost')))
      expect(screen.getByRole('alert').textContent).toBe('hint for network')
    } finally {
      vi.useRealTimers()
    }
  })
})
