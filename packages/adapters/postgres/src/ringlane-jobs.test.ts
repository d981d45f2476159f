import { PGlite } from '@electric-sql/pglite'
import { type ClaimsDetails, claimsPreset, claimsQueues, migrateClaimsSource } from '@ringlane/claims'
import { createRinglane, type E164, type Leads, type Ringlane, type RinglaneEvent } from '@ringlane/core'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { Effect } from 'effect'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectDiallerStore } from './connection.js'
import { startJobRunner } from './job-runner.js'
import { postgresLeadSource } from './lead-source.js'
import { resetStore } from './postgres.test.support.js'
import { createPostgresStores, type PostgresStores } from './stores.js'

// `ringlane.jobs`, `ringlane.analytics` and the reads the reference app makes on a real store, with a
// claims source and no telephony, recordings, SMS or magic links: what such a dialler can run and read,
// and what it refuses.
describe('the dialler jobs and analytics on a real store', () => {
  let database: TestPostgres
  let sourceClient: PGlite
  let stores: PostgresStores
  let ringlane: Ringlane<ClaimsDetails>

  beforeAll(async () => {
    database = await createTestPostgres()
    sourceClient = await PGlite.create()
    await migrateClaimsSource(connectDiallerStore(sourceClient) as Kysely<unknown>)
    stores = await createPostgresStores({ client: database.client })
  })
  afterAll(async () => {
    await ringlane?.dispose()
    await sourceClient?.close()
    await database?.close()
  })
  beforeEach(async () => {
    await ringlane?.dispose()
    await resetStore(database)
    ringlane = await createRinglane({
      stores,
      source: postgresLeadSource({ client: sourceClient, preset: claimsPreset() }),
      queues: claimsQueues(),
      settings: { allowFictionalNumbers: true, callingWindow: null, callPurpose: 'service' },
    })
  })

  describe('jobs', () => {
    it('lists the jobs whose areas it was given, with their schedules', () => {
      expect(ringlane.jobs.definitions.map(({ name, cron }) => [name, cron])).toEqual([
        ['queue-level-check', '*/5 * * * *'],
        ['queue-regeneration', '0 * * * *'],
        ['conversion-tracking', '20 * * * *'],
        ['callback-reminders', '* * * * *'],
        ['stale-claims', '*/3 * * * *'],
        ['wrap-up-timeout', '* * * * *'],
        // The inbound store is among the stores: its messages are kept only as long as their box says.
        ['voicemail-retention', '45 2 * * *'],
      ])
    })

    it('refuses a job it was not given what for, and a job that does not exist', async () => {
      await expect(ringlane.jobs.run('daily-cleanup')).rejects.toMatchObject({
        _tag: 'NotConfigured',
        method: 'jobs.run(daily-cleanup)',
        missing: ['recordings'],
      })
      await expect(ringlane.jobs.run('nope' as 'stale-claims')).rejects.toMatchObject({
        _tag: 'InvalidRequest',
        field: 'name',
      })
      await expect(ringlane.jobs.run(7 as never)).rejects.toMatchObject({
        _tag: 'InvalidRequest',
        field: 'name',
      })
    })

    it('checks queue levels, regenerating the queues below their threshold', async () => {
      const summary = await ringlane.jobs.run('queue-level-check')
      // Empty queues: every one with a threshold above 0 is low.
      expect(summary).toMatchObject({ low: ['unsigned', 'outstanding'], regenerated: true })
      expect(summary.inserted).toEqual(['callbacks:0', 'unsigned:0', 'outstanding:0'])
    })

    it('tracks conversions, leaving links out when magic links are not configured', async () => {
      expect(await ringlane.jobs.run('conversion-tracking')).toEqual({
        leadsConverted: 0,
        entriesRemoved: 0,
        linksChecked: 0,
        linksConverted: 0,
      })
    })

    it('takes each callback reminder once and publishes CallbackDue for it', async () => {
      const heard: RinglaneEvent[] = []
      const stop = await ringlane.events.subscribe((event) => heard.push(event))
      const dueAt = new Date(Date.now() + 2 * 60_000)
      const { id } = await Effect.runPromise(
        stores.history.scheduleCallback({
          leadId: '42' as Leads.LeadId,
          phone: '+447700900042' as E164,
          ownerAgentId: null,
          dueAt,
          notes: null,
          createdBy: null,
        }),
      )
      expect(await ringlane.jobs.run('callback-reminders')).toEqual({ reminded: 1 })
      expect(await ringlane.jobs.run('callback-reminders')).toEqual({ reminded: 0 })
      await vi.waitFor(() =>
        expect(heard.filter((e) => e._tag === 'CallbackDue')).toEqual([
          {
            _tag: 'CallbackDue',
            at: expect.any(Date),
            callbackId: id,
            leadId: '42',
            ownerAgentId: null,
            dueAt,
          },
        ]),
      )
      await stop()
    })

    it('runs through the job runner on pg-boss', async () => {
      const engine = await PGlite.create()
      const runner = startJobRunner({ jobs: ringlane.jobs, engine: { pglite: engine }, schedule: false })
      try {
        await runner.ready
        const run = await runner.runNow('stale-claims')
        expect(run).toMatchObject({ name: 'stale-claims', ok: true, summary: { released: 0 } })
      } finally {
        await runner.stop()
        await engine.close()
      }
    })
  })

  describe('analytics', () => {
    it('refuses a range that is not one, naming the field, before reading anything', async () => {
      await expect(
        ringlane.analytics.callMetrics({ from: '2026-06-11', to: '2026-06-10', timeZone: 'Europe/London' }),
      ).rejects.toMatchObject({
        _tag: 'InvalidMetricsRange',
        field: 'to',
        message: 'to: The end date must not be before the start date',
      })
      await expect(
        ringlane.analytics.rangeBounds({ from: '2026-06-10', to: '2026-06-11', timeZone: 'Nowhere/Land' }),
      ).rejects.toMatchObject({ _tag: 'InvalidMetricsRange', field: 'timeZone' })
      await expect(ringlane.analytics.callMetrics('last week' as never)).rejects.toMatchObject({
        _tag: 'InvalidRequest',
        field: 'range',
      })
    })

    it('answers the metrics with the range it read', async () => {
      const range = { from: '2026-06-10', to: '2026-06-11', timeZone: 'Europe/London' }
      const metrics = await ringlane.analytics.callMetrics(range)
      expect(metrics.range).toEqual(range)
      expect(metrics.summary.calls).toBe(0)
      expect(metrics.daily.map((d) => d.day)).toEqual(['2026-06-10', '2026-06-11'])
      expect(await ringlane.analytics.rangeBounds(range)).toEqual({
        since: new Date('2026-06-09T23:00:00Z'),
        until: new Date('2026-06-11T23:00:00Z'),
      })
    })

    it('shows the live floor: agents, calls in progress and queue levels with their labels', async () => {
      const ann = await ringlane.agents.create({
        email: 'ann@example.com',
        displayName: 'Ann',
        role: 'agent',
      })
      await ringlane.agents.changeState(ann.id, 'available')
      const snapshot = await ringlane.analytics.liveSnapshot()
      expect(snapshot.agents).toEqual([
        { agentId: ann.id, displayName: 'Ann', state: 'available', reason: null, since: expect.any(Date) },
      ])
      expect(snapshot.calls).toEqual([])
      const { queues } = await ringlane.config()
      expect(snapshot.levels.map((l) => l.queueId).sort()).toEqual(queues.map((q) => q.id).sort())
      expect(snapshot.levels.find((l) => l.queueId === 'unsigned')).toMatchObject({
        label: 'Unsigned',
        threshold: queues.find((q) => q.id === 'unsigned')?.threshold,
        waiting: 0,
        claimed: 0,
      })
    })

    it('says what it needs when the analytics store was not given', async () => {
      const { analytics: _, ...others } = stores
      const partial = await createRinglane({ stores: others })
      try {
        await expect(partial.analytics.liveSnapshot()).rejects.toMatchObject({
          _tag: 'NotConfigured',
          missing: ['stores.analytics'],
        })
      } finally {
        await partial.dispose()
      }
    })
  })

  describe('reads for the app', () => {
    it('searches recordings, refusing a search that is not one, naming the field', async () => {
      expect(await ringlane.analytics.searchRecordings({ timeZone: 'Europe/London' })).toEqual([])
      await expect(
        ringlane.analytics.searchRecordings({ timeZone: 'Europe/London', from: '2026-02-30' }),
      ).rejects.toMatchObject({ _tag: 'InvalidRecordingSearch', field: 'from' })
    })

    it('tells how and when numbers opted out, however they are written', async () => {
      await Effect.runPromise(
        stores.suppression.recordOptOut(
          '+447700900042' as E164,
          'sms:STOP',
          new Date('2026-06-10T09:00:00Z'),
        ),
      )
      expect(await ringlane.compliance.optOuts(['07700 900042', '+447700900043'])).toEqual([
        { phone: '+447700900042', source: 'sms:STOP', optedOutAt: new Date('2026-06-10T09:00:00Z') },
      ])
      await expect(ringlane.compliance.optOuts(['not a number'])).rejects.toMatchObject({
        _tag: 'InvalidPhoneNumber',
        field: 'phones',
      })
      await expect(ringlane.compliance.optOuts('07700 900042' as never)).rejects.toMatchObject({
        _tag: 'InvalidRequest',
        field: 'phones',
      })
    })

    it("gives leads' texts, refusing a lead id that is not one", async () => {
      expect(await ringlane.messaging.leadThreads(['42', '43'])).toEqual([])
      await expect(ringlane.messaging.leadThreads(['no spaces please'])).rejects.toMatchObject({
        _tag: 'InvalidSmsRequest',
        field: 'leadIds.0',
      })
    })

    it('lists every account by name', async () => {
      await ringlane.agents.create({ email: 'zed@example.com', displayName: 'Zed', role: 'supervisor' })
      await ringlane.agents.create({ email: 'amy@example.com', displayName: 'Amy', role: 'agent' })
      expect((await ringlane.agents.list()).map((a) => [a.displayName, a.role, a.active])).toEqual([
        ['Amy', 'agent', true],
        ['Zed', 'supervisor', true],
      ])
    })
  })
})
