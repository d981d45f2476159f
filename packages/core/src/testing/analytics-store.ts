import { Effect } from 'effect'
import { beforeEach, describe, expect, it } from 'vitest'
import type { AgentStoreService } from '../agents/agent-store.js'
import type { AnalyticsStoreService, RecordingQuery } from '../analytics/analytics-store.js'
import type { MetricsRange } from '../analytics/metrics-range.js'
import { applyCallEvent } from '../calls/call-session.js'
import type { CallStoreService } from '../calls/call-store.js'
import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { RecordingStoreService } from '../recordings/recording-store.js'
import type { CallEvent, CallStatus } from '../telephony/call-event.js'
import { withFixture } from './suite.js'

/** The stores the analytics store reads, on one database: the scenarios write through them. */
export interface AnalyticsStores {
  readonly analytics: AnalyticsStoreService
  readonly agents: AgentStoreService
  readonly calls: CallStoreService
  readonly recordings: RecordingStoreService
}

export interface AnalyticsStoreFixture {
  readonly stores: AnalyticsStores
  /** Marks an account inactive (an admin deactivated it), bypassing the stores under test. */
  readonly deactivateAgent: (agentId: AgentId) => Promise<void>
  /**
   * The call's lead converted at `at`, in the call's queue (which exists, labelled "New claims"),
   * written bypassing the stores under test.
   */
  readonly convertLead: (sessionId: string, at: Date) => Promise<void>
  /** A link was sent on the call, and opened and completed (signed, uploaded) at those times, or not. */
  readonly sendLink: (sessionId: string, opened: Date | null, completed: Date | null) => Promise<void>
  /** Empties the store between tests. */
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const utc = (iso: string) => new Date(`${iso}Z`)
const seconds = (at: Date, n: number) => new Date(+at + n * 1000)

/** A call as the scenarios describe it: when it started (UTC), whether and when it was answered, how it ended. */
interface CallPlan {
  readonly agentId: AgentId
  readonly startedAt: Date
  /** The number called (default +447700900123). */
  readonly phone?: string
  /** Seconds after the start. */
  readonly answeredAfter?: number
  /** Talk seconds the provider reports when the call ends; absent: the call has not ended. */
  readonly talk?: number
  /** The status it ends with; `completed` when answered, `no-answer` otherwise. A call not ended rings, or is in progress once answered. */
  readonly endStatus?: CallStatus
  readonly outcome?: {
    readonly disposition: string
    /** Seconds after the call ended (after its start when it has not ended). */
    readonly after: number
    readonly callback?: boolean
  }
}

/**
 * The contract every analytics store meets. Call it once from the adapter's test file with a setup
 * that returns fresh, migrated stores on a real engine. Every expected figure below is worked out by
 * hand from the calls each test makes, from the definitions in `AnalyticsStoreService`.
 */
export const describeAnalyticsStoreConformance = (
  name: string,
  setup: () => Promise<AnalyticsStoreFixture>,
) =>
  describe(`AnalyticsStore conformance: ${name}`, () => {
    let fixture: AnalyticsStoreFixture
    let stores: AnalyticsStores
    let leads = 0

    withFixture(setup, (opened) => {
      fixture = opened
      stores = fixture.stores
    })
    beforeEach(async () => {
      leads = 0
    })

    const newAgent = async (displayName: string, role: 'agent' | 'supervisor' = 'agent') =>
      (
        await run(
          stores.agents.createAgent({
            email: `${displayName.toLowerCase()}@example.com`,
            displayName,
            role,
            queueIds: [],
            passwordHash: null,
          }),
        )
      ).id

    const event = (session: string, status: CallStatus, at: Date, durationSeconds: number | null = null) =>
      ({
        providerCallId: `CA${session}`,
        sessionId: session,
        status,
        occurredAt: at,
        answeredBy: status === 'in-progress' ? 'human' : null,
        durationSeconds,
        errorCode: null,
      }) satisfies CallEvent

    /** Opens a session and drives it through the events the plan describes, then records its outcome. */
    const call = async (plan: CallPlan) => {
      const leadId = `lead-${++leads}` as LeadId
      const entryId = globalThis.crypto.randomUUID()
      const session = await run(
        stores.calls.createSession({
          agentId: plan.agentId,
          leadId,
          queueId: 'new_claims' as QueueId,
          entryId,
          phone: (plan.phone ?? '+447700900123') as E164,
          provider: 'simulator',
          startedAt: plan.startedAt,
        }),
      )
      const events: CallEvent[] = [event(session.id, 'ringing', seconds(plan.startedAt, 1))]
      const answeredAt = plan.answeredAfter === undefined ? null : seconds(plan.startedAt, plan.answeredAfter)
      if (answeredAt) events.push(event(session.id, 'in-progress', answeredAt))
      let endedAt: Date | null = null
      if (plan.talk !== undefined) {
        endedAt = seconds(answeredAt ?? seconds(plan.startedAt, 30), answeredAt ? plan.talk : 0)
        const status = plan.endStatus ?? (answeredAt ? 'completed' : 'no-answer')
        events.push(event(session.id, status, endedAt, plan.talk))
      }
      for (const e of events) {
        await run(stores.calls.updateSession(session.id, e, (current) => applyCallEvent(current, e)))
      }
      if (plan.outcome) {
        const recordedAt = seconds(endedAt ?? plan.startedAt, plan.outcome.after)
        await run(
          stores.calls.recordOutcome({
            sessionId: session.id,
            agentId: plan.agentId,
            leadId,
            queueId: 'new_claims' as QueueId,
            entryId,
            disposition: plan.outcome.disposition,
            notes: null,
            contact: answeredAt !== null,
            nextCallAfter: null,
            conversion: null,
            callback: plan.outcome.callback
              ? {
                  leadId,
                  phone: '+447700900123' as E164,
                  ownerAgentId: plan.agentId,
                  dueAt: seconds(recordedAt, 86_400),
                  notes: null,
                  createdBy: plan.agentId,
                }
              : null,
            optOut: null,
            recordedAt,
          }),
        )
      }
      return session.id
    }

    describe('call metrics', () => {
      // June: London is on summer time (UTC+1), so its days and hours are not UTC's.
      const london: MetricsRange = { from: '2026-06-10', to: '2026-06-11', timeZone: 'Europe/London' }
      let ann: AgentId
      let bob: AgentId

      /**
       * In London's 10 and 11 June: calls 1-4. Call 1 is 9 June in UTC, call 5 is 12 June in London
       * and call 6 is 9 June in London.
       */
      const sixCalls = async () => {
        ann = await newAgent('Ann')
        bob = await newAgent('Bob')
        // 1: London 00:30 on the 10th. Answered after 10 s, 60 s of talk, outcome 30 s after: handle 90.
        await call({
          agentId: ann,
          startedAt: utc('2026-06-09T23:30:00'),
          answeredAfter: 10,
          talk: 60,
          outcome: { disposition: 'sale', after: 30 },
        })
        // 2: London 09:00 on the 10th. Not answered (0 s of talk), outcome 10 s after: handle 10.
        await call({
          agentId: ann,
          startedAt: utc('2026-06-10T08:00:00'),
          talk: 0,
          outcome: { disposition: 'no_answer', after: 10 },
        })
        // 3: London 13:00 on the 11th. 120 s of talk, outcome 20 s after, booking a callback: handle 140.
        await call({
          agentId: bob,
          startedAt: utc('2026-06-11T12:00:00'),
          answeredAfter: 5,
          talk: 120,
          outcome: { disposition: 'callback', after: 20, callback: true },
        })
        // 4: London 23:30 on the 11th. 30 s of talk, no outcome.
        await call({ agentId: bob, startedAt: utc('2026-06-11T22:30:00'), answeredAfter: 5, talk: 30 })
        // 5: London 00:30 on the 12th: after the range.
        await call({
          agentId: bob,
          startedAt: utc('2026-06-11T23:30:00'),
          answeredAfter: 5,
          talk: 45,
          outcome: { disposition: 'sale', after: 5 },
        })
        // 6: London 23:30 on the 9th: before the range.
        await call({
          agentId: ann,
          startedAt: utc('2026-06-09T22:30:00'),
          answeredAfter: 5,
          talk: 15,
          outcome: { disposition: 'sale', after: 5 },
        })
      }

      it('sums the calls that started in the range, read in its zone', async () => {
        await sixCalls()
        const metrics = await run(stores.analytics.callMetrics(london))
        expect(metrics.summary).toEqual({
          calls: 4,
          connected: 3,
          connectRate: 0.75,
          // 60 + 0 + 120 + 30
          talkSeconds: 210,
          // (60 + 120 + 30) / 3, over the answered calls
          averageTalkSeconds: 70,
          // (90 + 10 + 140) / 3, over the calls with an outcome
          averageHandleSeconds: 80,
          outcomes: 3,
        })
        // Most frequent first, then by name: here one each.
        expect(metrics.outcomes).toEqual([
          { disposition: 'callback', count: 1 },
          { disposition: 'no_answer', count: 1 },
          { disposition: 'sale', count: 1 },
        ])
      })

      it('counts by hour and by day of the zone, every hour and day present', async () => {
        await sixCalls()
        const metrics = await run(stores.analytics.callMetrics(london))
        const busy: Record<number, { calls: number; connected: number }> = {
          0: { calls: 1, connected: 1 },
          9: { calls: 1, connected: 0 },
          13: { calls: 1, connected: 1 },
          23: { calls: 1, connected: 1 },
        }
        expect(metrics.hourly).toEqual(
          Array.from({ length: 24 }, (_, hour) => ({ hour, ...(busy[hour] ?? { calls: 0, connected: 0 }) })),
        )
        expect(metrics.daily).toEqual([
          { day: '2026-06-10', calls: 2, connected: 1 },
          { day: '2026-06-11', calls: 2, connected: 2 },
        ])
      })

      it('figures each agent who called, most calls first, then by name', async () => {
        await sixCalls()
        const metrics = await run(stores.analytics.callMetrics(london))
        expect(metrics.agents).toEqual([
          {
            agentId: ann,
            displayName: 'Ann',
            calls: 2,
            connected: 1,
            connectRate: 0.5,
            talkSeconds: 60,
            // (90 + 10) / 2
            averageHandleSeconds: 50,
            callbacks: 0,
          },
          {
            agentId: bob,
            displayName: 'Bob',
            calls: 2,
            connected: 2,
            connectRate: 1,
            talkSeconds: 150,
            // Only call 3 has an outcome.
            averageHandleSeconds: 140,
            callbacks: 1,
          },
        ])
      })

      it('reads the same calls in another zone', async () => {
        await sixCalls()
        // UTC's 10 and 11 June hold calls 2, 3, 4 and 5.
        const metrics = await run(
          stores.analytics.callMetrics({ from: '2026-06-10', to: '2026-06-11', timeZone: 'UTC' }),
        )
        expect(metrics.summary).toMatchObject({ calls: 4, connected: 3, talkSeconds: 195, outcomes: 3 })
        expect(metrics.daily).toEqual([
          { day: '2026-06-10', calls: 1, connected: 0 },
          { day: '2026-06-11', calls: 3, connected: 3 },
        ])
        expect(metrics.hourly.filter((h) => h.calls > 0).map((h) => h.hour)).toEqual([8, 12, 22, 23])
        expect(metrics.agents.map((a) => [a.displayName, a.calls])).toEqual([
          ['Bob', 3],
          ['Ann', 1],
        ])
      })

      it('answers zeros, not nothing, for a quiet range', async () => {
        await sixCalls()
        const metrics = await run(
          stores.analytics.callMetrics({ from: '2026-01-01', to: '2026-01-03', timeZone: 'Europe/London' }),
        )
        expect(metrics).toEqual({
          summary: {
            calls: 0,
            connected: 0,
            connectRate: 0,
            talkSeconds: 0,
            averageTalkSeconds: 0,
            averageHandleSeconds: 0,
            outcomes: 0,
          },
          outcomes: [],
          hourly: Array.from({ length: 24 }, (_, hour) => ({ hour, calls: 0, connected: 0 })),
          daily: ['2026-01-01', '2026-01-02', '2026-01-03'].map((day) => ({ day, calls: 0, connected: 0 })),
          agents: [],
        })
      })

      it('never counts wrap-up as negative when the outcome came before the call ended', async () => {
        const cat = await newAgent('Cat')
        const start = utc('2026-06-10T10:00:00')
        // The outcome is saved 10 s in, while the call is still up; it ends at 52 s with 50 s of talk.
        const id = await call({
          agentId: cat,
          startedAt: start,
          answeredAfter: 2,
          outcome: { disposition: 'sale', after: 10 },
        })
        const end = event(id, 'completed', seconds(start, 52), 50)
        await run(stores.calls.updateSession(id, end, (current) => applyCallEvent(current, end)))
        const metrics = await run(stores.analytics.callMetrics(london))
        // Handle time is the talk alone: 50 + max(0, 10 - 52).
        expect(metrics.summary).toMatchObject({
          calls: 1,
          connected: 1,
          talkSeconds: 50,
          outcomes: 1,
          averageHandleSeconds: 50,
        })
      })
    })

    describe('range bounds', () => {
      it('gives the instants a range of days covers in its zone, across a clock change', async () => {
        // London's clocks go forward at 01:00 UTC on 29 March 2026: that day is 23 hours long.
        expect(
          await run(
            stores.analytics.rangeBounds({ from: '2026-03-29', to: '2026-03-29', timeZone: 'Europe/London' }),
          ),
        ).toEqual({ since: utc('2026-03-29T00:00:00'), until: utc('2026-03-29T23:00:00') })
        expect(
          await run(
            stores.analytics.rangeBounds({
              from: '2026-01-15',
              to: '2026-01-16',
              timeZone: 'America/New_York',
            }),
          ),
        ).toEqual({ since: utc('2026-01-15T05:00:00'), until: utc('2026-01-17T05:00:00') })
      })
    })

    describe('the live floor', () => {
      it('lists active agents with their states, by name; never seen is offline', async () => {
        const zed = await newAgent('Zed')
        const ann = await newAgent('Ann')
        await newAgent('Sue', 'supervisor')
        const dan = await newAgent('Dan')
        await fixture.deactivateAgent(dan)
        const since = utc('2026-06-10T09:00:00')
        await run(stores.agents.setAgentState(ann, 'offline', { state: 'paused', reason: 'lunch' }, since))
        expect(await run(stores.analytics.agentsOnFloor())).toEqual([
          { agentId: ann, displayName: 'Ann', state: 'paused', reason: 'lunch', since },
          { agentId: zed, displayName: 'Zed', state: 'offline', reason: null, since: null },
        ])
      })

      it('lists calls not ended, without an outcome, started after the cutoff, oldest first', async () => {
        const ann = await newAgent('Ann')
        const bob = await newAgent('Bob')
        const cutoff = utc('2026-06-10T06:00:00')
        const ringing = await call({ agentId: ann, startedAt: utc('2026-06-10T10:00:00') })
        const talking = await call({ agentId: bob, startedAt: utc('2026-06-10T09:00:00'), answeredAfter: 4 })
        // Its outcome is recorded: over for its agent, whatever the provider says.
        await call({
          agentId: ann,
          startedAt: utc('2026-06-10T09:30:00'),
          answeredAfter: 4,
          outcome: { disposition: 'sale', after: 60 },
        })
        // Ended.
        await call({ agentId: bob, startedAt: utc('2026-06-10T09:40:00'), answeredAfter: 4, talk: 20 })
        // Started before the cutoff: stale, the reconciliation job's business.
        await call({ agentId: ann, startedAt: utc('2026-06-10T05:00:00') })
        expect(await run(stores.analytics.openCalls(cutoff))).toEqual([
          {
            sessionId: talking,
            agentId: bob,
            agentName: 'Bob',
            leadId: 'lead-2',
            queueId: 'new_claims',
            status: 'in-progress',
            startedAt: utc('2026-06-10T09:00:00'),
            answeredAt: utc('2026-06-10T09:00:04'),
          },
          {
            sessionId: ringing,
            agentId: ann,
            agentName: 'Ann',
            leadId: 'lead-1',
            queueId: 'new_claims',
            status: 'ringing',
            startedAt: utc('2026-06-10T10:00:00'),
            answeredAt: null,
          },
        ])
      })
    })

    describe('recording search', () => {
      let recordings = 0
      const record = async (sessionId: string | null, recordedAt: Date) =>
        (
          await run(
            stores.recordings.addRecording(
              {
                provider: 'simulator',
                providerRecordingId: `RE${++recordings}`,
                providerCallId: `CA${recordings}`,
                sessionId,
                status: 'fetching',
                mediaUrl: null,
                durationSeconds: 42,
                channels: 2,
                failureReason: null,
                recordedAt,
              },
              recordedAt,
            ),
          )
        ).recording.id
      const query = (extra: Partial<RecordingQuery> = {}): RecordingQuery => ({
        from: undefined,
        to: undefined,
        timeZone: 'Europe/London',
        agentId: undefined,
        disposition: undefined,
        number: undefined,
        limit: 100,
        ...extra,
      })
      const found = async (extra: Partial<RecordingQuery> = {}) =>
        (await run(stores.analytics.searchRecordings(query(extra)))).map((r) => r.recordingId)

      /** r1: Ann's call with an outcome, 10 June in London; r2: Bob's, 11 June in London but 10 June in UTC; r3: no call. */
      const threeRecordings = async () => {
        const ann = await newAgent('Ann')
        const bob = await newAgent('Bob')
        const annCall = await call({
          agentId: ann,
          startedAt: utc('2026-06-10T09:00:00'),
          answeredAfter: 5,
          talk: 60,
          outcome: { disposition: 'sale', after: 10 },
        })
        const bobCall = await call({
          agentId: bob,
          phone: '+447700900456',
          startedAt: utc('2026-06-10T23:25:00'),
          answeredAfter: 5,
          talk: 60,
        })
        const r1 = await record(annCall, utc('2026-06-10T09:05:00'))
        const r2 = await record(bobCall, utc('2026-06-10T23:30:00'))
        const r3 = await record(null, utc('2026-06-09T12:00:00'))
        // Deleted by retention: never found.
        const gone = await record(annCall, utc('2026-06-10T09:06:00'))
        await run(stores.recordings.markDeleted(gone, utc('2026-06-12T00:00:00')))
        return { ann, bob, annCall, r1, r2, r3 }
      }

      it('finds recordings not deleted, newest first, with their call, agent and outcome', async () => {
        const { r1, r2, r3 } = await threeRecordings()
        const all = await run(stores.analytics.searchRecordings(query()))
        expect(all.map((r) => r.recordingId)).toEqual([r2, r1, r3])
        expect(all[1]).toEqual({
          recordingId: r1,
          status: 'fetching',
          recordedAt: utc('2026-06-10T09:05:00'),
          durationSeconds: 42,
          failureReason: null,
          phone: '+447700900123',
          leadId: 'lead-1',
          agentName: 'Ann',
          disposition: 'sale',
        })
        expect(all[2]).toMatchObject({
          recordingId: r3,
          phone: null,
          leadId: null,
          agentName: null,
          disposition: null,
        })
        expect(await found({ limit: 1 })).toEqual([r2])
      })

      it('pages by key: each recording once, in order, also those recorded at one instant', async () => {
        const { r1, r2, r3 } = await threeRecordings()
        const sameInstant = [
          await record(null, utc('2026-06-10T09:05:00')),
          await record(null, utc('2026-06-10T09:05:00')),
        ]
        const all = await found()
        expect(new Set(all)).toEqual(new Set([r1, r2, r3, ...sameInstant]))
        const seen: string[] = []
        let after: RecordingQuery['after'] = null
        for (let page = 0; page < 10; page++) {
          const rows: ReadonlyArray<{ recordingId: string; recordedAt: Date }> = await run(
            stores.analytics.searchRecordings(query({ after, limit: 2 })),
          )
          if (rows.length === 0) break
          seen.push(...rows.map((r) => r.recordingId))
          const last = rows.at(-1)
          after = last ? { at: last.recordedAt, id: last.recordingId } : null
        }
        expect(seen).toEqual(all)
      })

      it('reads the days in the zone, each bound optional', async () => {
        const { r1, r2, r3 } = await threeRecordings()
        expect(await found({ from: '2026-06-11' })).toEqual([r2])
        expect(await found({ to: '2026-06-10' })).toEqual([r1, r3])
        expect(await found({ from: '2026-06-10', to: '2026-06-10', timeZone: 'UTC' })).toEqual([r2, r1])
      })

      it('filters by agent, outcome and number, whole or in part', async () => {
        const { ann, r1, r2 } = await threeRecordings()
        expect(await found({ agentId: ann })).toEqual([r1])
        expect(await found({ disposition: 'sale' })).toEqual([r1])
        expect(await found({ number: { _tag: 'Whole', e164: '+447700900456' } })).toEqual([r2])
        expect(await found({ number: { _tag: 'Part', digits: '0456' } })).toEqual([r2])
        expect(await found({ number: { _tag: 'Part', digits: '447700900' } })).toEqual([r2, r1])
        expect(await found({ number: { _tag: 'Whole', e164: '+447700900999' } })).toEqual([])
      })
    })
    describe('intelligence', () => {
      const day: MetricsRange = { from: '2026-06-10', to: '2026-06-10', timeZone: 'UTC' }

      it('counts outcomes with how the calls ended, actions and conversions, by queue, campaign, agent and hour', async () => {
        const ann = await newAgent('Ann')
        const bob = await newAgent('Bob')
        // 1: Ann, 09:10, answered, a sale; the link sent on it was opened and signed, and the lead
        // converted at 09:30. An action and a conversion.
        const first = await call({
          agentId: ann,
          startedAt: utc('2026-06-10T09:10:00'),
          answeredAfter: 5,
          talk: 60,
          outcome: { disposition: 'sale', after: 10 },
        })
        await fixture.sendLink(first, utc('2026-06-10T09:20:00'), utc('2026-06-10T09:25:00'))
        await fixture.convertLead(first, utc('2026-06-10T09:30:00'))
        // 2: Ann, 09:40, not answered. Its lead converted at 08:00, before the call: not the call's doing.
        const second = await call({
          agentId: ann,
          startedAt: utc('2026-06-10T09:40:00'),
          talk: 0,
          outcome: { disposition: 'no_answer', after: 5 },
        })
        await fixture.convertLead(second, utc('2026-06-10T08:00:00'))
        // 3: Bob, 14:00, answered, a callback booked: an action.
        await call({
          agentId: bob,
          startedAt: utc('2026-06-10T14:00:00'),
          answeredAfter: 5,
          talk: 120,
          outcome: { disposition: 'callback', after: 20, callback: true },
        })
        // 4: Bob, 14:30, answered, no outcome yet; the link sent on it was opened, not completed: an action.
        const fourth = await call({
          agentId: bob,
          startedAt: utc('2026-06-10T14:30:00'),
          answeredAfter: 5,
          talk: 30,
        })
        await fixture.sendLink(fourth, utc('2026-06-10T14:40:00'), null)
        // 5: the next day: outside the range.
        const fifth = await call({
          agentId: bob,
          startedAt: utc('2026-06-11T00:10:00'),
          answeredAfter: 5,
          talk: 30,
          outcome: { disposition: 'sale', after: 5, callback: true },
        })
        await fixture.sendLink(fifth, utc('2026-06-11T00:20:00'), utc('2026-06-11T00:30:00'))

        const figures = await run(stores.analytics.intelligence(day))
        expect(figures.summary).toEqual({
          calls: 4,
          connected: 3,
          actions: 3,
          callbacks: 1,
          linksOpened: 2,
          linksCompleted: 1,
          leads: 4,
          conversions: 1,
        })
        expect(figures.outcomes).toEqual([
          { outcome: 'callback', reason: 'completed', count: 1 },
          { outcome: 'no_answer', reason: 'no-answer', count: 1 },
          { outcome: 'sale', reason: 'completed', count: 1 },
          { outcome: null, reason: 'completed', count: 1 },
        ])
        expect(figures.byAgent).toEqual([
          { key: ann, label: 'Ann', calls: 2, connected: 1, actions: 1, leads: 2, conversions: 1 },
          { key: bob, label: 'Bob', calls: 2, connected: 2, actions: 2, leads: 2, conversions: 0 },
        ])
        expect(figures.byQueue).toEqual([
          {
            key: 'new_claims',
            label: 'New claims',
            calls: 4,
            connected: 3,
            actions: 3,
            leads: 4,
            conversions: 1,
          },
        ])
        expect(figures.byCampaign).toEqual([
          { key: '', label: 'No campaign', calls: 4, connected: 3, actions: 3, leads: 4, conversions: 1 },
        ])
        expect(figures.byHour).toHaveLength(24)
        expect(figures.byHour[9]).toEqual({
          key: '9',
          label: '09:00',
          calls: 2,
          connected: 1,
          actions: 1,
          leads: 2,
          conversions: 1,
        })
        expect(figures.byHour[14]).toMatchObject({ calls: 2, connected: 2, actions: 2, conversions: 0 })
        expect(figures.byHour.filter((h) => h.calls > 0).map((h) => h.key)).toEqual(['9', '14'])
      })

      it('answers zeros for a quiet range', async () => {
        const figures = await run(stores.analytics.intelligence(day))
        expect(figures.summary).toEqual({
          calls: 0,
          connected: 0,
          actions: 0,
          callbacks: 0,
          linksOpened: 0,
          linksCompleted: 0,
          leads: 0,
          conversions: 0,
        })
        expect(figures.outcomes).toEqual([])
        expect(figures.byAgent).toEqual([])
        expect(figures.byHour.every((h) => h.calls === 0)).toBe(true)
      })
    })
  })
