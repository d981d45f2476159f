import { Clock, Effect, Schema } from 'effect'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** The current time as a Date, from Effect's clock (so tests can move it). */
export const currentDate: Effect.Effect<Date> = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms))

/**
 * A Date that means a moment a store can keep: valid, and in the years 1 to 9999 (ISO 8601's, which
 * is what `toISOString` writes for a database).
 */
export const StorableDate = Schema.ValidDateFromSelf.pipe(
  Schema.filter((date) => {
    const year = date.getUTCFullYear()
    return (year >= 1 && year <= 9999) || 'must be a date in the years 1 to 9999'
  }),
)

/** A date this many minutes after another (before, when negative). */
export const addMinutes = (date: Date, minutes: number) => new Date(+date + minutes * MINUTE)
