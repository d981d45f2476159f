import { describe, expect, it } from 'vitest'
import { isStale, uniqueName } from './names.js'

describe('test database names', () => {
  it('are unique and recognised as leftovers only once an hour old', () => {
    const a = uniqueName()
    expect(a).not.toBe(uniqueName())
    expect(a.length).toBeLessThanOrEqual(63)
    expect(isStale(a)).toBe(false)
    expect(isStale(a, Date.now() + 2 * 3600_000)).toBe(true)
    expect(isStale('public')).toBe(false)
  })
})
