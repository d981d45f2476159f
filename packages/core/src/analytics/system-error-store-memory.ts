import { Effect } from 'effect'
import { addDays, dayIn, type MetricsRange } from './metrics-range.js'
import { type SystemError, type SystemErrorStoreService, systemErrorKinds } from './system-errors.js'

/** System errors kept in memory: for tests and a demo without a database. Lost when the process ends. */
export const inMemorySystemErrorStore = (): SystemErrorStoreService => {
  const errors: SystemError[] = []
  let next = 1
  const onDays = (range: MetricsRange) =>
    errors.filter((e) => {
      const day = dayIn(range.timeZone, e.occurredAt)
      return day >= range.from && day <= range.to
    })
  return {
    record: (error) =>
      Effect.sync(() => {
        const kept = { id: String(next++), ...error }
        errors.push(kept)
        return kept
      }),
    find: (id) => Effect.sync(() => errors.find((e) => e.id === id) ?? null),
    summary: (range, latest) =>
      Effect.sync(() => {
        const found = onDays(range)
        const causes = new Map<
          string,
          { kind: SystemError['kind']; cause: string; count: number; lastAt: Date }
        >()
        for (const e of found) {
          const key = `${e.kind}\u0000${e.cause}`
          const line = causes.get(key) ?? { kind: e.kind, cause: e.cause, count: 0, lastAt: e.occurredAt }
          line.count += 1
          if (+e.occurredAt > +line.lastAt) line.lastAt = e.occurredAt
          causes.set(key, line)
        }
        const days: string[] = []
        for (let day = range.from; day <= range.to; day = addDays(day, 1)) days.push(day)
        return {
          byKind: systemErrorKinds.map((kind) => ({
            kind,
            count: found.filter((e) => e.kind === kind).length,
          })),
          byCause: [...causes.values()].sort(
            (a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.cause.localeCompare(b.cause),
          ),
          daily: days.flatMap((day) =>
            systemErrorKinds.map((kind) => ({
              day,
              kind,
              count: found.filter((e) => e.kind === kind && dayIn(range.timeZone, e.occurredAt) === day)
                .length,
            })),
          ),
          latest: [...found]
            .sort((a, b) => +b.occurredAt - +a.occurredAt || Number(b.id) - Number(a.id))
            .slice(0, latest),
        }
      }),
  }
}
