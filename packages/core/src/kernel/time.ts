import { Clock, Effect } from 'effect'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** The current time as a Date, from Effect's clock (so tests can move it). */
export const currentDate: Effect.Effect<Date> = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms))

/** A date this many minutes after another (before, when negative). */
export const addMinutes = (date: Date, minutes: number) => new Date(+date + minutes * MINUTE)
