import type { PGlite } from '@electric-sql/pglite'
import { type ClaimsDetails, type ClaimsSource, claimsPreset, claimsQueues } from '@ringlane/claims'
import { createRinglane, Leads, type Ringlane } from '@ringlane/core'
import type { TestPostgres } from '@ringlane/test-database'
import { Effect } from 'effect'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { postgresLeadSource } from './lead-source.js'
import {
  type ClaimsWorld,
  insertClaim,
  insertPendingRequirement,
  insertPerson,
  openClaimsWorld,
  resetStore,
} from './postgres.test.support.js'
import type { PostgresStores } from './stores.js'

// The dialler's programs end to end: a real store (server Postgres when configured, else PGlite) and
// a PGlite claims source that the tests edit as people sign, opt out or disappear.
describe('the dialler on a real store and source', () => {
  let database: TestPostgres
  let sourceClient: PGlite
  let source: Kysely<ClaimsSource>
  let stores: PostgresStores
  let ringlane: Ringlane<ClaimsDetails>
  const created = new Date(Date.now() - 30 * 86_400_000)

  const addPerson = async (
    id: number,
    options: { signed?: boolean; pending?: number; phone?: string; value?: number } = {},
  ) => {
    await insertPerson(source, id, {
      ...(options.phone === undefined ? {} : { phone_number: options.phone }),
      current_signature_file_id: options.signed ? id : null,
      created_at: new Date(+created + id * 1000),
    })
    await insertClaim(source, id, { estimated_value: options.value ?? 1000, created_at: created })
    for (let r = 0; r < (options.pending ?? 1); r++) {
      await insertPendingRequirement(source, id * 100 + r, id, created)
    }
  }

  const agent = async (email: string, available = true) => {
    const a = await ringlane.agents.create({
      email,
      displayName: email.split('@')[0] ?? email,
      role: 'agent',
    })
    if (available) await ringlane.agents.changeState(a.id, 'available')
    return a.id
  }

  let world: ClaimsWorld
  beforeAll(async () => {
    world = await openClaimsWorld()
    ;({ database, sourceClient, source, stores } = world)
  })
  afterAll(async () => {
    await ringlane?.dispose()
    await world?.close()
  })
  beforeEach(async () => {
    await ringlane?.dispose()
    await world.reset()
    ringlane = await createRinglane({
      stores,
      source: postgresLeadSource({ client: sourceClient, preset: claimsPreset() }),
      queues: claimsQueues(),
      settings: { allowFictionalNumbers: true, callingWindow: null, callPurpose: 'service' },
    })
  })

  it('builds queues that leave out whoever should not be called, and dedupes across queues', async () => {
    await addPerson(1, { pending: 3 }) // unsigned
    await addPerson(2, { signed: true, pending: 2 }) // outstanding
    await addPerson(3) // unsigned, contacted an hour ago: cooling
    await addPerson(4) // unsigned, opted out
    await addPerson(5, { phone: '0909 879 0123' }) // premium rate: never dialled
    await addPerson(6) // unsigned with a callback due: the callbacks queue wins
    await addPerson(7, { signed: true }) // outstanding, but a retry rule defers it
    await Effect.runPromise(
      Effect.all([
        stores.suppression.recordOptOut('+447700900004' as never, 'sms', new Date()),
        stores.history.scheduleCallback({
          leadId: '6' as Leads.LeadId,
          phone: '+447700900006' as never,
          ownerAgentId: null,
          dueAt: new Date(Date.now() - 60_000),
          notes: null,
          createdBy: null,
        }),
      ]),
    )
    await database.query(
      `insert into lead_activity (lead_id, last_contact_at, attempts_total, next_call_after) values
       ('3', now() - interval '1 hour', 1, null), ('7', now() - interval '1 day', 2, now() + interval '1 day')`,
    )

    const result = await ringlane.queues.regenerate()
    if (result._tag !== 'Regenerated') throw new Error('regeneration did not run')
    const [callbacks, unsigned, outstanding] = result.queues
    expect(callbacks).toMatchObject({ queueId: 'callbacks', inserted: 1 })
    expect(unsigned).toMatchObject({
      queueId: 'unsigned',
      candidates: 5,
      inserted: 1,
      excluded: { in_higher_priority_queue: 1, cooling: 1, opted_out: 1, invalid_number: 1 },
    })
    expect(outstanding).toMatchObject({
      queueId: 'outstanding',
      candidates: 2,
      inserted: 1,
      excluded: { retry_later: 1 },
    })
    const rows = await database.query<{ queue_id: string; lead_id: string }>(
      "select queue_id, lead_id from queue_entries where status = 'waiting' order by queue_id, lead_id",
    )
    expect(rows).toEqual([
      { queue_id: 'callbacks', lead_id: '6' },
      { queue_id: 'outstanding', lead_id: '2' },
      { queue_id: 'unsigned', lead_id: '1' },
    ])
  })

  it('lets a second regeneration wait its turn instead of running twice', async () => {
    await addPerson(1)
    // Another instance's regeneration holds the lease (taken through the store, so it is surely first).
    const lease = (holder: string) =>
      Effect.runPromise(stores.queues.startRegeneration(holder, new Date(), 60_000))
    expect(await lease('another instance')).toBe(true)
    expect((await ringlane.queues.regenerate())._tag).toBe('AlreadyRunning')
    await Effect.runPromise(stores.queues.finishRegeneration('another instance'))
    expect((await ringlane.queues.regenerate())._tag).toBe('Regenerated')
    // And two at once: never both running; the second either waits its turn out or runs after.
    const [a, b] = await Promise.all([ringlane.queues.regenerate(), ringlane.queues.regenerate()])
    expect([a._tag, b._tag]).toContain('Regenerated')
  })

  it('hands the next lead only to an available agent, one at a time, and validates it before dialing', async () => {
    await addPerson(1, { pending: 3, value: 20_000 })
    await addPerson(2, { pending: 1 })
    await ringlane.queues.regenerate()
    const paused = await agent('pat@example.com', false)
    await expect(ringlane.queues.claimNext(paused)).rejects.toMatchObject({
      _tag: 'AgentNotAvailable',
      state: 'offline',
    })
    await expect(ringlane.queues.claimNext('not-a-uuid')).rejects.toMatchObject({
      _tag: 'InvalidAgentId',
      field: 'agentId',
    })

    const ann = await agent('ann@example.com')
    const first = await ringlane.queues.claimNext(ann)
    expect(first?.leadId).toBe('1')
    expect(first?.reasons.map((r) => r.factor)).toContain('pending_requirements')
    expect((await ringlane.queues.claimNext(ann))?.id).toBe(first?.id)

    const decision = await ringlane.dialing.validate(ann, first?.id ?? '')
    expect(decision).toMatchObject({ _tag: 'Allowed', phone: '+447700900001', lineType: 'mobile' })
    // The decision says what it checked and what it read, for the compliance record.
    expect(decision.evidence.compliance).toMatchObject({
      profile: { id: 'uk-ofcom', version: '1.0.0' },
      facts: { zoneBasis: 'number-region', zones: [{ zone: 'Europe/London' }], attemptsToday: 0 },
    })
    expect(decision.evidence.checked.map((c) => c.ruleId)).toEqual(
      expect.arrayContaining(['source.eligible', 'suppression.opt-out', 'settings.daily-attempts']),
    )

    const bob = await agent('bob@example.com')
    await expect(ringlane.dialing.validate(bob, first?.id ?? '')).rejects.toMatchObject({
      _tag: 'EntryNotHeld',
    })
  })

  it('refuses a call when the live source or the dialler says no, with every reason', async () => {
    await addPerson(1)
    await ringlane.queues.regenerate()
    const ann = await agent('ann@example.com')
    const entry = await ringlane.queues.claimNext(ann)
    // Since the queue was built: the person signed, and their number opted out.
    await source.updateTable('users').set({ current_signature_file_id: 99 }).where('id', '=', 1).execute()
    const converted = await ringlane.dialing.validate(ann, entry?.id ?? '')
    expect(converted).toMatchObject({ _tag: 'Refused', refusals: [{ code: 'converted' }] })

    await source.updateTable('users').set({ current_signature_file_id: null }).where('id', '=', 1).execute()
    await Effect.runPromise(stores.suppression.recordOptOut('+447700900001' as never, 'sms', new Date()))
    await database.query(
      `insert into lead_activity (lead_id, attempts_total, recent_attempts) values ('1', 15, array[now(), now(), now()])`,
    )
    const refused = await ringlane.dialing.validate(ann, entry?.id ?? '')
    expect(refused._tag === 'Refused' && refused.refusals.map((r) => r.code).sort()).toEqual(
      ['daily_attempt_cap', 'opted_out', 'total_attempt_cap'].sort(),
    )
    expect(refused.evidence.checked.filter((c) => c.outcome === 'refused').map((c) => c.ruleId)).toEqual(
      expect.arrayContaining(['suppression.opt-out', 'settings.daily-attempts', 'settings.total-attempts']),
    )
    expect(refused.evidence.compliance?.facts).toMatchObject({ attemptsToday: 3, attemptsTotal: 15 })
  })

  it('fails closed when the source is slow or down, and stops asking a failing source', async () => {
    await addPerson(1)
    const real = postgresLeadSource({ client: sourceClient, preset: claimsPreset() })
    let mode: 'slow' | 'down' = 'slow'
    const flaky: Leads.LeadSourceService<ClaimsDetails> = {
      ...real,
      recheck: (queueId, ids) =>
        mode === 'slow'
          ? Effect.delay(real.recheck(queueId, ids), '5 seconds')
          : Effect.fail(new Leads.LeadSourceError({ operation: 're-check', message: 'connection refused' })),
    }
    await ringlane.dispose()
    ringlane = await createRinglane({
      stores,
      source: flaky,
      queues: claimsQueues(),
      settings: {
        allowFictionalNumbers: true,
        callingWindow: null,
        callPurpose: 'service',
        sourceTimeoutMs: 100,
        breakerFailureThreshold: 2,
      },
    })
    await ringlane.queues.regenerate()
    const ann = await agent('ann@example.com')
    const entry = await ringlane.queues.claimNext(ann)
    const slow = ringlane.dialing.validate(ann, entry?.id ?? '')
    await expect(slow).rejects.toMatchObject({ _tag: 'SourceUnavailable' })
    await expect(slow).rejects.toThrow(/no call is placed.*within 100 ms/)
    mode = 'down'
    await expect(ringlane.dialing.validate(ann, entry?.id ?? '')).rejects.toThrow(/connection refused/)
    // Two failures in a row: the circuit is open and the source is not asked again for a while.
    await expect(ringlane.dialing.validate(ann, entry?.id ?? '')).rejects.toThrow(/not asking it again/)
  })

  it('tracks conversions: people who did what they were called about leave the queue', async () => {
    await addPerson(1)
    await addPerson(2)
    await addPerson(3, { signed: true, pending: 1 })
    await ringlane.queues.regenerate()
    await source.updateTable('users').set({ current_signature_file_id: 7 }).where('id', '=', 1).execute()
    await source
      .updateTable('claim_requirements')
      .set({ status: 'COMPLETED' })
      .where('claim_id', '=', 3)
      .execute()
    await source.updateTable('users').set({ is_enabled: false }).where('id', '=', 2).execute()
    const reports = await ringlane.queues.trackConversions()
    expect(reports.map((r) => [r.queueId, r.checked, r.converted, r.removed])).toEqual([
      ['callbacks', 0, 0, 0],
      ['unsigned', 2, 1, 1],
      ['outstanding', 1, 1, 0],
    ])
    expect(await database.query('select lead_id, queue_id from lead_conversions order by lead_id')).toEqual([
      { lead_id: '1', queue_id: 'unsigned' },
      { lead_id: '3', queue_id: 'outstanding' },
    ])
    // A converted lead stays out of that queue even if the replica lags behind.
    await source.updateTable('users').set({ current_signature_file_id: null }).where('id', '=', 1).execute()
    const again = await ringlane.queues.regenerate()
    expect(again._tag === 'Regenerated' && again.queues[1]?.excluded.converted).toBe(1)
  })

  it('skips with a reason and releases only what the agent holds', async () => {
    await addPerson(1)
    await addPerson(2)
    await ringlane.queues.regenerate()
    const ann = await agent('ann@example.com')
    const bob = await agent('bob@example.com')
    const entry = await ringlane.queues.claimNext(ann)
    await expect(ringlane.queues.skip(ann, entry?.id ?? '', '  ')).rejects.toMatchObject({
      _tag: 'SkipReasonRequired',
      field: 'reason',
    })
    await expect(ringlane.queues.release(bob, entry?.id ?? '')).rejects.toMatchObject({
      _tag: 'EntryNotHeld',
    })
    await ringlane.queues.skip(ann, entry?.id ?? '', 'asked not to be called at work')
    const next = await ringlane.queues.claimNext(ann)
    expect(next?.leadId).not.toBe(entry?.leadId)
    await ringlane.agents.changeState(ann, 'paused', 'break')
    expect(
      await database.query("select count(*)::int as n from queue_entries where status = 'claimed'"),
    ).toEqual([{ n: 0 }])
    await expect(ringlane.agents.changeState(ann, 'paused')).rejects.toMatchObject({
      _tag: 'PauseReasonRequired',
    })
  })

  it('refuses bad input with errors that name the field, writing nothing', async () => {
    await expect(
      ringlane.agents.create({ email: 'not an email', displayName: 'X', role: 'agent' }),
    ).rejects.toMatchObject({
      _tag: 'InvalidAgent',
      field: 'email',
    })
    await expect(
      ringlane.agents.create({ email: 'a@example.com', displayName: 'X', role: 'boss' as never }),
    ).rejects.toMatchObject({
      field: 'role',
    })
    expect(await database.query('select count(*)::int as n from agents')).toEqual([{ n: 0 }])
    await expect(
      ringlane.leads.context(await agent('c@example.com'), "1'; drop table users"),
    ).rejects.toMatchObject({
      _tag: 'InvalidLeadId',
    })

    await resetStore(database)
    const bad = createRinglane({
      stores,
      source: postgresLeadSource({ client: sourceClient, preset: claimsPreset() }),
      queues: claimsQueues({ unsigned: { weights: { perAttempt: 1e9 } } }),
    })
    await expect(bad).rejects.toMatchObject({
      _tag: 'InvalidQueueDefinition',
      field: 'queues[1].weights.perAttempt',
    })
    await expect(
      createRinglane({
        stores,
        source: postgresLeadSource({ client: sourceClient, preset: claimsPreset() }),
        queues: claimsQueues(),
        settings: { sourceTimeoutMs: -5 },
      }),
    ).rejects.toMatchObject({ _tag: 'InvalidSettings', field: 'sourceTimeoutMs' })
    expect(await database.query('select count(*)::int as n from queues')).toEqual([{ n: 0 }])
  })

  it('shows an agent the whole lead with what the dialler remembers', async () => {
    await addPerson(1, { pending: 2 })
    const ann = await agent('ann@example.com')
    const context = await ringlane.leads.context(ann, '1')
    expect(context.profile).toMatchObject({
      leadId: '1',
      firstName: 'P1',
      details: { signatureOnFile: false },
    })
    expect(context.profile.details.claims[0]?.requirements).toHaveLength(2)
    expect(context.activity).toBeNull()
    await expect(ringlane.leads.context(ann, '999')).rejects.toMatchObject({ _tag: 'LeadNotFound' })
  })

  it('regenerates on its own when a queue runs low', async () => {
    await addPerson(1)
    const check = await ringlane.queues.checkLevels()
    expect(check.low).toEqual(['unsigned', 'outstanding'])
    expect(check.regeneration?._tag).toBe('Regenerated')
    const levels = await ringlane.queues.levels()
    expect(levels.find((l) => l.queueId === 'unsigned')?.waiting).toBe(1)
  })
})
