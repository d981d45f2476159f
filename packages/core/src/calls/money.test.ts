import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromMicros, times, toMicros } from './money.js'

describe('exact money', () => {
  it('reads decimal amounts into millionths and writes them back with six places', () => {
    expect(toMicros('0.013')).toBe(13_000n)
    expect(toMicros('12')).toBe(12_000_000n)
    expect(toMicros('1.000001')).toBe(1_000_001n)
    expect(fromMicros(13_000n)).toBe('0.013000')
    expect(fromMicros(12_345_678n)).toBe('12.345678')
  })

  it('multiplies a rate by whole units without rounding, as n additions would', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 10_000 }),
        (micros, units) => {
          const rate = fromMicros(micros)
          expect(toMicros(rate)).toBe(micros)
          expect(toMicros(times(rate, units))).toBe(micros * BigInt(units))
        },
      ),
    )
  })

  it('0.1 + 0.2 is 0.3 here, where floats make it 0.30000000000000004', () => {
    expect(fromMicros(toMicros('0.1') + toMicros('0.2'))).toBe('0.300000')
  })
})
