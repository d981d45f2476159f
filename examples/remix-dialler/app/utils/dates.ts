import { formatCallDuration } from '@ringlane/react'

/**
 * How the dialler writes dates, times and calendar days, on the server and in the browser alike.
 * Every page goes through here, so one moment reads the same everywhere and the locale is set once.
 */
const LOCALE = 'en-GB'
const NONE = '—'
const DAY_MS = 86_400_000

/** A moment as the loaders send it (an ISO string) or as code holds it. */
type Moment = Date | string | number
/** A moment that may be missing; formatters then write `empty` instead. */
type MaybeMoment = Moment | null | undefined

/** `26/11/2025, 14:05:09`: when something happened, to the second. */
export const formatDateTime = (at: MaybeMoment, empty = NONE) =>
  at == null ? empty : new Date(at).toLocaleString(LOCALE)

/** `26/11/2025, 14:05`: for dense lists (recordings, conversations). */
export const formatShortDateTime = (at: MaybeMoment, empty = NONE) =>
  at == null ? empty : new Date(at).toLocaleString(LOCALE, { dateStyle: 'short', timeStyle: 'short' })

/** `14:05:09`: a time later today (a link's expiry). */
export const formatTime = (at: MaybeMoment, empty = NONE) =>
  at == null ? empty : new Date(at).toLocaleTimeString(LOCALE)

/** `14:05`: a time of day at a glance (live dashboard, reminders). */
export const formatHourMinute = (at: MaybeMoment, empty = NONE) =>
  at == null ? empty : new Date(at).toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit' })

/** A call's length, `2:05`, as the softphone's timer writes it. */
export const formatDuration = (seconds: number | null | undefined, empty = NONE) =>
  seconds == null ? empty : formatCallDuration(seconds)

/** A calendar day, `2025-11-26`: what date inputs send and the database's `::date` reads. */
export type Day = string

/** The day `at` falls on in `timeZone` (today by default). */
export const dayIn = (timeZone: string, at: Moment = new Date()): Day =>
  // Canadian English writes days as YYYY-MM-DD.
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(at))

/** The day `days` after `day` (before it when negative). */
export const addDays = (day: Day, days: number): Day =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** How many days `to` is after `from` (negative when before). */
export const daysBetween = (from: Day, to: Day) => (Date.parse(to) - Date.parse(from)) / DAY_MS

/** Every day from `from` to `to`, both included. */
export const daysFrom = (from: Day, to: Day): Day[] => {
  const days: Day[] = []
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day)
  return days
}

/** `11-26`: a day on a chart's axis, where the year goes without saying. */
export const dayLabel = (day: Day) => day.slice(5)

/** `09`: an hour of the day on a chart's axis. */
export const hourLabel = (hour: number) => String(hour).padStart(2, '0')

/**
 * The call centre's zone. A callback time typed where the browser's zone is unknown (no JavaScript)
 * is read in it, and pages show it until the browser says its own.
 */
export const CALL_CENTRE_TIME_ZONE = 'Europe/London'

/** An IANA zone this runtime knows, e.g. `Europe/London`. */
export const isTimeZone = (zone: string) => {
  if (!zone) return false
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const wallClock = (instant: number, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
}

/**
 * What a `datetime-local` value (`2026-07-01T10:00`) means in a zone: the instant when clocks there
 * show it. A time the clocks skip when they go forward gives `undefined`; one they show twice when they
 * go back gives the first.
 */
export const zonedDateTime = (local: string, timeZone: string): Date | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local)
  if (!match) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0))
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second)
  // The zone's offset half a day either side covers both sides of any clock change that day.
  const candidates = [-12, 12]
    .map((hours) => wall - (wallClock(wall + hours * 3_600_000, timeZone) - (wall + hours * 3_600_000)))
    .filter((instant) => wallClock(instant, timeZone) === wall)
  return candidates.length === 0 ? undefined : new Date(Math.min(...candidates))
}

/** `1 Jul 2026, 10:00 (Europe/London)`: a moment as clocks in a zone show it, the zone named. */
export const formatInZone = (at: MaybeMoment, timeZone: string, empty = NONE) =>
  at == null
    ? empty
    : `${new Date(at).toLocaleString(LOCALE, { timeZone, dateStyle: 'medium', timeStyle: 'short' })} (${timeZone})`
