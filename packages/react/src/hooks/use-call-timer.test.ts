import { act, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { formatCallDuration, useCallTimer } from './use-call-timer.js'

describe('formatCallDuration', () => {
  it('reads as agents expect', () => {
    expect(formatCallDuration(0)).toBe('0:00')
    expect(formatCallDuration(65)).toBe('1:05')
    expect(formatCallDuration(3600 + 62)).toBe('1:01:02')
    expect(formatCallDuration(-3)).toBe('0:00')
  })
})

describe('useCallTimer', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('ticks while a call is open and stops when it closes', () => {
    const answeredAt = Date.now()
    const { result, rerender } = renderHook(({ at }) => useCallTimer(at), {
      initialProps: { at: answeredAt as number | null },
    })
    expect(result.current.formatted).toBe('0:00')
    act(() => vi.advanceTimersByTime(61_000))
    expect(result.current).toEqual({ seconds: 61, formatted: '1:01' })
    rerender({ at: null })
    expect(result.current.seconds).toBe(0)
  })
})
