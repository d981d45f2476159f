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
  formatInZone,
  formatShortDateTime,
  formatTime,
  hourLabel,
  isTimeZone,
  zonedDateTime,
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

describe('a callback time typed in the agent’s zone', () => {
  const utc = (local: string, zone: string) => zonedDateTime(local, zone)?.toISOString()

  it('is read in that zone, British summer time and Greenwich time alike, whatever the server’s zone', () => {
    expect(utc('2026-07-01T10:00', 'Europe/London')).toBe('2026-07-01T09:00:00.000Z')
    expect(utc('2026-01-15T10:00', 'Europe/London')).toBe('2026-01-15T10:00:00.000Z')
    expect(utc('2026-07-01T10:00', 'America/New_York')).toBe('2026-07-01T14:00:00.000Z')
    expect(utc('2026-01-15T10:00', 'America/New_York')).toBe('2026-01-15T15:00:00.000Z')
    expect(utc('2026-07-01T10:00', 'Asia/Kolkata')).toBe('2026-07-01T04:30:00.000Z')
  })

  it('on the days the clocks change: a skipped time is refused, a repeated one is the first', () => {
    // London: 01:00 GMT on 29 March 2026 becomes 02:00 BST; 02:00 BST on 25 October becomes 01:00 GMT.
    expect(utc('2026-03-29T00:59', 'Europe/London')).toBe('2026-03-29T00:59:00.000Z')
    expect(zonedDateTime('2026-03-29T01:30', 'Europe/London')).toBeUndefined()
    expect(utc('2026-03-29T02:00', 'Europe/London')).toBe('2026-03-29T01:00:00.000Z')
    expect(utc('2026-10-25T01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z')
    expect(utc('2026-10-25T02:30', 'Europe/London')).toBe('2026-10-25T02:30:00.000Z')
    expect(utc('2026-10-25T00:00', 'Europe/London')).toBe('2026-10-24T23:00:00.000Z')
  })

  it('refuses what is not a date and time, and knows zones from abbreviations', () => {
    expect(zonedDateTime('tomorrow at ten', 'Europe/London')).toBeUndefined()
    expect(isTimeZone('Europe/London')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })

  it('is shown in a named zone', () => {
    expect(formatInZone('2026-07-01T09:00:00Z', 'Europe/London')).toBe('1 Jul 2026, 10:00 (Europe/London)')
    expect(formatInZone('2026-07-01T09:00:00Z', 'America/Chicago')).toBe(
      '1 Jul 2026, 04:00 (America/Chicago)',
    )
    expect(formatInZone(null, 'Europe/London')).toBe('—')
  })
})
