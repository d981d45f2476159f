import { PGlite } from '@electric-sql/pglite'
import { type ClaimsSource, claimsPreset, claimsQueues, migrateClaimsSource } from '@ringlane/claims'
import { type Calls, createRinglane, type Ringlane, type Telephony } from '@ringlane/core'
import {
  type CallScenario,
  createSimulatorTelephony,
  SIGNATURE_HEADER,
  type SimulatorTelephony,
  signWebhook,
} from '@ringlane/simulator'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { Redacted } from 'effect'
import type { Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { connectDiallerStore } from './connection.js'
import { postgresLeadSource } from './lead-source.js'
import { createPostgresStores } from './stores.js'

// A call from start to outcome: the store on a real engine, the simulator delivering signed webhooks
// straight into the dialler's handlers, fast-forwarded.
describe('calls end to end with the simulator', () => {
  let database: TestPostgres
  let sourceClient: PGlite
  let source: Kysely<ClaimsSource>
  let ringlane: Ringlane
  let simulator: SimulatorTelephony
  let scenario: CallScenario
  const delivered: Array<{ kind: string; status: number }> = []

  const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string) => {
    for (let i = 0; i < 200; i++) {
      const value = await probe()
      if (value !== undefined) return value
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    throw new Error(`timed out waiting for ${what}`)
  }

  beforeAll(async () => {
    database = await createTestPostgres()
    sourceClient = await PGlite.create()
    source = connectDiallerStore<ClaimsSource>(sourceClient)
    await migrateClaimsSource(source as Kysely<unknown>)
    await createPostgresStores({ client: database.client })
  })
  afterAll(async () => {
    await source?.destroy()
    await database?.close()
  })
  beforeEach(async () => {
    await database.truncateAll(['ringlane_migrations', 'ringlane_migrations_lock'])
    for (const table of ['claim_requirements', 'claims', 'users'] as const)
      await source.deleteFrom(table).execute()
    delivered.length = 0
    simulator = createSimulatorTelephony({
      secret: Redacted.make('simulator-test-secret'),
      publicBaseUrl: 'https://dialler.test',
      speed: 100,
      scenario: () => scenario,
      deliver: async (kind, request) => {
        try {
          if (kind === 'voice') {
            const instructions = await ringlane.calls.instructions(request)
            delivered.push({ kind, status: 200 })
            return { status: 200, contentType: instructions.contentType, body: instructions.body }
          }
          if (kind === 'status') await ringlane.calls.handleStatus(request)
          delivered.push({ kind, status: 204 })
          return { status: 204, body: '' }
        } catch (error) {
          delivered.push({ kind, status: 400 })
          return { status: 400, body: String(error) }
        }
      },
    })
    ringlane = await createRinglane({
      stores: await createPostgresStores({ client: database.client, migrate: false }),
      source: postgresLeadSource({ client: sourceClient, preset: claimsPreset() }),
      telephony: simulator.telephony,
      queues: claimsQueues(),
      settings: { allowFictionalNumbers: true, callingWindow: null },
    })
    await source
      .insertInto('users')
      .values({
        id: 1,
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: null,
        phone_number: '07700 900001',
        is_enabled: true,
        current_user_address_id: null,
        current_signature_file_id: null,
        created_at: new Date('2026-01-01'),
      })
      .execute()
    await source
      .insertInto('claims')
      .values({
        id: 1,
        user_id: 1,
        reference: 'CL-1',
        status: 'NEW',
        lender: 'L',
        estimated_value: 900,
        created_at: new Date('2026-01-02'),
      })
      .execute()
    await ringlane.queues.regenerate()
  })
  afterEach(async () => {
    simulator.dispose()
    await ringlane.dispose()
  })

  const claimAndStart = async () => {
    const agent = await ringlane.agents.create({
      email: 'ann@example.com',
      displayName: 'Ann',
      role: 'agent',
    })
    await ringlane.agents.changeState(agent.id, 'available')
    const entry = await ringlane.queues.claimNext(agent.id)
    if (!entry) throw new Error('no lead to call')
    const start = await ringlane.dialing.startCall(agent.id, entry.id)
    if (start._tag !== 'Started') throw new Error(`call refused: ${JSON.stringify(start.refusals)}`)
    return { agent: agent.id, entry, session: start.session }
  }
  const sessionRow = (id: string) =>
    database.query<{ status: string; talk_seconds: number | null; answered_by: string | null }>(
      'select status, talk_seconds, answered_by from call_sessions where id = $1',
      [id],
    )
  const agentState = async (id: string) =>
    (await database.query<{ state: string }>('select state from agent_states where agent_id = $1', [id]))[0]
      ?.state

  it('places, connects, answers and ends a call, then records the outcome with a callback', async () => {
    scenario = { outcome: 'answer', ringSeconds: 2, talkSeconds: 30, answeredBy: 'human' }
    const { agent, entry, session } = await claimAndStart()
    expect(session.status).toBe('initiated')
    expect(await agentState(agent)).toBe('on_call')
    expect(
      await database.query('select attempts_total, attempts_today from lead_activity where lead_id = $1', [
        '1',
      ]),
    ).toEqual([{ attempts_total: 1, attempts_today: 1 }])

    await simulator.placeBrowserCall(agent, { ringlaneSession: session.id })
    const ended = await waitFor(async () => {
      const [row] = await sessionRow(session.id)
      return row?.status === 'completed' ? row : undefined
    }, 'the call to complete')
    expect(ended).toMatchObject({ answered_by: 'human' })
    expect(ended.talk_seconds).toBeGreaterThanOrEqual(29)
    // The agent moves to wrap-up right after the call ends.
    expect(
      await waitFor(async () => ((await agentState(agent)) === 'wrap_up' ? 'wrap_up' : undefined), 'wrap-up'),
    ).toBe('wrap_up')
    const events = await database.query<{ status: string }>(
      'select status from call_events where session_id = $1 order by occurred_at',
      [session.id],
    )
    expect(events.map((e) => e.status)).toEqual(['initiated', 'ringing', 'in-progress', 'completed'])

    const callbackAt = new Date(Date.now() + 3 * 3600_000)
    const outcome = await ringlane.calls.recordOutcome(agent, {
      sessionId: session.id,
      disposition: 'callback_requested',
      notes: 'Call back after work',
      callbackAt: callbackAt.toISOString(),
    })
    expect(outcome.callbackId).not.toBeNull()
    // A double submit is recorded once.
    const again = await ringlane.calls.recordOutcome(agent, {
      sessionId: session.id,
      disposition: 'callback_requested',
      notes: 'Call back after work',
      callbackAt: callbackAt.toISOString(),
    })
    expect(again.id).toBe(outcome.id)
    expect(await database.query('select count(*)::int as n from call_outcomes')).toEqual([{ n: 1 }])
    expect(await database.query('select count(*)::int as n from callbacks')).toEqual([{ n: 1 }])
    expect(await database.query('select status from queue_entries where id = $1', [entry.id])).toEqual([
      { status: 'done' },
    ])
    const [activity] = await database.query<{ last_outcome: string; next_call_after: Date }>(
      'select last_outcome, next_call_after from lead_activity where lead_id = $1',
      ['1'],
    )
    expect(activity?.last_outcome).toBe('callback_requested')
    expect(+(activity?.next_call_after ?? 0)).toBe(+callbackAt)
    expect(await agentState(agent)).toBe('available')

    const history = await ringlane.calls.history('1')
    expect(history).toHaveLength(1)
    expect(history[0]?.outcome?.disposition).toBe('callback_requested')
  })

  it('applies late, duplicate and out-of-order status callbacks without going backwards', async () => {
    scenario = { outcome: 'busy', ringSeconds: 1 }
    const { session } = await claimAndStart()
    await simulator.placeBrowserCall('ann', { ringlaneSession: session.id }).catch(() => undefined)
    const [row] = await waitFor(async () => {
      const rows = await sessionRow(session.id)
      return rows[0]?.status === 'busy' ? rows : undefined
    }, 'the call to end busy')
    expect(row?.status).toBe('busy')
    const providerCallId =
      (
        await database.query<{ provider_call_id: string }>(
          'select provider_call_id from call_sessions where id = $1',
          [session.id],
        )
      )[0]?.provider_call_id ?? ''
    const late: Telephony.WebhookRequest = (() => {
      const params = {
        CallSid: providerCallId,
        CallStatus: 'ringing',
        Timestamp: new Date().toISOString(),
        ringlaneSession: session.id,
      }
      const url = 'https://dialler.test/webhooks/simulator/call-status'
      return {
        url,
        method: 'POST',
        headers: { [SIGNATURE_HEADER]: signWebhook('simulator-test-secret', url, params) },
        body: new URLSearchParams(params).toString(),
      }
    })()
    const result = await ringlane.calls.handleStatus(late)
    expect(result).toMatchObject({
      _tag: 'Applied',
      changed: false,
      ended: false,
      session: { status: 'busy' },
    })
    const count = await database.query<{ n: number }>(
      'select count(*)::int as n from call_events where session_id = $1',
      [session.id],
    )
    await ringlane.calls.handleStatus(late)
    expect(
      await database.query('select count(*)::int as n from call_events where session_id = $1', [session.id]),
    ).toEqual(count)
  })

  it('rejects unsigned and tampered webhooks, and acknowledges an unknown call without writing', async () => {
    const url = 'https://dialler.test/webhooks/simulator/call-status'
    const body = new URLSearchParams({
      CallSid: 'CAunknown',
      CallStatus: 'completed',
      Timestamp: new Date().toISOString(),
    }).toString()
    await expect(
      ringlane.calls.handleStatus({ url, method: 'POST', headers: {}, body }),
    ).rejects.toMatchObject({
      _tag: 'WebhookRejected',
      reason: 'missing-signature',
    })
    await expect(
      ringlane.calls.handleStatus({ url, method: 'POST', headers: { [SIGNATURE_HEADER]: 'forged' }, body }),
    ).rejects.toMatchObject({ reason: 'bad-signature' })
    const params = Object.fromEntries(new URLSearchParams(body))
    const signed = {
      url,
      method: 'POST' as const,
      headers: { [SIGNATURE_HEADER]: signWebhook('simulator-test-secret', url, params) },
      body,
    }
    expect(await ringlane.calls.handleStatus(signed)).toEqual({
      _tag: 'UnknownCall',
      providerCallId: 'CAunknown',
    })
    const malformed = { CallSid: 'CA1', CallStatus: 'exploded', Timestamp: 'yesterday' }
    await expect(
      ringlane.calls.handleStatus({
        url,
        method: 'POST',
        headers: { [SIGNATURE_HEADER]: signWebhook('simulator-test-secret', url, malformed) },
        body: new URLSearchParams(malformed).toString(),
      }),
    ).rejects.toMatchObject({ _tag: 'InvalidWebhook' })
    expect(await database.query('select count(*)::int as n from call_events')).toEqual([{ n: 0 }])
  })

  it('refuses an outcome for a call that is not the agent’s, and an unknown disposition', async () => {
    scenario = { outcome: 'no-answer', ringSeconds: 1 }
    const { session } = await claimAndStart()
    const bob = await ringlane.agents.create({ email: 'bob@example.com', displayName: 'Bob', role: 'agent' })
    await expect(
      ringlane.calls.recordOutcome(bob.id, { sessionId: session.id, disposition: 'no_answer' }),
    ).rejects.toMatchObject({
      _tag: 'OutcomeRefused',
    })
    const ann =
      (await database.query<{ id: string }>("select id from agents where email = 'ann@example.com'"))[0]
        ?.id ?? ''
    await expect(
      ringlane.calls.recordOutcome(ann, { sessionId: session.id, disposition: 'sold' }),
    ).rejects.toMatchObject({
      _tag: 'InvalidOutcome',
      field: 'disposition',
    })
    await expect(
      ringlane.calls.recordOutcome(ann, { sessionId: session.id, disposition: 'callback_requested' }),
    ).rejects.toMatchObject({
      field: 'callbackAt',
    })
    expect(await database.query('select count(*)::int as n from call_outcomes')).toEqual([{ n: 0 }])
  })

  it('ends calls whose final status never came, asking the provider first', async () => {
    const { agent, session } = await claimAndStart()
    // The browser never dialled: the provider has never heard of this call.
    await database.query("update call_sessions set started_at = now() - interval '1 hour' where id = $1", [
      session.id,
    ])
    const report: Calls.ReconciliationReport = await ringlane.calls.reconcile()
    expect(report).toEqual({ checked: 1, updatedFromProvider: 0, timedOut: 1 })
    expect((await sessionRow(session.id))[0]?.status).toBe('failed')
    expect(await database.query('select end_reason from call_sessions where id = $1', [session.id])).toEqual([
      { end_reason: 'no final status from the provider within 10 minutes' },
    ])
    expect(await agentState(agent)).toBe('wrap_up')
  })
})
