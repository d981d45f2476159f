import { Either } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, decodeMetricsRange, lastDays, MAX_RANGE_DAYS } from './metrics-range.js'

const london = 'Europe/London'
const refusal = (input: unknown) => {
  const decoded = decodeMetricsRange(input)
  if (Either.isRight(decoded)) throw new Error(`decoded ${JSON.stringify(decoded.right)}`)
  return decoded.left
}

describe('MetricsRange', () => {
  it('takes days that exist, both included, up to 366 of them, in a named zone', () => {
    expect(decodeMetricsRange({ from: '2024-02-29', to: '2024-02-29', timeZone: london })).toEqual(
      Either.right({ from: '2024-02-29', to: '2024-02-29', timeZone: london }),
    )
    expect(
      Either.isRight(
        decodeMetricsRange({ from: '2025-01-01', to: '2026-01-01', timeZone: 'America/New_York' }),
      ),
    ).toBe(true)
    expect(
      Either.isRight(decodeMetricsRange({ from: '2025-01-01', to: '2025-01-01', timeZone: 'UTC' })),
    ).toBe(true)
  })

  it('refuses a date not written YYYY-MM-DD, naming the field', () => {
    expect(refusal({ from: '10/06/2026', to: '2026-06-11', timeZone: london })).toMatchObject({
      _tag: 'InvalidMetricsRange',
      field: 'from',
      message: 'from: Enter the start date as YYYY-MM-DD',
    })
    expect(refusal({ from: '2026-06-10', to: '', timeZone: london })).toMatchObject({
      field: 'to',
      message: 'to: Enter the end date as YYYY-MM-DD',
    })
  })

  it('refuses a day that does not exist, even one Date.parse would roll over', () => {
    expect(refusal({ from: '2026-02-30', to: '2026-03-01', timeZone: london })).toMatchObject({
      field: 'from',
      message: 'from: That start date does not exist',
    })
    expect(refusal({ from: '2026-02-01', to: '2025-02-29', timeZone: london })).toMatchObject({
      field: 'to',
      message: 'to: That end date does not exist',
    })
    expect(refusal({ from: '2026-13-01', to: '2026-13-02', timeZone: london }).field).toBe('from')
  })

  it('refuses an end before the start and more than 366 days', () => {
    expect(refusal({ from: '2026-06-11', to: '2026-06-10', timeZone: london })).toMatchObject({
      field: 'to',
      message: 'to: The end date must not be before the start date',
    })
    expect(refusal({ from: '2025-01-01', to: '2026-01-02', timeZone: london })).toMatchObject({
      field: 'to',
      message: `to: Choose at most ${MAX_RANGE_DAYS} days`,
    })
  })

  it('refuses a time zone that is not an IANA name, offsets included', () => {
    for (const timeZone of ['Mars/Olympus', '+01:00', 'Europe London', '', 42]) {
      expect(refusal({ from: '2026-06-10', to: '2026-06-11', timeZone })).toMatchObject({
        field: 'timeZone',
      })
    }
    expect(refusal({ from: '2026-06-10', to: '2026-06-11' }).field).toBe('timeZone')
  })

  it('takes every range of existing days from 1 to 366 long, and no longer one', () => {
    const day = fc
      .date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2090-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), (from, span) => {
        const decoded = decodeMetricsRange({ from, to: addDays(from, span), timeZone: london })
        expect(Either.isRight(decoded)).toBe(span < MAX_RANGE_DAYS)
      }),
    )
  })

  it('gives the last days in a zone, today included', () => {
    // 23:30 UTC on 10 June is already 11 June in London.
    expect(lastDays(7, london, new Date('2026-06-10T23:30:00Z'))).toEqual({
      from: '2026-06-05',
      to: '2026-06-11',
      timeZone: london,
    })
    expect(lastDays(1, 'UTC', new Date('2026-06-10T23:30:00Z'))).toMatchObject({
      from: '2026-06-10',
      to: '2026-06-10',
    })
  })
})
