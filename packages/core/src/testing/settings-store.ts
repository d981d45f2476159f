import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import type { SettingsStoreService } from '../settings/settings-store.js'
import { type SuiteFixture, withFixture } from './suite.js'

export interface SettingsStoreFixture extends SuiteFixture {
  readonly store: SettingsStoreService
  /** Empties the store between tests. */
  readonly reset: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 21, minute))

/**
 * The contract of a settings store: a named JSON document kept exactly as given, each change its
 * next version with who made it and when. Call it once from the adapter's test file with a fresh store.
 */
export const describeSettingsStoreConformance = (name: string, setup: () => Promise<SettingsStoreFixture>) =>
  describe(`SettingsStore conformance: ${name}`, () => {
    let fixture: SettingsStoreFixture
    withFixture(setup, (opened) => {
      fixture = opened
    })
    // Through the fixture each time: a reset may hand over a fresh store.
    const store: SettingsStoreService = {
      read: (key) => fixture.store.read(key),
      write: (change) => fixture.store.write(change),
    }

    it('reads nothing for a setting never changed', async () => {
      expect(await run(store.read('queues'))).toBeNull()
    })

    it('keeps a document exactly as given, as version 1, with who changed it and when', async () => {
      const value = {
        unsigned: { threshold: 900, coolingMinutes: 0, weights: { perAttempt: -2.5, lastOutcome: {} } },
        note: 'Zoë\'s "quoted" text',
        list: [1, null, true, 'x'],
      }
      const written = await run(store.write({ key: 'queues', value, changedBy: 'sup-1', changedAt: at(1) }))
      const expected = { key: 'queues', value, version: 1, changedBy: 'sup-1', changedAt: at(1) }
      expect(written).toEqual(expected)
      expect(await run(store.read('queues'))).toEqual(expected)
    })

    it('counts each change of a setting as its next version; other settings keep their own', async () => {
      await run(
        store.write({ key: 'retention', value: { recordingDays: 365 }, changedBy: 'a', changedAt: at(1) }),
      )
      await run(
        store.write({ key: 'retention', value: { recordingDays: 90 }, changedBy: 'b', changedAt: at(2) }),
      )
      await run(
        store.write({ key: 'dispositions', value: [{ code: 'busy' }], changedBy: 'c', changedAt: at(3) }),
      )
      expect(await run(store.read('retention'))).toEqual({
        key: 'retention',
        value: { recordingDays: 90 },
        version: 2,
        changedBy: 'b',
        changedAt: at(2),
      })
      expect((await run(store.read('dispositions')))?.version).toBe(1)
    })

    it('keeps what was written, whatever the caller does to its object afterwards', async () => {
      const value = { recordingDays: 30 }
      await run(store.write({ key: 'retention', value, changedBy: 'a', changedAt: at(1) }))
      value.recordingDays = 1
      expect((await run(store.read('retention')))?.value).toEqual({ recordingDays: 30 })
    })

    it('gives changes made at once distinct versions, the last one stored', async () => {
      const writes = await Promise.all(
        [1, 2, 3, 4, 5].map((n) =>
          run(
            store.write({
              key: 'retention',
              value: { recordingDays: n },
              changedBy: `s${n}`,
              changedAt: at(n),
            }),
          ),
        ),
      )
      expect(writes.map((w) => w.version).sort()).toEqual([1, 2, 3, 4, 5])
      const latest = writes.find((w) => w.version === 5)
      expect(await run(store.read('retention'))).toEqual(latest)
    })
  })
