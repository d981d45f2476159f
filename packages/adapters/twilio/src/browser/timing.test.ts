import { retryDelay } from '@ringlane/core/softphone'
import { describe, expect, it } from 'vitest'
import { accessTokenExpiresAt } from './access-token-expiry.js'
import { accessToken } from './fake-voice-sdk.test.support.js'

describe('accessTokenExpiresAt', () => {
  it('reads the expiry of a Twilio JWT, base64url and unpadded', () => {
    const expiresAt = Date.UTC(2026, 2, 2, 10, 0, 0)
    expect(accessTokenExpiresAt(accessToken(expiresAt))).toBe(expiresAt)
  })

  it('returns null for anything it cannot read', () => {
    for (const token of ['', 'abc', 'a.!!!.c', `a.${btoa('{"sub":"x"}')}.c`, `a.${btoa('[1]')}.c`]) {
      expect(accessTokenExpiresAt(token), token).toBeNull()
    }
  })
})

describe('retryDelay', () => {
  it('doubles from the first wait up to the longest, with jitter in the upper half', () => {
    const options = { initialDelayMs: 1_000, maxDelayMs: 8_000 }
    expect([0, 1, 2, 3, 4, 10].map((attempt) => retryDelay(attempt, options, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ])
    expect(retryDelay(2, options, () => 0)).toBe(2_000)
    expect(retryDelay(0, {}, () => 1)).toBe(1_000)
    expect(retryDelay(20, {}, () => 1)).toBe(30_000)
  })
})
