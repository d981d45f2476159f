import { Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'

const DAY_MS = 86_400_000
/** The longest range the metrics answer, in days (a year, leap or not). */
export const MAX_RANGE_DAYS = 366

/** A calendar day as `YYYY-MM-DD` that exists (no 30 February); `label` names it in messages. */
export const CalendarDay = (label: string) =>
  Schema.String.pipe(
    Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, { message: () => `Enter the ${label} date as YYYY-MM-DD` }),
    Schema.filter(dayExists, { message: () => `That ${label} date does not exist` }),
  )

const dayExists = (value: string) => {
  const ms = Date.parse(`${value}T00:00:00Z`)
  // Date.parse rolls 2025-02-30 over to 2 March: the day exists only if it reads back the same.
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value
}

/** Whether the runtime knows the zone, as the IANA time zone database names it (`Europe/London`). */
const knownZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** An IANA time zone name (`Europe/London`, `America/New_York`, `UTC`). */
export const TimeZone = Schema.String.pipe(
  // A name, never an offset: `+01:00` means opposite things to Intl and to Postgres.
  Schema.filter((zone) => /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone) && knownZone(zone), {
    message: () => 'Give the time zone as an IANA name, e.g. Europe/London',
  }),
)

/** How many days `to` is after `from` (negative when before). */
export const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS

/**
 * A range of calendar days, `from` and `to` both included, read in `timeZone`: a day starts at
 * midnight there. Refused when a date is not `YYYY-MM-DD` or does not exist, when `to` is before
 * `from`, or when it spans more than 366 days.
 */
export const MetricsRange = Schema.Struct({
  from: CalendarDay('start'),
  to: CalendarDay('end'),
  timeZone: TimeZone,
}).pipe(
  Schema.filter((range) => {
    const span = daysBetween(range.from, range.to)
    if (span < 0) return { path: ['to'], message: 'The end date must not be before the start date' }
    if (span >= MAX_RANGE_DAYS) return { path: ['to'], message: `Choose at most ${MAX_RANGE_DAYS} days` }
    return undefined
  }),
)
export type MetricsRange = typeof MetricsRange.Type
export type MetricsRangeInput = typeof MetricsRange.Encoded

/** A date range that is not one the metrics answer; `field` names the part (`from`, `to`, `timeZone`). */
export class InvalidMetricsRange extends Schema.TaggedError<InvalidMetricsRange>()('InvalidMetricsRange', {
  field: Schema.String,
  message: Schema.String,
}) {}

export const decodeMetricsRange = decodeWith(MetricsRange, (issue) => new InvalidMetricsRange(issue))

/** The day `at` falls on in `timeZone`, as `YYYY-MM-DD`. */
export const dayIn = (timeZone: string, at: Date | number = new Date()) =>
  // Canadian English writes days as YYYY-MM-DD.
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(at))

/** The day `days` after `day` (before it when negative). */
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** The last `days` days in `timeZone`, today included. */
export const lastDays = (days: number, timeZone: string, now: Date | number = new Date()): MetricsRange => {
  const today = dayIn(timeZone, now)
  return { from: addDays(today, 1 - days), to: today, timeZone }
}
