import { Effect } from 'effect'
import { changedMeanwhile, type SettingsStoreService, type StoredSetting } from './settings-store.js'

/** Settings kept in memory: for tests and a demo without a database. Lost when the process ends. */
export const inMemorySettingsStore = (): SettingsStoreService => {
  const settings = new Map<string, StoredSetting>()
  // A stored value is a JSON document: kept as a copy, so the caller's object can change freely.
  const copy = (value: unknown): unknown => JSON.parse(JSON.stringify(value))
  return {
    read: (key) =>
      Effect.sync(() => {
        const found = settings.get(key)
        return found ? { ...found, value: copy(found.value) } : null
      }),
    // Checked and written in one synchronous step: no other change runs in between.
    write: ({ key, value, expectedVersion, changedBy, changedAt }) =>
      Effect.suspend(() => {
        const current = settings.get(key) ?? null
        if ((current?.version ?? null) !== expectedVersion) {
          return Effect.fail(changedMeanwhile(key, expectedVersion, current))
        }
        const stored = {
          key,
          value: copy(value),
          version: (current?.version ?? 0) + 1,
          changedBy,
          changedAt: new Date(+changedAt),
        }
        settings.set(key, stored)
        return Effect.succeed({ ...stored, value: copy(stored.value) })
      }),
  }
}
