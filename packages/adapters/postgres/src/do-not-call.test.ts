import { PGlite } from '@electric-sql/pglite'
import { type ClaimsSource, claimsPreset, claimsQueues, migrateClaimsSource } from '@ringlane/claims'
import { createRinglane, type Ringlane, type RinglaneSettingsInput } from '@ringlane/core'
import { createSimulatorMessaging, createSimulatorTelephony } from '@ringlane/simulator'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { Effect, Redacted } from 'effect'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { connectDiallerStore } from './connection.js'
import { postgresLeadSource } from './lead-source.js'
import {
  countRows,
  insertClaim,
  insertPendingRequirement,
  insertPerson,
  resetStore,
  secondClient,
} from './postgres.test.support.js'
import { createPostgresStores, type PostgresStores } from './stores.js'

const DAY = 86_400_000

// Do-not-call lists end to end on two app instances sharing one database: what a supervisor does on
// one instance stops the next dial on the other, because every decision reads the lists when it is made.
describe('do-not-call lists across app instances', () => {
  let database: TestPostgres
  let second: Awaited<ReturnType<typeof secondClient>>
  let sourceClient: PGlite
  let source: Kysely<ClaimsSource>
  let storesA: PostgresStores
  let storesB: PostgresStores
  let supervisorSide: Ringlane
  let agentSide: Ringlane
  const created = new Date(Date.now() - 30 * DAY)

  const start = async (settings: RinglaneSettingsInput) => {
    await supervisorSide?.dispose()
    await agentSide?.dispose()
    const options = {
      // Placing calls is not what these tests are about: the simulator answers nothing back.
      telephony: createSimulatorTelephony({
        secret: Redacted.make('dnc-test-secret'),
        publicBaseUrl: 'https://dialler.test',
        speed: 100,
        deliver: async () => ({ status: 204, body: '' }),
      }).telephony,
      source: postgresLeadSource({ client: sourceClient, preset: claimsPreset() }),
      queues: claimsQueues(),
      settings: { allowFictionalNumbers: true, callingWindow: null, ...settings },
    }
    supervisorSide = await createRinglane({ ...options, stores: storesA })
    agentSide = await createRinglane({ ...options, stores: storesB })
  }

  /** Person 1 in the source, queued, and held by a new agent on the agent's instance. */
  const heldLead = async () => {
    await insertPerson(source, 1, { created_at: created })
    await insertClaim(source, 1, { estimated_value: 1000, created_at: created })
    await insertPendingRequirement(source, 100, 1, created)
    await agentSide.queues.regenerate()
    const agent = await agentSide.agents.create({
      email: 'ann@example.com',
      displayName: 'Ann',
      role: 'agent',
    })
    await agentSide.agents.changeState(agent.id, 'available')
    const entry = await agentSide.queues.claimNext(agent.id)
    if (!entry) throw new Error('no lead was queued')
    return { agentId: agent.id, entryId: entry.id, phone: entry.phone }
  }

  beforeAll(async () => {
    database = await createTestPostgres()
    second = await secondClient(database)
    sourceClient = await PGlite.create()
    source = connectDiallerStore<ClaimsSource>(sourceClient)
    await migrateClaimsSource(source as Kysely<unknown>)
    storesA = await createPostgresStores({ client: database.client })
    storesB = await createPostgresStores({ client: second.client, migrate: false })
  })
  afterAll(async () => {
    await supervisorSide?.dispose()
    await agentSide?.dispose()
    await source?.destroy()
    await second?.close()
    await database?.close()
  })
  beforeEach(async () => {
    await resetStore(database)
    for (const table of ['claim_requirements', 'claims', 'users'] as const)
      await source.deleteFrom(table).execute()
    await start({ callPurpose: 'service' })
  })

  it('refuses the next dial on the other instance within a second of an entry, naming the list; allows it again once removed', async () => {
    const { agentId, entryId, phone } = await heldLead()
    expect((await agentSide.dialing.validate(agentId, entryId))._tag).toBe('Allowed')

    const added = Date.now()
    await supervisorSide.compliance.addToDoNotCall({
      phone: '07700 900001',
      reason: 'Complained',
      by: 'sup-1',
    })
    const refused = await agentSide.dialing.validate(agentId, entryId)
    expect(Date.now() - added).toBeLessThan(1000)
    expect(refused).toMatchObject({
      _tag: 'Refused',
      refusals: [
        {
          code: 'do_not_call_list',
          message: expect.stringContaining('internal do-not-call list (Complained)'),
        },
      ],
    })
    expect(refused.evidence.checked).toContainEqual({
      ruleId: 'suppression.internal-dnc',
      profileId: null,
      profileVersion: null,
      outcome: 'refused',
    })
    expect(refused.evidence.compliance?.facts.screening.listedOn).toEqual(['internal'])
    // Starting the call is refused the same way, and opens no session.
    const audit = await supervisorSide.compliance.listEntries()
    expect(audit).toMatchObject([{ phone, reason: 'Complained', source: 'manual', addedBy: 'sup-1' }])
    expect(await countRows(database, "audit_log where action = 'dnc.added'")).toBe(1)

    await agentSide.compliance.removeFromDoNotCall({ phone, by: 'sup-2', reason: 'added by mistake' })
    expect((await supervisorSide.dialing.validate(agentId, entryId))._tag).toBe('Allowed')
    expect(await countRows(database, "audit_log where action = 'dnc.removed'")).toBe(1)
  })

  it('imports nothing from a CSV with a bad row unless asked, and reports the row', async () => {
    const csv = 'phone,reason\n07700900011,Complained\nnot a number,Asked\n07700900012,Asked\n'
    const rejected = await supervisorSide.compliance
      .importList({ listId: 'internal', text: csv, fileName: 'dnc.csv', by: 'sup-1' })
      .catch((error) => error)
    expect(rejected).toMatchObject({
      _tag: 'ListImportRejected',
      validRows: 2,
      errors: [{ row: 3, message: 'phone: "not a number" is not a phone number' }],
    })
    expect(await countRows(database, 'suppression_entries')).toBe(0)
    expect(await countRows(database, 'audit_log')).toBe(0)

    const report = await supervisorSide.compliance.importList({
      listId: 'internal',
      text: csv,
      fileName: 'dnc.csv',
      by: 'sup-1',
      importValidRows: true,
    })
    expect(report).toMatchObject({ rows: 3, validRows: 2, added: 2, errors: [{ row: 3 }] })
    expect(await countRows(database, 'suppression_entries')).toBe(2)
    expect(await countRows(database, "audit_log where action = 'dnc.imported'")).toBe(1)
  })

  it('refuses marketing calls when a register the profile needs is older than its rule allows, or holds the number', async () => {
    await start({ callPurpose: 'marketing' })
    const { agentId, entryId } = await heldLead()
    const never = await agentSide.dialing.validate(agentId, entryId)
    expect(never._tag === 'Refused' && never.refusals).toEqual([
      expect.objectContaining({
        code: 'list_stale',
        message: expect.stringContaining('never been imported'),
      }),
    ])

    // A TPS copy from 29 days ago is older than the 28 days the PECR screening rule allows.
    const old = new Date(Date.now() - 29 * DAY)
    await supervisorSide.compliance.importList({
      listId: 'TPS',
      text: '07700 900999\r\n',
      screenedAt: old,
      by: 'sup-1',
    })
    await supervisorSide.compliance.importList({ listId: 'CTPS', text: '', by: 'sup-1' })
    const stale = await agentSide.dialing.validate(agentId, entryId)
    expect(stale._tag === 'Refused' && stale.refusals).toEqual([
      expect.objectContaining({
        code: 'list_stale',
        ruleId: 'uk-pecr.tps-screening',
        message: expect.stringContaining(`the TPS list was screened on ${old.toISOString().slice(0, 10)}`),
      }),
    ])

    await supervisorSide.compliance.importList({ listId: 'TPS', text: '07700 900999\r\n', by: 'sup-1' })
    expect((await agentSide.dialing.validate(agentId, entryId))._tag).toBe('Allowed')

    const report = await supervisorSide.compliance.importList({
      listId: 'TPS',
      text: '07700 900001\r\n07700900999 \r\n',
      by: 'sup-1',
    })
    expect(report).toMatchObject({ format: 'tps', rows: 2, added: 2, removed: 1 })
    const listed = await agentSide.dialing.validate(agentId, entryId)
    expect(listed._tag === 'Refused' && listed.refusals).toEqual([
      expect.objectContaining({ code: 'listed', message: expect.stringContaining('on the TPS list') }),
    ])
    const lists = await agentSide.compliance.lists()
    expect(lists.map((l) => [l.id, l.kind, l.entries])).toEqual([
      ['CTPS', 'register', 0],
      ['TPS', 'register', 2],
    ])
  })

  it('refuses bad requests with the field named, writing nothing', async () => {
    await expect(
      supervisorSide.compliance.addToDoNotCall({ phone: '07700900001', reason: '  ', by: 'sup-1' }),
    ).rejects.toMatchObject({ _tag: 'InvalidListRequest', field: 'reason' })
    await expect(
      supervisorSide.compliance.addToDoNotCall({ phone: 'twelve', reason: 'x', by: 'sup-1' }),
    ).rejects.toMatchObject({ _tag: 'InvalidListRequest', field: 'phone' })
    await expect(
      supervisorSide.compliance.importList({ listId: 'bad id!', text: '', by: 'sup-1' }),
    ).rejects.toMatchObject({ _tag: 'InvalidListRequest', field: 'listId' })
    await expect(
      supervisorSide.compliance.importList({
        listId: 'TPS',
        text: '',
        by: 'sup-1',
        screenedAt: new Date(Date.now() + DAY),
      }),
    ).rejects.toMatchObject({ _tag: 'InvalidListRequest', field: 'screenedAt' })
    expect(await countRows(database, 'suppression_entries')).toBe(0)
    expect(await countRows(database, 'suppression_lists')).toBe(0)
  })

  it('keeps every dial decision with its rules and facts, and reports refusals by rule, abandon rates and freshness', async () => {
    const { agentId, entryId } = await heldLead()
    const since = new Date(Date.now() - DAY)
    await supervisorSide.compliance.addToDoNotCall({
      phone: '07700900001',
      reason: 'Complained',
      by: 'sup-1',
    })
    expect(await agentSide.dialing.startCall(agentId, entryId)).toMatchObject({ _tag: 'Refused' })
    await supervisorSide.compliance.removeFromDoNotCall({ phone: '07700900001', by: 'sup-1' })
    const started = await agentSide.dialing.startCall(agentId, entryId)
    expect(started._tag).toBe('Started')

    const stored = await database.query<{
      outcome: string
      call_id: string | null
      profile_id: string
      checked: unknown
    }>('select outcome, call_id, profile_id, checked from dial_decisions order by decided_at')
    expect(stored.map((d) => [d.outcome, d.profile_id])).toEqual([
      ['refused', 'uk-ofcom'],
      ['allowed', 'uk-ofcom'],
    ])
    expect(stored[1]?.call_id).toBe(started._tag === 'Started' ? started.session.id : 'none')
    expect(stored[0]?.checked).toContainEqual({
      ruleId: 'suppression.internal-dnc',
      profileId: null,
      profileVersion: null,
      outcome: 'refused',
    })

    // The engine's answered calls for a campaign: 1 abandoned of 40 live in the last hour, 10 machines.
    const now = Date.now()
    for (let i = 0; i < 39; i++)
      await Effect.runPromise(
        storesA.abandons.record({
          campaignId: 'spring',
          callId: `c${i}`,
          answeredAt: new Date(now - 3_600_000),
          outcome: 'connected',
        }),
      )
    await Effect.runPromise(
      storesA.abandons.record({
        campaignId: 'spring',
        callId: 'a1',
        answeredAt: new Date(now - 3_600_000),
        outcome: 'abandoned',
      }),
    )
    for (let i = 0; i < 10; i++)
      await Effect.runPromise(
        storesB.abandons.record({
          campaignId: 'spring',
          callId: `m${i}`,
          answeredAt: new Date(now - 3_600_000),
          outcome: 'machine',
        }),
      )

    const until = new Date(Date.now() + 1000)
    const report = await supervisorSide.compliance.report({ since, until })
    expect(report.decisions).toMatchObject({
      decisions: 2,
      allowed: 1,
      refused: 1,
      refusalsByRule: [{ ruleId: 'suppression.internal-dnc', code: 'do_not_call_list', count: 1 }],
    })
    expect(report.abandon).toBeNull()
    expect(report.lists.map((l) => [l.listId, l.applies, l.fresh])).toEqual([
      ['TPS', false, false],
      ['CTPS', false, false],
    ])
    expect(report.exceptions.map((e) => [e.kind, e.ruleId])).toEqual([
      ['rule-not-applied', 'uk-pecr.tps-screening'],
    ])

    // Per campaign: the preview dials had none, so no decisions; the abandon rate at 5 % of machines:
    // live = 39 + 1 + 0.5, abandoned = 1.5, which is 3.7 %: over Ofcom's 3 %.
    const campaign = await supervisorSide.compliance.report({ since, until, campaignId: 'spring' })
    expect(campaign.decisions.decisions).toBe(0)
    expect(campaign.abandon?.period).toMatchObject({
      counts: { connected: 39, abandoned: 1, machine: 10 },
      abandoned: 1.5,
      liveAnswered: 40.5,
    })
    expect(campaign.exceptions).toContainEqual(
      expect.objectContaining({ kind: 'abandon-over-limit', ruleId: 'uk-ofcom.abandon-rate' }),
    )
    const rates = await agentSide.compliance.abandonRates({ campaignId: 'spring' })
    expect(rates.windows[0]).toMatchObject({ hours: 24, liveAnswered: 40.5, abandoned: 1.5 })
    expect(rates.budget).toBe(0)

    const csv = await supervisorSide.compliance.reportCsv({ since, until, campaignId: 'spring' })
    expect(csv.split('\n')[0]).toBe('section,item,value,detail')
    expect(csv).toContain('abandon,uk-ofcom.abandon-rate,3.70,limit 3% over 24 h; budget 0; OVER')
    await expect(supervisorSide.compliance.report({ since: until, until: since })).rejects.toMatchObject({
      _tag: 'InvalidReportRequest',
      field: 'until',
    })
  })

  it('stops texts to a listed number on the other instance too, and only while it is listed', async () => {
    const provider = createSimulatorMessaging({
      secret: Redacted.make('dnc-sms-secret'),
      publicBaseUrl: 'https://dialler.test',
    })
    const texting = await createRinglane({
      stores: storesB,
      sms: { provider, settings: { allowFictionalNumbers: true, companyPhone: '020 7946 0000' } },
    })
    try {
      await supervisorSide.compliance.addToDoNotCall({
        phone: '07700 900321',
        reason: 'No texts',
        by: 'sup-1',
      })
      await expect(texting.messaging.send({ to: '07700 900321', body: 'hello?' })).rejects.toMatchObject({
        _tag: 'RecipientOptedOut',
        message: expect.stringContaining('internal do-not-call list (No texts)'),
      })
      expect(await countRows(database, 'sms_messages')).toBe(0)
      // A register is for calls: a number on the TPS copy is still texted.
      await supervisorSide.compliance.importList({ listId: 'TPS', text: '07700 900322\r\n', by: 'sup-1' })
      await texting.messaging.send({ to: '07700 900322', body: 'hello' })
      await supervisorSide.compliance.removeFromDoNotCall({ phone: '07700 900321', by: 'sup-1' })
      await texting.messaging.send({ to: '07700 900321', body: 'hello again' })
      expect(await countRows(database, 'sms_messages')).toBe(2)
    } finally {
      await texting.dispose()
    }
  })

  it('leaves a number on the internal list out of the queues it builds', async () => {
    await insertPerson(source, 1, { created_at: created })
    await insertClaim(source, 1, { estimated_value: 1000, created_at: created })
    await insertPendingRequirement(source, 100, 1, created)
    await supervisorSide.compliance.addToDoNotCall({
      phone: '07700900001',
      reason: 'Complained',
      by: 'sup-1',
    })
    const result = await agentSide.queues.regenerate()
    if (result._tag !== 'Regenerated') throw new Error('regeneration did not run')
    expect(result.queues.find((q) => q.queueId === 'unsigned')).toMatchObject({
      inserted: 0,
      excluded: { do_not_call: 1 },
    })
  })
})
