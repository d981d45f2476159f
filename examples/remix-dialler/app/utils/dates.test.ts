import { describe, expect, it } from 'vitest'
import {
  addDays,
  dayIn,
  dayLabel,
  daysBetween,
  daysFrom,
  formatDateTime,
  formatDuration,
  formatHourMinute,
  formatShortDateTime,
  formatTime,
  hourLabel,
} from './dates'

const at = new Date(2026, 0, 5, 9, 7, 3) // local time, as the formatters write it

describe('the date formatters', () => {
  it('write moments the British way, from dates and from ISO strings alike', () => {
    expect(formatDateTime(at)).toBe('05/01/2026, 09:07:03')
    expect(formatDateTime(at.toISOString())).toBe('05/01/2026, 09:07:03')
    expect(formatShortDateTime(at)).toBe('05/01/2026, 09:07')
    expect(formatTime(at)).toBe('09:07:03')
    expect(formatHourMinute(at)).toBe('09:07')
  })

  it('write a placeholder for a missing moment, a dash unless told otherwise', () => {
    expect(formatDateTime(null)).toBe('—')
    expect(formatDateTime(null, 'never')).toBe('never')
    expect(formatShortDateTime(undefined)).toBe('—')
    expect(formatHourMinute(null)).toBe('—')
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(null, '')).toBe('')
    expect(formatDuration(125)).toBe('2:05')
  })
})

describe('calendar days', () => {
  it('reads the day in a zone, not on the server clock', () => {
    // 23:30 UTC on 31 March 2026 is already 1 April in London (summer time).
    expect(dayIn('Europe/London', new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01')
    expect(dayIn('UTC', new Date('2026-03-31T23:30:00Z'))).toBe('2026-03-31')
  })

  it('counts across months, years and clock changes', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
    expect(daysBetween('2026-03-28', '2026-04-01')).toBe(4)
    expect(daysFrom('2026-03-28', '2026-04-01')).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
    ])
    expect(daysFrom('2026-04-02', '2026-04-01')).toEqual([])
  })

  it('labels chart axes', () => {
    expect(dayLabel('2026-04-01')).toBe('04-01')
    expect(hourLabel(9)).toBe('09')
    expect(hourLabel(17)).toBe('17')
  })
})
