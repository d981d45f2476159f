import { Effect, Either } from 'effect'
import { describe, expect, it } from 'vitest'
import type { SettingsStoreService } from '../settings/settings-store.js'
import { type SuiteFixture, withFixture } from './suite.js'

export interface SettingsStoreFixture extends SuiteFixture {
  readonly store: SettingsStoreService
  /** Empties the store between tests. */
  readonly reset: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
/** A write's outcome, a refusal kept as a value: `Left(SettingChangedMeanwhile)`. */
const attempt = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(Effect.either(effect))
/** Why a write was refused; undefined when it landed. */
const refusal = <A, E>(outcome: Either.Either<A, E>) => (Either.isLeft(outcome) ? outcome.left : undefined)
const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 21, minute))

/**
 * The contract of a settings store: a named JSON document kept exactly as given, each change its
 * next version with who made it and when, stored only from the version it was based on (a change from
 * any other is refused with `SettingChangedMeanwhile`, nothing written; of changes racing from one
 * version exactly one lands). Call it once from the adapter's test file with a fresh store.
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
      const written = await run(
        store.write({ key: 'queues', value, expectedVersion: null, changedBy: 'sup-1', changedAt: at(1) }),
      )
      const expected = { key: 'queues', value, version: 1, changedBy: 'sup-1', changedAt: at(1) }
      expect(written).toEqual(expected)
      expect(await run(store.read('queues'))).toEqual(expected)
    })

    it('counts each change of a setting as its next version; other settings keep their own', async () => {
      await run(
        store.write({
          key: 'retention',
          value: { recordingDays: 365 },
          expectedVersion: null,
          changedBy: 'a',
          changedAt: at(1),
        }),
      )
      await run(
        store.write({
          key: 'retention',
          value: { recordingDays: 90 },
          expectedVersion: 1,
          changedBy: 'b',
          changedAt: at(2),
        }),
      )
      await run(
        store.write({
          key: 'dispositions',
          value: [{ code: 'busy' }],
          expectedVersion: null,
          changedBy: 'c',
          changedAt: at(3),
        }),
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
      await run(
        store.write({ key: 'retention', value, expectedVersion: null, changedBy: 'a', changedAt: at(1) }),
      )
      value.recordingDays = 1
      expect((await run(store.read('retention')))?.value).toEqual({ recordingDays: 30 })
    })

    const retention = (
      recordingDays: number,
      expectedVersion: number | null,
      changedBy: string,
      minute: number,
    ) =>
      store.write({
        key: 'retention',
        value: { recordingDays },
        expectedVersion,
        changedBy,
        changedAt: at(minute),
      })

    it('refuses a change based on a version not stored, naming what is stored, and writes nothing', async () => {
      // Nothing stored: a change based on version 1 saw something that is not there.
      expect(refusal(await attempt(retention(30, 1, 'a', 1)))).toMatchObject({
        _tag: 'SettingChangedMeanwhile',
        setting: 'retention',
        expectedVersion: 1,
        storedVersion: null,
        changedBy: null,
        changedAt: null,
      })
      expect(await run(store.read('retention'))).toBeNull()

      await run(retention(365, null, 'sue', 2))
      await run(retention(90, 1, 'bob', 3))
      const stored = await run(store.read('retention'))
      // Based on nothing stored, on version 1, on a version not yet reached: version 2 (Bob's) is there.
      for (const expectedVersion of [null, 1, 3]) {
        expect(refusal(await attempt(retention(7, expectedVersion, 'ann', 4)))).toMatchObject({
          _tag: 'SettingChangedMeanwhile',
          setting: 'retention',
          expectedVersion,
          storedVersion: 2,
          changedBy: 'bob',
          changedAt: at(3),
        })
      }
      expect(await run(store.read('retention'))).toEqual(stored)
    })

    it('refuses a version no store could reach as changed meanwhile, not as a failure', async () => {
      await run(retention(365, null, 'sue', 1))
      for (const expectedVersion of [2 ** 31, 2 ** 53 - 1]) {
        expect(refusal(await attempt(retention(7, expectedVersion, 'ann', 2)))).toMatchObject({
          _tag: 'SettingChangedMeanwhile',
          storedVersion: 1,
        })
      }
      expect((await run(store.read('retention')))?.value).toEqual({ recordingDays: 365 })
    })

    it('of changes racing from the same version, exactly one lands; the others are refused', async () => {
      const race = (expectedVersion: number | null, round: number) =>
        Promise.all(
          [1, 2, 3, 4, 5].map((n) => attempt(retention(round * 10 + n, expectedVersion, `s${n}`, n))),
        )
      // The first change of a setting, then a change of version 1, each made by five at once.
      for (const [round, expectedVersion] of [
        [1, null],
        [2, 1],
      ] as const) {
        const outcomes = await race(expectedVersion, round)
        const landed = outcomes.filter(Either.isRight).map((o) => o.right)
        expect(landed).toHaveLength(1)
        expect(landed[0]?.version).toBe(round)
        for (const refused of outcomes.map(refusal).filter((r) => r !== undefined)) {
          expect(refused).toMatchObject({
            _tag: 'SettingChangedMeanwhile',
            expectedVersion,
            storedVersion: round,
          })
        }
        expect(await run(store.read('retention'))).toEqual(landed[0])
      }
    })
  })
