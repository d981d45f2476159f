import { DAY, MINUTE } from '../kernel/time.js'

/** A wall-clock reading in one zone. */
export interface LocalTime {
  /** The calendar day there, `YYYY-MM-DD`. */
  readonly day: string
  /** Minutes past local midnight. */
  readonly minutes: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const formatterFor = (timeZone: string) => {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

const WALL = /^(\d{2})\/(\d{2})\/(\d{4}),? (\d{2}):(\d{2})$/

/** The wall clock in an IANA zone at an instant, daylight saving included (Intl's tz database). */
export const localTime = (instant: Date, timeZone: string): LocalTime => {
  const text = formatterFor(timeZone).format(instant)
  const match = WALL.exec(text)
  if (!match) throw new Error(`Unexpected local time format "${text}" for ${timeZone}`)
  const [, day, month, year, hour, minute] = match
  return { day: `${year}-${month}-${day}`, minutes: Number(hour) * 60 + Number(minute) }
}

/** An IANA zone name this runtime knows (`Europe/London`), not an abbreviation or an offset. */
export const isTimeZone = (zone: string) => {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(zone)) return false
  try {
    formatterFor(zone)
    return true
  } catch {
    return false
  }
}

/** A calendar day `n` days after another (before, when negative). */
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)

const minutesBetween = (from: LocalTime, to: LocalTime) =>
  (Date.parse(`${to.day}T00:00:00Z`) - Date.parse(`${from.day}T00:00:00Z`)) / MINUTE +
  to.minutes -
  from.minutes

/**
 * The first instant of a local calendar day in a zone: its midnight, found by stepping back by the wall
 * clock and correcting for any offset change (daylight saving) between midnight and the guess.
 */
export const startOfLocalDay = (day: string, timeZone: string, near?: Date): Date => {
  const key = `${timeZone} ${day}`
  const known = dayStarts.get(key)
  if (known) return known
  const start = findStartOfLocalDay(day, timeZone, near ?? new Date(Date.parse(`${day}T12:00:00Z`)))
  // Many leads share a zone and a day: remember the last few thousand midnights.
  if (dayStarts.size >= 4096) dayStarts.clear()
  dayStarts.set(key, start)
  return start
}

const dayStarts = new Map<string, Date>()

const findStartOfLocalDay = (day: string, timeZone: string, near: Date): Date => {
  const target: LocalTime = { day, minutes: 0 }
  let guess = new Date(Math.floor(+near / MINUTE) * MINUTE)
  for (let step = 0; step < 4; step++) {
    const error = minutesBetween(target, localTime(guess, timeZone))
    if (error === 0) return guess
    guess = new Date(+guess - error * MINUTE)
  }
  // Midnight skipped by a clock change: the day starts at the first minute that exists.
  while (localTime(guess, timeZone).day !== day) guess = new Date(+guess + MINUTE)
  return guess
}

/** `HH:MM` as minutes past midnight. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Minutes past midnight as `HH:MM`. */
export const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
