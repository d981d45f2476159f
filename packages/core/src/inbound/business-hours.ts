import { localTime } from '../compliance/local-time.js'
import type { HoursStep, Weekday } from './flow.js'

const weekdays: ReadonlyArray<Weekday> = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))

/** The wall clock in the hours' zone at an instant: its day, weekday and minutes past midnight. */
export const wallClock = (at: Date, timeZone: string) => {
  const local = localTime(at, timeZone)
  const weekday = weekdays[new Date(`${local.day}T00:00:00Z`).getUTCDay()] as Weekday
  return { ...local, weekday }
}

/**
 * Whether the business is open at an instant, by the wall clock in its zone (so a 09:00 opening is
 * 09:00 on both sides of a daylight-saving change): closed on a holiday, else open when a range for
 * that weekday holds the time (from inclusive, to exclusive).
 */
export const isOpen = (hours: Pick<HoursStep, 'timeZone' | 'open' | 'holidays'>, at: Date) => {
  const clock = wallClock(at, hours.timeZone)
  if (hours.holidays.includes(clock.day)) return false
  return hours.open.some(
    (range) =>
      range.days.includes(clock.weekday) &&
      clock.minutes >= minutesOf(range.from) &&
      clock.minutes < minutesOf(range.to),
  )
}
