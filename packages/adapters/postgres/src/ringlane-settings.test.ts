import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { type ClaimsDetails, claimsPreset, claimsQueues, migrateClaimsSource } from '@ringlane/claims'
import { createRinglane, type Ringlane, Settings } from '@ringlane/core'
import { localRecordingStorage } from '@ringlane/simulator'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { Effect, Redacted } from 'effect'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { connectDiallerStore } from './connection.js'
import { postgresLeadSource } from './lead-source.js'
import { resetStore } from './postgres.test.support.js'
import { createPostgresStores, type PostgresStores } from './stores.js'

// Issue 15 item 5: the settings supervisors change in the app are stored, checked (a bad value is
// refused naming its field, nothing stored or audited), audited with before and after, and what the
// running dialler reads, on every instance on the store.
describe('settings changed in the app, on a real store', () => {
  let database: TestPostgres
  let sourceClient: PGlite
  let stores: PostgresStores
  let directory: string
  let ringlane: Ringlane<ClaimsDetails>
  let supervisor: string
  let agent: string

  const open = () =>
    createRinglane({
      stores,
      source: postgresLeadSource({ client: sourceClient, preset: claimsPreset() }),
      queues: claimsQueues({ unsigned: { threshold: 50 } }),
      settings: { allowFictionalNumbers: true, callingWindow: null, callPurpose: 'service' },
      recordings: {
        storage: localRecordingStorage({
          directory,
          baseUrl: '/recordings/media',
          secret: Redacted.make('r'.repeat(32)),
        }),
        settings: { retentionDays: 365 },
      },
    })
  const audited = () => Effect.runPromise(stores.audit.list({ action: 'settings.changed', limit: 50 }))
  const stored = (key: string) => Effect.runPromise(stores.settings.read(key))

  beforeAll(async () => {
    database = await createTestPostgres()
    sourceClient = await PGlite.create()
    await migrateClaimsSource(connectDiallerStore(sourceClient) as Kysely<unknown>)
    stores = await createPostgresStores({ client: database.client })
    directory = await mkdtemp(join(tmpdir(), 'ringlane-settings-'))
  })
  afterAll(async () => {
    await ringlane?.dispose()
    await sourceClient?.close()
    await database?.close()
    await rm(directory, { recursive: true, force: true })
  })
  beforeEach(async () => {
    await ringlane?.dispose()
    await resetStore(database)
    ringlane = await open()
    supervisor = (
      await ringlane.agents.create({ email: 'sue@example.com', displayName: 'Sue', role: 'supervisor' })
    ).id
    agent = (await ringlane.agents.create({ email: 'ann@example.com', displayName: 'Ann', role: 'agent' })).id
  })

  describe('queue tuning', () => {
    it('reads the configured threshold, cooling and weights until a supervisor changes them', async () => {
      const unsigned = (await ringlane.queues.tuning()).find((q) => q.queueId === 'unsigned')
      expect(unsigned).toMatchObject({ threshold: 50, coolingMinutes: 120 })
      expect(unsigned?.weights.perAttempt).toBe(-5)
    })

    it('refuses a bad threshold naming the field, storing and auditing nothing', async () => {
      for (const [tuning, field] of [
        [{ threshold: -1, coolingMinutes: 0, weights: {} }, 'unsigned.threshold'],
        [{ threshold: 1.5, coolingMinutes: 0, weights: {} }, 'unsigned.threshold'],
        [{ threshold: 10, coolingMinutes: 600_000, weights: {} }, 'unsigned.coolingMinutes'],
        [{ threshold: 10, coolingMinutes: 0, weights: { perAttempt: 5000 } }, 'unsigned.weights.perAttempt'],
        [{ coolingMinutes: 0, weights: {} }, 'unsigned.threshold'],
      ] as const) {
        await expect(ringlane.queues.tune(supervisor, 'unsigned', tuning)).rejects.toMatchObject({
          _tag: 'InvalidSettingsChange',
          setting: 'queues',
          field,
        })
      }
      await expect(
        ringlane.queues.tune(supervisor, 'nope', { threshold: 1, coolingMinutes: 0, weights: {} }),
      ).rejects.toMatchObject({ _tag: 'InvalidSettingsChange', field: 'queueId' })
      expect(await stored('queues')).toBeNull()
      expect(await audited()).toEqual([])
    })

    it('lets only a supervisor or admin change a queue', async () => {
      await expect(
        ringlane.queues.tune(agent, 'unsigned', { threshold: 1, coolingMinutes: 0, weights: {} }),
      ).rejects.toMatchObject({ _tag: 'NotASupervisor' })
      expect(await stored('queues')).toBeNull()
    })

    it('stores a change, audits it before and after, and the level check and another instance read it', async () => {
      // Empty queues: below a threshold above 0, so both source queues are low as configured.
      expect((await ringlane.jobs.run('queue-level-check')).low).toEqual(['unsigned', 'outstanding'])
      const tuning = { threshold: 0, coolingMinutes: 30, weights: { perAttempt: -2 } }
      const changed = await ringlane.queues.tune(supervisor, 'unsigned', tuning)
      expect(changed).toMatchObject({
        queueId: 'unsigned',
        version: 1,
        tuning: { threshold: 0, coolingMinutes: 30 },
      })
      // "Fewer waiting than the threshold": nothing waiting is not fewer than 0.
      expect((await ringlane.jobs.run('queue-level-check')).low).toEqual(['outstanding'])
      const [entry] = await audited()
      expect(entry).toMatchObject({
        actor: supervisor,
        subject: 'settings:queues',
        detail: {
          version: 1,
          'unsigned.threshold': '50 → 0',
          'unsigned.coolingMinutes': '120 → 30',
          'unsigned.weights.perAttempt': '-5 → -2',
        },
      })
      expect(Object.keys(entry?.detail ?? {})).toHaveLength(4)
      // Another instance on the same store (or this one after a restart) runs on the stored tuning.
      const other = await open()
      try {
        expect((await other.queues.tuning()).find((q) => q.queueId === 'unsigned')).toMatchObject({
          threshold: 0,
          coolingMinutes: 30,
        })
        expect((await other.config()).queues.find((q) => q.id === 'unsigned')?.threshold).toBe(0)
        const levels = await other.analytics.liveSnapshot()
        expect(levels.levels.find((l) => l.queueId === 'unsigned')?.threshold).toBe(0)
      } finally {
        await other.dispose()
      }
    })
  })

  describe('dispositions and retry rules', () => {
    it('refuses a bad list naming the field, and stores and audits a good one by code', async () => {
      const before = await ringlane.calls.dispositions()
      const list = before.map((d) => ({ ...d }))
      await expect(
        ringlane.calls.changeDispositions(supervisor, [...list, { ...list[0], label: 'Again' }]),
      ).rejects.toMatchObject({ _tag: 'InvalidSettingsChange', field: `${list.length}.code` })
      await expect(
        ringlane.calls.changeDispositions(
          supervisor,
          list.map((d, i) => (i === 3 ? { ...d, retryAfterMinutes: -5 } : d)),
        ),
      ).rejects.toMatchObject({ field: '3.retryAfterMinutes' })
      await expect(ringlane.calls.changeDispositions(supervisor, [])).rejects.toMatchObject({
        _tag: 'InvalidSettingsChange',
      })
      expect(await stored('dispositions')).toBeNull()

      const busy = list.findIndex((d) => d.code === 'busy')
      const changed = list.map((d, i) => (i === busy ? { ...d, retryAfterMinutes: 45 } : d))
      await ringlane.calls.changeDispositions(supervisor, changed)
      expect((await ringlane.calls.dispositions()).find((d) => d.code === 'busy')?.retryAfterMinutes).toBe(45)
      expect(
        (await ringlane.config()).settings.dispositions.find((d) => d.code === 'busy')?.retryAfterMinutes,
      ).toBe(45)
      expect((await audited())[0]?.detail).toEqual({ version: 1, 'busy.retryAfterMinutes': '30 → 45' })
    })
  })

  describe('retention', () => {
    it('reads retentionDays until changed; refuses a bad period naming it; stores and audits a good one', async () => {
      expect(await ringlane.recordings.retention()).toEqual({ recordingDays: 365 })
      await expect(
        ringlane.recordings.changeRetention(supervisor, { recordingDays: 0 }),
      ).rejects.toMatchObject({
        _tag: 'InvalidSettingsChange',
        field: 'recordingDays',
      })
      expect(await stored('retention')).toBeNull()
      await ringlane.recordings.changeRetention(supervisor, { recordingDays: 90 })
      expect(await ringlane.recordings.retention()).toEqual({ recordingDays: 90 })
      expect((await audited())[0]).toMatchObject({
        subject: 'settings:retention',
        detail: { version: 1, recordingDays: '365 → 90' },
      })
    })
  })

  // Issue 15: two supervisors change the same setting; the second saw a version no longer stored, so
  // her change is refused (who changed it and when), nothing stored or audited, and she redoes it.
  describe('a change only from the version the supervisor saw', () => {
    let sam: string
    beforeEach(async () => {
      sam = (
        await ringlane.agents.create({ email: 'sam@example.com', displayName: 'Sam', role: 'supervisor' })
      ).id
    })
    const tuning = (threshold: number) => ({ threshold, coolingMinutes: 60, weights: {} })

    it('refuses the second of two changes made from the same tuning, naming who changed it and when', async () => {
      const seen = await ringlane.queues.tuningSetting()
      expect(seen).toMatchObject({ version: null, changedBy: null, changedAt: null })
      expect(seen.queues.find((q) => q.queueId === 'unsigned')?.threshold).toBe(50)

      const first = await ringlane.queues.tune(supervisor, 'unsigned', tuning(40), seen.version)
      expect(first.version).toBe(1)
      const refused = await ringlane.queues
        .tune(sam, 'unsigned', tuning(30), seen.version)
        .catch((error: unknown) => error)
      const now = await ringlane.queues.tuningSetting()
      expect(refused).toBeInstanceOf(Settings.SettingChangedMeanwhile)
      expect(refused).toMatchObject({
        setting: 'queues',
        expectedVersion: null,
        storedVersion: 1,
        changedBy: supervisor,
        changedAt: now.changedAt,
      })
      expect((refused as Error).message).toContain(supervisor)
      expect(now).toMatchObject({ version: 1, changedBy: supervisor })
      expect(now.queues.find((q) => q.queueId === 'unsigned')?.threshold).toBe(40)
      expect((await audited()).map((e) => e.actor)).toEqual([supervisor])

      // The tuning is one setting: a change of another queue from the old version is refused too.
      await expect(ringlane.queues.tune(sam, 'outstanding', tuning(5), seen.version)).rejects.toMatchObject({
        _tag: 'SettingChangedMeanwhile',
        storedVersion: 1,
      })
      // Redone from what is stored now, it lands, and the audit's "before" is what she replaced.
      await ringlane.queues.tune(sam, 'unsigned', tuning(30), now.version)
      expect((await audited())[0]).toMatchObject({
        actor: sam,
        detail: { version: 2, 'unsigned.threshold': '40 → 30' },
      })
    })

    it('of two changes racing from the same version, exactly one is stored and audited', async () => {
      const { version } = await ringlane.calls.dispositionsSetting()
      const list = (await ringlane.calls.dispositions()).map((d) => ({ ...d }))
      const busy = (minutes: number) =>
        list.map((d) => (d.code === 'busy' ? { ...d, retryAfterMinutes: minutes } : d))
      await ringlane.calls.changeDispositions(supervisor, busy(45), version)
      const seen = await ringlane.calls.dispositionsSetting()
      expect(seen.version).toBe(1)
      const outcomes = await Promise.allSettled([
        ringlane.calls.changeDispositions(supervisor, busy(50), seen.version),
        ringlane.calls.changeDispositions(sam, busy(55), seen.version),
      ])
      const landed = outcomes.filter((o) => o.status === 'fulfilled')
      expect(landed).toHaveLength(1)
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({
        reason: {
          _tag: 'SettingChangedMeanwhile',
          setting: 'dispositions',
          expectedVersion: 1,
          storedVersion: 2,
        },
      })
      expect((await stored('dispositions'))?.version).toBe(2)
      expect(await audited()).toHaveLength(2)
    })

    it('refuses a version that is not one, naming expectedVersion, storing nothing', async () => {
      for (const bad of [0, -1, 1.5, Number.NaN, '1', {}] as const) {
        await expect(
          ringlane.recordings.changeRetention(supervisor, { recordingDays: 90 }, bad as never),
        ).rejects.toMatchObject({
          _tag: 'InvalidSettingsChange',
          setting: 'retention',
          field: 'expectedVersion',
        })
      }
      expect(await stored('retention')).toBeNull()
      expect(await audited()).toEqual([])
    })

    it('refuses a retention change from a version never stored (an edited form), and one from the past', async () => {
      const edited = { _tag: 'InvalidSettingsChange', setting: 'retention', field: 'expectedVersion' }
      await expect(
        ringlane.recordings.changeRetention(supervisor, { recordingDays: 90 }, 1),
      ).rejects.toMatchObject(edited)
      await ringlane.recordings.changeRetention(supervisor, { recordingDays: 90 }, null)
      await ringlane.recordings.changeRetention(sam, { recordingDays: 60 }, 1)
      await expect(
        ringlane.recordings.changeRetention(supervisor, { recordingDays: 30 }, 3),
      ).rejects.toMatchObject(edited)
      await expect(
        ringlane.recordings.changeRetention(supervisor, { recordingDays: 30 }, 1),
      ).rejects.toMatchObject({ _tag: 'SettingChangedMeanwhile', storedVersion: 2, changedBy: sam })
      expect(await ringlane.recordings.retentionSetting()).toMatchObject({
        retention: { recordingDays: 60 },
        version: 2,
        changedBy: sam,
      })
    })

    it('left out, a change is based on what is stored when it is made', async () => {
      await ringlane.recordings.changeRetention(supervisor, { recordingDays: 90 })
      await ringlane.recordings.changeRetention(sam, { recordingDays: 60 })
      expect(await ringlane.recordings.retentionSetting()).toMatchObject({ version: 2, changedBy: sam })
      expect((await audited())[0]?.detail).toEqual({ version: 2, recordingDays: '90 → 60' })
    })
  })
})
