import { type Calls, type Ringlane, Telephony } from '@ringlane/core'
import {
  type CallScenario,
  createSimulatorTelephony,
  SIGNATURE_HEADER,
  type SimulatorTelephony,
  signWebhook,
} from '@ringlane/simulator'
import { Effect, Redacted } from 'effect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  claimsDialler,
  claimsWorldForSuite,
  deliverToDialler,
  insertClaim,
  insertPerson,
  startNextCall,
  waitFor,
} from './postgres.test.support.js'

// A call from start to outcome: the store on a real engine, the simulator delivering signed webhooks
// straight into the dialler's handlers, fast-forwarded.
describe('calls end to end with the simulator', () => {
  let ringlane: Ringlane
  let simulator: SimulatorTelephony
  let scenario: CallScenario
  const delivered: Array<{ kind: string; status: number }> = []
  /** Webhooks that never reach the dialler, e.g. a call's final status lost on the way. */
  let lost: (kind: string, params: URLSearchParams) => boolean
  const toDialler = deliverToDialler(() => ringlane)

  const world = claimsWorldForSuite()
  /** A person with a claim in the source, queued to be called. */
  const addLead = async (id: number, first_name: string, last_name: string) => {
    await insertPerson(world.source, id, { first_name, last_name, created_at: new Date('2026-01-01') })
    await insertClaim(world.source, id, { estimated_value: 900, created_at: new Date('2026-01-02') })
    await ringlane.queues.regenerate()
  }
  beforeEach(async () => {
    delivered.length = 0
    lost = () => false
    simulator = createSimulatorTelephony({
      secret: Redacted.make('simulator-test-secret'),
      publicBaseUrl: 'https://dialler.test',
      speed: 100,
      scenario: () => scenario,
      deliver: async (kind, request) => {
        if (lost(kind, new URLSearchParams(request.body))) {
          delivered.push({ kind: `lost ${kind}`, status: 0 })
          return { status: 504, body: '' }
        }
        try {
          const response = await toDialler(kind, request)
          delivered.push({ kind, status: response.status })
          return response
        } catch (error) {
          delivered.push({ kind, status: 400 })
          return { status: 400, body: String(error) }
        }
      },
    })
    ringlane = await claimsDialler(world, simulator.telephony)
    await addLead(1, 'Ada', 'Lovelace')
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
    const { entry, session } = await startNextCall(ringlane, agent.id)
    return { agent: agent.id, entry, session }
  }
  /** A second person with a claim, so an agent has a next call to make. */
  const addSecondLead = () => addLead(2, 'Grace', 'Hopper')
  /** A call-status webhook as the simulator signs it, for any call and status. */
  const statusWebhook = (params: Record<string, string>): Telephony.WebhookRequest => {
    const url = 'https://dialler.test/webhooks/simulator/call-status'
    return {
      url,
      method: 'POST',
      headers: { [SIGNATURE_HEADER]: signWebhook('simulator-test-secret', url, params) },
      body: new URLSearchParams(params).toString(),
    }
  }
  const sessionEnd = async (id: string) =>
    (
      await world.database.query<{
        status: string
        end_reason: string | null
        ended_at: Date | null
        talk_seconds: number | null
      }>('select status, end_reason, ended_at, talk_seconds from call_sessions where id = $1', [id])
    )[0]
  const sessionRow = (id: string) =>
    world.database.query<{ status: string; talk_seconds: number | null; answered_by: string | null }>(
      'select status, talk_seconds, answered_by from call_sessions where id = $1',
      [id],
    )
  const agentState = async (id: string) =>
    (
      await world.database.query<{ state: string }>('select state from agent_states where agent_id = $1', [
        id,
      ])
    )[0]?.state

  it('places, connects, answers and ends a call, then records the outcome with a callback', async () => {
    scenario = { outcome: 'answer', ringSeconds: 2, talkSeconds: 30, answeredBy: 'human' }
    const { agent, entry, session } = await claimAndStart()
    expect(session.status).toBe('initiated')
    expect(await agentState(agent)).toBe('on_call')
    // The attempt is counted, and when it was placed is kept for the local-day and 7-day rules.
    expect(
      await world.database.query(
        'select attempts_total, cardinality(recent_attempts) as recent, recent_attempts[1] = $2::timestamptz as at_start from lead_activity where lead_id = $1',
        ['1', session.startedAt.toISOString()],
      ),
    ).toEqual([{ attempts_total: 1, recent: 1, at_start: true }])

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
    const events = await world.database.query<{ status: string }>(
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
    expect(await world.database.query('select count(*)::int as n from call_outcomes')).toEqual([{ n: 1 }])
    expect(await world.database.query('select count(*)::int as n from callbacks')).toEqual([{ n: 1 }])
    expect(await world.database.query('select status from queue_entries where id = $1', [entry.id])).toEqual([
      { status: 'done' },
    ])
    const [activity] = await world.database.query<{ last_outcome: string; next_call_after: Date }>(
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
        await world.database.query<{ provider_call_id: string }>(
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
    const count = await world.database.query<{ n: number }>(
      'select count(*)::int as n from call_events where session_id = $1',
      [session.id],
    )
    await ringlane.calls.handleStatus(late)
    expect(
      await world.database.query('select count(*)::int as n from call_events where session_id = $1', [
        session.id,
      ]),
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
    expect(await world.database.query('select count(*)::int as n from call_events')).toEqual([{ n: 0 }])
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
      (await world.database.query<{ id: string }>("select id from agents where email = 'ann@example.com'"))[0]
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
    expect(await world.database.query('select count(*)::int as n from call_outcomes')).toEqual([{ n: 0 }])
  })

  it('ends calls whose final status never came, asking the provider first', async () => {
    const { agent, session } = await claimAndStart()
    // The browser never dialled: the provider has never heard of this call.
    await world.database.query(
      "update call_sessions set started_at = now() - interval '1 hour' where id = $1",
      [session.id],
    )
    const report: Calls.ReconciliationReport = await ringlane.calls.reconcile()
    expect(report).toEqual({ checked: 1, updatedFromProvider: 0, timedOut: 1 })
    expect((await sessionRow(session.id))[0]?.status).toBe('failed')
    expect(
      await world.database.query('select end_reason from call_sessions where id = $1', [session.id]),
    ).toEqual([{ end_reason: 'no final status from the provider within 10 minutes' }])
    expect(await agentState(agent)).toBe('wrap_up')
  })

  // Issue 14: an outcome recorded for a call whose session never got a final status used to leave it
  // open, and the agent's next call failed CallInProgress for staleCallMinutes.
  describe('recording an outcome settles the call, so the agent can dial the next one at once', () => {
    const waitForStatus = (id: string, status: string) =>
      waitFor(async () => {
        const row = await sessionEnd(id)
        return row?.status === status ? row : undefined
      }, `call ${id} to be ${status}`)
    /** The agent is free again, and their next call starts at once. */
    const dialsNextAtOnce = async (agent: string) => {
      expect(await agentState(agent)).toBe('available')
      await startNextCall(ringlane, agent)
      expect(await agentState(agent)).toBe('on_call')
    }

    it('the browser never dialled (no webhooks at all): the call ends with the reason recorded', async () => {
      await addSecondLead()
      const { agent, session } = await claimAndStart()
      await ringlane.calls.recordOutcome(agent, { sessionId: session.id, disposition: 'no_answer' })
      // Never answered, so failed with no talk time; why it ended without the provider is kept.
      const ended = await sessionEnd(session.id)
      expect(ended).toMatchObject({
        status: 'failed',
        end_reason: 'outcome recorded before any status from the provider',
        talk_seconds: 0,
      })
      expect(await agentState(agent)).toBe('available')

      const next = await startNextCall(ringlane, agent)
      expect(next.session.id).not.toBe(session.id)
      expect(await agentState(agent)).toBe('on_call')
      // The browser dialling the old call now is refused: it is no longer waiting to be connected.
      await expect(simulator.placeBrowserCall(agent, { ringlaneSession: session.id })).rejects.toMatchObject({
        code: 'call-failed',
      })
      expect(delivered.at(-1)).toEqual({ kind: 'voice', status: 400 })

      // A final webhook arriving after all that: the ended call stays as it was ended, and the agent
      // stays on their next call.
      const late = await ringlane.calls.handleStatus(
        statusWebhook({
          CallSid: `CA${'1'.repeat(32)}`,
          CallStatus: 'completed',
          Timestamp: new Date().toISOString(),
          CallDuration: '40',
          ringlaneSession: session.id,
        }),
      )
      expect(late).toMatchObject({ _tag: 'Applied', ended: false, outcomeRecorded: true })
      expect(await sessionEnd(session.id)).toEqual(ended)
      expect(await agentState(agent)).toBe('on_call')
    })

    it('the final webhook was lost after answer: the call gets the status the provider reports', async () => {
      scenario = { outcome: 'answer', ringSeconds: 2, talkSeconds: 30, answeredBy: 'human' }
      lost = (kind, params) => kind === 'status' && params.get('CallStatus') === 'completed'
      await addSecondLead()
      const { agent, session } = await claimAndStart()
      await simulator.placeBrowserCall(agent, { ringlaneSession: session.id })
      await waitFor(
        async () => (delivered.some((d) => d.kind === 'lost status') ? true : undefined),
        'the final status to be lost',
      )
      expect((await sessionEnd(session.id))?.status).toBe('in-progress')
      expect(await agentState(agent)).toBe('on_call')

      await ringlane.calls.recordOutcome(agent, { sessionId: session.id, disposition: 'contacted' })
      // The provider's own end: completed, with the 30 seconds it measured and no reason of ours.
      expect(await sessionEnd(session.id)).toMatchObject({
        status: 'completed',
        end_reason: null,
        talk_seconds: 30,
      })
      await dialsNextAtOnce(agent)
    })

    it('the provider has no record of the call: it ends with the reason, talk time up to the outcome', async () => {
      await addSecondLead()
      const { agent, session } = await claimAndStart()
      const answeredAt = new Date(Date.now() - 20_000)
      await ringlane.calls.handleStatus(
        statusWebhook({
          CallSid: `CA${'e'.repeat(32)}`,
          CallStatus: 'in-progress',
          Timestamp: answeredAt.toISOString(),
          AnsweredBy: 'human',
          ringlaneSession: session.id,
        }),
      )
      const before = Date.now()
      await ringlane.calls.recordOutcome(agent, { sessionId: session.id, disposition: 'contacted' })
      const after = Date.now()
      const ended = await sessionEnd(session.id)
      // Answered, so completed; it ended when the outcome was recorded, talking from the answer.
      expect(ended).toMatchObject({
        status: 'completed',
        end_reason: 'outcome recorded; the provider has no record of the call',
      })
      const endedAt = +(ended?.ended_at ?? 0)
      expect(endedAt).toBeGreaterThanOrEqual(before)
      expect(endedAt).toBeLessThanOrEqual(after)
      expect(ended?.talk_seconds).toBe(Math.round((endedAt - +answeredAt) / 1000))
      await dialsNextAtOnce(agent)
    })

    it('the provider cannot be asked (an outage): the call ends with that reason', async () => {
      await addSecondLead()
      const { agent, session } = await claimAndStart()
      await ringlane.calls.handleStatus(
        statusWebhook({
          CallSid: `CA${'d'.repeat(32)}`,
          CallStatus: 'ringing',
          Timestamp: new Date().toISOString(),
          ringlaneSession: session.id,
        }),
      )
      // The same store and provider, except that look-ups fail.
      const outage = await claimsDialler(world, {
        ...simulator.telephony,
        lookupCall: () =>
          Effect.fail(
            new Telephony.TelephonyError({ operation: 'look up a call', message: 'provider unavailable' }),
          ),
      })
      try {
        await outage.calls.recordOutcome(agent, { sessionId: session.id, disposition: 'no_answer' })
        expect(await sessionEnd(session.id)).toMatchObject({
          status: 'failed',
          end_reason: 'outcome recorded; the provider could not say where the call is',
          talk_seconds: 0,
        })
        await dialsNextAtOnce(agent)
      } finally {
        await outage.dispose()
      }
    })

    it('the provider still has the call live: it stays open for the final webhook, which does not pull the agent off the next call', async () => {
      scenario = { outcome: 'answer', ringSeconds: 1, talkSeconds: null, answeredBy: 'human' }
      await addSecondLead()
      const { agent, session } = await claimAndStart()
      const { callId } = await simulator.placeBrowserCall(agent, { ringlaneSession: session.id })
      await waitForStatus(session.id, 'in-progress')

      await ringlane.calls.recordOutcome(agent, { sessionId: session.id, disposition: 'contacted' })
      expect(await sessionEnd(session.id)).toMatchObject({ status: 'in-progress', end_reason: null })
      expect(await agentState(agent)).toBe('available')
      const next = await startNextCall(ringlane, agent)
      expect(await agentState(agent)).toBe('on_call')

      // The first call ends at the provider: its final webhook completes it, and the agent stays on
      // the call they are making now.
      await simulator.hangUp(agent, callId)
      const ended = await waitForStatus(session.id, 'completed')
      expect(ended.end_reason).toBeNull()
      expect(ended.talk_seconds).toBeGreaterThan(0)
      expect(await agentState(agent)).toBe('on_call')
      // The agent's open call is the new one.
      expect(await ringlane.dialing.startCall(agent, next.entry.id)).toMatchObject({
        _tag: 'Started',
        session: { id: next.session.id },
      })
    })

    it('a call left live whose final webhook is also lost is finished by the reconciler without moving the agent', async () => {
      scenario = { outcome: 'answer', ringSeconds: 1, talkSeconds: null, answeredBy: 'human' }
      lost = (kind, params) => kind === 'status' && params.get('CallStatus') === 'completed'
      await addSecondLead()
      const { agent, session } = await claimAndStart()
      const { callId } = await simulator.placeBrowserCall(agent, { ringlaneSession: session.id })
      await waitForStatus(session.id, 'in-progress')
      await ringlane.calls.recordOutcome(agent, { sessionId: session.id, disposition: 'contacted' })
      const next = await startNextCall(ringlane, agent)
      await simulator.hangUp(agent, callId)
      expect(delivered.filter((d) => d.kind === 'lost status')).toHaveLength(1)
      expect((await sessionEnd(session.id))?.status).toBe('in-progress')

      await world.database.query(
        "update call_sessions set started_at = now() - interval '1 hour' where id = $1",
        [session.id],
      )
      expect(await ringlane.calls.reconcile()).toEqual({ checked: 1, updatedFromProvider: 1, timedOut: 0 })
      expect(await sessionEnd(session.id)).toMatchObject({ status: 'completed', end_reason: null })
      expect(await agentState(agent)).toBe('on_call')
      expect((await sessionEnd(next.session.id))?.status).toBe('initiated')
    })
  })
})
