import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { abandonPercent, windowSlices } from './abandon-chart'

const HOUR = 3_600_000
const now = new Date('2026-03-02T10:30:00Z')

describe('windowSlices', () => {
  it('cuts a 24 h window into 24 hourly slices ending now', () => {
    const slices = windowSlices(now, 24)
    expect(slices).toHaveLength(24)
    expect(slices[0]?.since.toISOString()).toBe('2026-03-01T10:30:00.000Z')
    expect(slices[0]?.label).toBe('-24h')
    expect(slices[23]?.since.toISOString()).toBe('2026-03-02T09:30:00.000Z')
    expect(slices[23]?.until.toISOString()).toBe('2026-03-02T10:30:00.000Z')
    expect(slices[23]?.label).toBe('-1h')
  })

  it('widens the slices for a 30 day window: 24 slices of 30 hours', () => {
    const slices = windowSlices(now, 720)
    expect(slices).toHaveLength(24)
    expect(slices.every((s) => +s.until - +s.since === 30 * HOUR)).toBe(true)
  })

  it('has no slices for an empty window', () => {
    expect(windowSlices(now, 0)).toEqual([])
  })

  it('tiles the window exactly: contiguous, no overlap, at most the limit, from start to now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 * 60 }), fc.integer({ min: 1, max: 48 }), (hours, most) => {
        const slices = windowSlices(now, hours, most)
        expect(slices.length).toBeLessThanOrEqual(most)
        expect(+(slices[0]?.since ?? 0)).toBe(+now - hours * HOUR)
        expect(+(slices.at(-1)?.until ?? 0)).toBe(+now)
        slices.forEach((slice, i) => {
          expect(+slice.until).toBeGreaterThan(+slice.since)
          if (i > 0) expect(+slice.since).toBe(+(slices[i - 1]?.until ?? 0))
        })
      }),
    )
  })
})

describe('abandonPercent', () => {
  it('is abandoned over live-answered (connected + abandoned)', () => {
    // 3 abandoned of 100 answered live by a person: 3 %, Ofcom's cap.
    expect(abandonPercent({ connected: 97, abandoned: 3 })).toBe(3)
    expect(abandonPercent({ connected: 0, abandoned: 2 })).toBe(100)
  })

  it('has no rate when nobody answered', () => {
    expect(abandonPercent({ connected: 0, abandoned: 0 })).toBeNull()
  })
})
