import { Effect, Option, Schema } from 'effect'
import { beforeEach, describe, expect, it } from 'vitest'
import { applyCallEvent, type CallSession } from '../calls/call-session.js'
import {
  AI_AGENT_HOLDS,
  type CallLogItem,
  type CallLogQuery,
  type CallStoreService,
  EVERY_CALL,
  type NewCallSession,
  type OutcomeRecord,
  type RecordedOutcome,
  type SessionUpdate,
} from '../calls/call-store.js'
import { ATTEMPT_HISTORY_DAYS } from '../compliance/contact-decision.js'
import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { LeadActivity, NewCallback } from '../leads/contact-history.js'
import { QueueSettings } from '../queues/queue-definition.js'
import type { CallEvent, CallStatus } from '../telephony/call-event.js'
import { isTerminal } from '../telephony/call-event.js'
import type { DiallerStores } from './dialler-stores.js'
import { withFixture } from './suite.js'

/** A provider event as stored: everything the provider said, without the session it named. */
export type StoredCallEvent = Omit<CallEvent, 'sessionId'>

/** A callback as stored, and whether it is still owed (pending). */
export interface StoredCallback extends NewCallback {
  readonly id: string
  readonly pending: boolean
}

export interface StoredConversion {
  readonly queueId: string
  readonly entryId: string | null
  readonly detail: string
  readonly convertedAt: Date
}

/** The writes an outcome or a new session implies, any of which the inspector can make fail. */
export type CallStoreWrite = 'lead activity' | 'callbacks' | 'conversions' | 'opt-outs' | 'queue entries'

/** Reads what the store really wrote, bypassing the adapter under test (raw queries). */
export interface CallStoreInspector {
  /** The session as stored, or undefined. */
  readonly session: (sessionId: string) => Promise<CallSession | undefined>
  readonly sessionCount: () => Promise<number>
  /** A session's provider events as stored, in the order they happened. */
  readonly events: (sessionId: string) => Promise<ReadonlyArray<StoredCallEvent>>
  readonly eventCount: () => Promise<number>
  /** The lead's activity as stored (recent attempts oldest first), or undefined when there is none. */
  readonly leadActivity: (leadId: string) => Promise<LeadActivity | undefined>
  /** Every outcome stored for a session. */
  readonly outcomes: (sessionId: string) => Promise<ReadonlyArray<RecordedOutcome>>
  readonly outcomeCount: () => Promise<number>
  /** A lead's callbacks as stored, oldest due first. */
  readonly callbacks: (leadId: string) => Promise<ReadonlyArray<StoredCallback>>
  readonly conversions: (leadId: string) => Promise<ReadonlyArray<StoredConversion>>
  readonly optedOut: (phone: string) => Promise<boolean>
  /** A queue entry's status as stored (`waiting`, `claimed`, `done`, `skipped`), or undefined. */
  readonly entryStatus: (entryId: string) => Promise<string | undefined>
  /**
   * Makes every write of this kind fail (a trigger, a constraint) until the returned function is
   * called, so the suite can see that what is written together is written together or not at all.
   */
  readonly refuseWrites: (write: CallStoreWrite) => Promise<() => Promise<void>>
}

export interface CallStoreFixture {
  readonly store: CallStoreService
  /**
   * The dialler stores on the same database: the suite makes agents, queue entries and callbacks
   * with them, and reads suppression and contact history through them.
   */
  readonly dialler: DiallerStores
  /** Another call store on the same database, as a second instance of the app has. */
  readonly anotherInstance: () => Promise<CallStoreService>
  readonly inspect: CallStoreInspector
  /** Empties the store between tests. */
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 20, 10, minute, second))
const phone = (lead: string) => `+447700900${lead.padStart(3, '0')}` as E164
/** A callback on `lead`'s number, asked for by `agent` for themself. */
const callbackFor = (
  lead: string,
  agent: AgentId,
  dueAt: Date,
  notes: string | null = null,
): NewCallback => ({
  leadId: lead as LeadId,
  phone: phone(lead),
  ownerAgentId: agent,
  dueAt,
  notes,
  createdBy: agent,
})
const missingId = '00000000-0000-4000-8000-00000000dead'
const queueId = 'first' as QueueId

const event = (
  providerCallId: string,
  status: CallStatus,
  occurredAt: Date,
  extra: Partial<CallEvent> = {},
): CallEvent => ({
  providerCallId,
  sessionId: null,
  status,
  occurredAt,
  answeredBy: null,
  durationSeconds: null,
  errorCode: null,
  ...extra,
})
const stored = ({ sessionId: _, ...rest }: CallEvent): StoredCallEvent => rest

/** Every status of an answered call, each delivered twice, and a late "ringing": in a scrambled order. */
const scrambledEvents = (providerCallId: string, seed: number) => {
  const events = [
    event(providerCallId, 'initiated', at(0, 0)),
    event(providerCallId, 'queued', at(0, 1)),
    event(providerCallId, 'ringing', at(0, 2)),
    event(providerCallId, 'in-progress', at(0, 7), { answeredBy: 'human' }),
    event(providerCallId, 'completed', at(0, 49), { durationSeconds: 42 }),
  ]
  const sent = [...events, ...events, event(providerCallId, 'ringing', at(0, 3))]
  let state = seed
  for (let i = sent.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648
    const j = state % (i + 1)
    ;[sent[i], sent[j]] = [sent[j] as CallEvent, sent[i] as CallEvent]
  }
  return sent
}

const some = <A>(option: Option.Option<A>): A => {
  if (Option.isNone(option)) throw new Error('expected Some, got None')
  return option.value
}

/**
 * The contract every call store meets. Call it once from the adapter's test file with a setup that
 * returns a fresh, migrated store on a real engine, with the dialler stores on the same database.
 */
export const describeCallStoreConformance = (name: string, setup: () => Promise<CallStoreFixture>) =>
  describe(`CallStore conformance: ${name}`, () => {
    let fixture: CallStoreFixture
    let calls: CallStoreService
    let dialler: DiallerStores
    let ann: AgentId
    let bob: AgentId
    let entries = 0
    // A session's entry need not exist unless its outcome is to finish it.
    const entryId = () => `00000000-0000-4000-8000-${String(++entries).padStart(12, '0')}`
    const newAgent = async (email: string) =>
      (
        await run(
          dialler.agents.createAgent({
            email,
            displayName: email,
            role: 'agent',
            queueIds: [],
            passwordHash: null,
          }),
        )
      ).id
    const newSession = (lead: string, extra: Partial<NewCallSession> = {}): NewCallSession => ({
      agentId: ann,
      leadId: lead as LeadId,
      queueId,
      entryId: entryId(),
      phone: phone(lead),
      provider: 'twilio',
      startedAt: at(0),
      ...extra,
    })
    const open = (lead: string, extra: Partial<NewCallSession> = {}) =>
      run(calls.createSession(newSession(lead, extra)))
    /** The agent holds a queue entry for the lead, as when the dialler places a call. */
    const holdEntry = async (agentId: AgentId, lead: string, callbackId: string | null = null) => {
      await run(
        dialler.queues.replaceQueueEntries(queueId, [
          {
            leadId: lead as LeadId,
            phone: phone(lead),
            score: 1,
            reasons: [],
            leadCreatedAt: at(0),
            reservedFor: callbackId === null ? null : agentId,
            callbackId,
          },
        ]),
      )
      const held = some(await run(dialler.queues.claimNextEntry(agentId, [queueId], at(0))))
      expect(held.leadId).toBe(lead)
      return held
    }
    /** A call placed from a held entry, its session open. */
    const placeCall = async (agentId: AgentId, lead: string, callbackId: string | null = null) => {
      const held = await holdEntry(agentId, lead, callbackId)
      const session = await open(lead, { agentId, entryId: held.id })
      return { entry: held, session }
    }
    const agentOf = (session: CallSession) => {
      if (session.agentId === null) throw new Error('these calls are placed by an agent')
      return session.agentId
    }
    const outcomeOf = (session: CallSession, extra: Partial<OutcomeRecord> = {}): OutcomeRecord => ({
      sessionId: session.id,
      agentId: agentOf(session),
      leadId: session.leadId,
      queueId: session.queueId,
      entryId: session.entryId,
      disposition: 'contacted',
      notes: null,
      contact: true,
      nextCallAfter: null,
      conversion: null,
      callback: null,
      optOut: null,
      recordedAt: at(30),
      ...extra,
    })
    const end = (session: CallSession, second = 50) => {
      const e = event(`CA-${session.id}`, 'completed', at(0, second), { durationSeconds: 5 })
      return run(calls.updateSession(session.id, e, (s) => applyCallEvent(s, e)))
    }

    withFixture(setup, (opened) => {
      fixture = opened
      calls = fixture.store
      dialler = fixture.dialler
    })
    beforeEach(async () => {
      await run(
        dialler.queues.saveQueueSettings([
          Schema.decodeUnknownSync(QueueSettings)({
            id: queueId,
            label: 'First',
            kind: 'source',
            priority: 1,
          }),
        ]),
      )
      ann = await newAgent('ann@example.com')
      bob = await newAgent('bob@example.com')
    })

    describe('sessions', () => {
      it('opens a session as placed, not yet heard of by the provider, and counts the attempt on the lead', async () => {
        const entry = entryId()
        const session = await run(
          calls.createSession({
            agentId: ann,
            leadId: '7' as LeadId,
            queueId,
            entryId: entry,
            phone: phone('7'),
            provider: 'twilio',
            startedAt: at(0),
          }),
        )
        expect(session).toEqual({
          id: expect.any(String),
          agentId: ann,
          campaignId: null,
          direction: 'outbound',
          leadId: '7',
          queueId,
          entryId: entry,
          phone: phone('7'),
          provider: 'twilio',
          providerCallId: null,
          status: 'initiated',
          answeredBy: null,
          startedAt: at(0),
          ringingAt: null,
          answeredAt: null,
          endedAt: null,
          ringSeconds: null,
          talkSeconds: null,
          endReason: null,
        })
        expect(await fixture.inspect.session(session.id)).toEqual(session)
        expect(await fixture.inspect.leadActivity('7')).toEqual({
          leadId: '7',
          lastContactAt: null,
          attemptsTotal: 1,
          recentAttempts: [at(0)],
          lastOutcome: null,
          nextCallAfter: null,
        })
        // Two sessions are two sessions, even for the same lead and entry.
        const again = await open('7', { entryId: entry, startedAt: at(5) })
        expect(again.id).not.toBe(session.id)
        expect(await fixture.inspect.sessionCount()).toBe(2)
        expect(await fixture.inspect.leadActivity('7')).toMatchObject({
          attemptsTotal: 2,
          recentAttempts: [at(0), at(5)],
        })
        expect(await fixture.inspect.leadActivity('8')).toBeUndefined()
      })

      it('keeps when each recent attempt was made, across midnight, and forgets those past the history kept', async () => {
        const times = ['2026-11-20T23:30:00Z', '2026-11-20T23:59:59Z', '2026-11-21T00:10:00Z'].map(
          (iso) => new Date(iso),
        )
        for (const startedAt of times) await open('7', { startedAt })
        // Days are the lead's to count, in their zone: the store keeps the instants.
        expect(await fixture.inspect.leadActivity('7')).toMatchObject({
          attemptsTotal: 3,
          recentAttempts: times,
        })
        // A call more than the kept history later: the old attempts go, the total goes on.
        const later = new Date(+(times[2] as Date) + (ATTEMPT_HISTORY_DAYS + 1) * 86_400_000)
        await open('7', { startedAt: later })
        expect(await fixture.inspect.leadActivity('7')).toMatchObject({
          attemptsTotal: 4,
          recentAttempts: [later],
        })
        // Other activity of the lead is not touched by counting.
        await run(calls.recordOutcome(outcomeOf(await open('8'), { recordedAt: at(3) })))
        await open('8', { startedAt: at(4) })
        expect(await fixture.inspect.leadActivity('8')).toMatchObject({
          attemptsTotal: 2,
          lastContactAt: at(3),
          lastOutcome: 'contacted',
        })
      })

      it('opens no session when the attempt cannot be counted', async () => {
        const restore = await fixture.inspect.refuseWrites('lead activity')
        try {
          const error = await run(Effect.flip(calls.createSession(newSession('7'))))
          expect(error._tag).toBe('CallStoreError')
        } finally {
          await restore()
        }
        expect(await fixture.inspect.sessionCount()).toBe(0)
        expect(await fixture.inspect.leadActivity('7')).toBeUndefined()
        expect((await open('7')).status).toBe('initiated')
      })

      it('finds a session by id and by its provider call, and nothing for ids it does not have', async () => {
        const session = await open('7')
        expect(some(await run(calls.findSession(session.id)))).toEqual(session)
        expect(Option.isNone(await run(calls.findSessionByProviderCall('CA1')))).toBe(true)
        const ringing = event('CA1', 'ringing', at(0, 2))
        const update = some(
          await run(calls.updateSession(session.id, ringing, (s) => applyCallEvent(s, ringing))),
        )
        expect(update.after.providerCallId).toBe('CA1')
        expect(some(await run(calls.findSessionByProviderCall('CA1')))).toEqual(update.after)
        expect(some(await run(calls.findSession(session.id)))).toEqual(update.after)
        expect(Option.isNone(await run(calls.findSessionByProviderCall('CA2')))).toBe(true)
        expect(Option.isNone(await run(calls.findSession(missingId)))).toBe(true)
        // Ids arrive from webhooks: one that is not even well formed finds nothing.
        expect(Option.isNone(await run(calls.findSession('not-a-session-id')))).toBe(true)
      })

      it("answers an agent's active call: not another agent's, not one ended, not one whose outcome is recorded", async () => {
        expect(Option.isNone(await run(calls.activeSession(ann)))).toBe(true)
        const first = await open('1')
        expect(some(await run(calls.activeSession(ann)))).toEqual(first)
        const bobs = await open('2', { agentId: bob })
        expect(some(await run(calls.activeSession(ann))).id).toBe(first.id)
        expect(some(await run(calls.activeSession(bob))).id).toBe(bobs.id)

        await end(first)
        expect(Option.isNone(await run(calls.activeSession(ann)))).toBe(true)

        const second = await open('3', { startedAt: at(1) })
        expect(some(await run(calls.activeSession(ann))).id).toBe(second.id)
        await run(calls.recordOutcome(outcomeOf(second)))
        // The provider has not said it ended, but the agent has moved on.
        expect((await fixture.inspect.session(second.id))?.status).toBe('initiated')
        expect(Option.isNone(await run(calls.activeSession(ann)))).toBe(true)

        const third = await open('4', { startedAt: at(2) })
        expect(some(await run(calls.activeSession(ann)))).toEqual(third)
        expect(some(await run(calls.activeSession(bob))).id).toBe(bobs.id)
      })

      it("keeps an engine call's campaign, and gives it its agent once; a preview call has no campaign", async () => {
        const preview = await open('21')
        expect(preview).toMatchObject({ agentId: ann, campaignId: null, direction: 'outbound' })
        const engine = await open('22', { agentId: null, campaignId: 'renewals' })
        expect(engine).toMatchObject({ agentId: null, campaignId: 'renewals', direction: 'outbound' })
        expect(some(await run(calls.assignAgent(engine.id, bob))).agentId).toBe(bob)
        // A second answer for the same call cannot take it from the first agent.
        expect(Option.isNone(await run(calls.assignAgent(engine.id, ann)))).toBe(true)
        expect(some(await run(calls.findSession(engine.id))).agentId).toBe(bob)
        expect(Option.isNone(await run(calls.assignAgent(preview.id, bob)))).toBe(true)
        expect(some(await run(calls.findSession(preview.id))).agentId).toBe(ann)
        expect(Option.isNone(await run(calls.assignAgent('not-a-session', bob)))).toBe(true)
      })

      it('gives no agent to an engine call that was abandoned or ended meanwhile; an abandon after the agent changes nothing', async () => {
        const abandoned = await open('41', { agentId: null, campaignId: 'renewals' })
        // The orphan sweep's abandon: the end reason is written while the provider still has the call.
        await run(
          calls.updateSession(abandoned.id, null, (current) =>
            current.agentId === null ? { ...current, endReason: 'abandoned: no agent free' } : current,
          ),
        )
        expect(Option.isNone(await run(calls.assignAgent(abandoned.id, bob)))).toBe(true)
        expect(some(await run(calls.findSession(abandoned.id))).agentId).toBeNull()

        const hungUp = await open('42', { agentId: null, campaignId: 'renewals' })
        await end(hungUp)
        expect(Option.isNone(await run(calls.assignAgent(hungUp.id, bob)))).toBe(true)
        expect(some(await run(calls.findSession(hungUp.id))).agentId).toBeNull()

        // A call an AI agent holds (its mark written while live) goes to the person routing connects
        // after the handoff, and is no longer marked.
        const handedOver = await open('44', { agentId: null, campaignId: 'renewals' })
        await run(
          calls.updateSession(handedOver.id, null, (current) => ({
            ...current,
            endReason: `${AI_AGENT_HOLDS}renewals-ai`,
          })),
        )
        expect(some(await run(calls.assignAgent(handedOver.id, bob)))).toMatchObject({
          agentId: bob,
          endReason: null,
        })

        // The other order: the sweep read the call before its agent came, and abandons from that read.
        const connected = await open('43', { agentId: null, campaignId: 'renewals' })
        const readBySweep = some(await run(calls.findSession(connected.id)))
        expect(some(await run(calls.assignAgent(connected.id, bob))).agentId).toBe(bob)
        const marked = some(
          await run(
            calls.updateSession(readBySweep.id, null, (current) =>
              current.agentId === null ? { ...current, endReason: 'abandoned: no agent free' } : current,
            ),
          ),
        )
        expect(marked.after).toMatchObject({ agentId: bob, endReason: null })
        expect(some(await run(calls.findSession(connected.id)))).toMatchObject({
          agentId: bob,
          endReason: null,
        })
      })

      it('transfers a live call from its agent to another, or back to no agent, once; never an ended call or one with an outcome', async () => {
        const call = await open('31')
        expect(some(await run(calls.transferSession(call.id, ann, bob))).agentId).toBe(bob)
        // Only the agent who has it can pass it on.
        expect(Option.isNone(await run(calls.transferSession(call.id, ann, bob)))).toBe(true)
        expect(some(await run(calls.activeSession(bob))).id).toBe(call.id)
        expect(Option.isNone(await run(calls.activeSession(ann)))).toBe(true)
        // Back to a queue: no agent until routing gives it one.
        expect(some(await run(calls.transferSession(call.id, bob, null))).agentId).toBeNull()
        expect(some(await run(calls.assignAgent(call.id, ann))).agentId).toBe(ann)
        // Later updates keep the agent it was transferred to.
        await run(calls.updateSession(call.id, null, (current) => ({ ...current, endReason: 'noted' })))
        expect(some(await run(calls.findSession(call.id))).agentId).toBe(ann)

        const recorded = await open('32')
        await run(calls.recordOutcome(outcomeOf(recorded)))
        expect(Option.isNone(await run(calls.transferSession(recorded.id, ann, bob)))).toBe(true)
        const ended = await open('33')
        await end(ended)
        expect(Option.isNone(await run(calls.transferSession(ended.id, ann, bob)))).toBe(true)
        expect(Option.isNone(await run(calls.transferSession('not-a-session', ann, bob)))).toBe(true)
      })

      it("lists a campaign's open calls, oldest first: not ended ones, not other campaigns'", async () => {
        const first = await open('23', { agentId: null, campaignId: 'winback', startedAt: at(1) })
        const second = await open('24', { agentId: null, campaignId: 'winback', startedAt: at(2) })
        const ended = await open('25', { agentId: null, campaignId: 'winback', startedAt: at(0) })
        await open('26', { agentId: null, campaignId: 'other', startedAt: at(0) })
        await run(
          calls.updateSession(ended.id, null, (current) => ({
            ...current,
            status: 'no-answer',
            endedAt: at(3),
          })),
        )
        expect((await run(calls.openCampaignCalls('winback'))).map((s) => s.id)).toEqual([
          first.id,
          second.id,
        ])
        expect(await run(calls.openCampaignCalls('nobody'))).toEqual([])
      })

      it("lists a campaign's calls ended since a time, the latest ones, oldest first", async () => {
        const ended = async (digit: string, campaignId: string | null, endedAt: Date) => {
          const session = await open(digit, { agentId: null, campaignId, startedAt: at(0) })
          await run(
            calls.updateSession(session.id, null, (current) => ({
              ...current,
              status: 'completed',
              endedAt,
            })),
          )
          return session.id
        }
        await ended('31', 'winback', at(1))
        const second = await ended('32', 'winback', at(3))
        const third = await ended('33', 'winback', at(2))
        await ended('34', 'other', at(4))
        await ended('35', null, at(4))
        await open('36', { agentId: null, campaignId: 'winback', startedAt: at(5) })
        const ids = async (since: Date, limit: number) =>
          (await run(calls.endedCampaignCalls('winback', since, limit))).map((s) => s.id)
        expect(await ids(at(2), 10)).toEqual([third, second])
        expect(await ids(at(0), 1)).toEqual([second])
        expect(await ids(at(4), 10)).toEqual([])
      })

      it('lists stale sessions: not ended and started before the cutoff, whether or not their outcome is recorded', async () => {
        const open1 = await open('1', { startedAt: at(0) })
        const withOutcome = await open('2', { startedAt: at(1) })
        await run(calls.recordOutcome(outcomeOf(withOutcome)))
        const ended = await open('3', { startedAt: at(2) })
        await end(ended)
        const ringing = await open('4', { startedAt: at(3), agentId: bob })
        const e = event('CA4', 'ringing', at(3, 5))
        await run(calls.updateSession(ringing.id, e, (s) => applyCallEvent(s, e)))
        await open('5', { startedAt: at(10) }) // at the cutoff: not before it
        await open('6', { startedAt: at(20) })

        const stale = await run(calls.staleSessions(at(10)))
        expect(stale.map((s) => s.id).sort()).toEqual([open1.id, withOutcome.id, ringing.id].sort())
        for (const session of stale) expect(session).toEqual(await fixture.inspect.session(session.id))
        expect(await run(calls.staleSessions(at(0)))).toEqual([])
      })
    })

    describe('updates', () => {
      it('applies the transition to the session as stored and appends the event, answering before and after', async () => {
        const session = await open('7')
        const ringing = event('CA1', 'ringing', at(0, 2))
        const seen: CallSession[] = []
        const update = some(
          await run(
            calls.updateSession(session.id, ringing, (current) => {
              seen.push(current)
              return applyCallEvent(current, ringing)
            }),
          ),
        )
        expect(seen.at(-1)).toEqual(session)
        expect(update).toEqual({
          before: session,
          after: { ...session, providerCallId: 'CA1', status: 'ringing', ringingAt: at(0, 2) },
          outcomeRecorded: false,
        })
        expect(await fixture.inspect.session(session.id)).toEqual(update.after)
        expect(await fixture.inspect.events(session.id)).toEqual([stored(ringing)])

        // Every field a transition may change is stored as it returns it; without an event none is kept.
        const settled: CallSession = {
          ...update.after,
          providerCallId: 'CA1-b',
          status: 'failed',
          answeredBy: 'machine',
          ringingAt: at(0, 3),
          answeredAt: at(0, 9),
          endedAt: at(1, 0),
          ringSeconds: 9,
          talkSeconds: 51,
          endReason: 'timed out',
        }
        const next = some(await run(calls.updateSession(session.id, null, () => settled)))
        expect(next).toEqual({ before: update.after, after: settled, outcomeRecorded: false })
        expect(await fixture.inspect.session(session.id)).toEqual(settled)
        expect(some(await run(calls.findSession(session.id)))).toEqual(settled)
        expect(await fixture.inspect.eventCount()).toBe(1)
      })

      it('keeps a provider event once, however often it arrives, also when it changes nothing', async () => {
        const session = await open('7')
        const answered = event('CA1', 'in-progress', at(0, 7), { answeredBy: 'human' })
        const first = some(
          await run(calls.updateSession(session.id, answered, (s) => applyCallEvent(s, answered))),
        )
        expect(first.after.status).toBe('in-progress')
        const again = some(
          await run(calls.updateSession(session.id, answered, (s) => applyCallEvent(s, answered))),
        )
        // Nothing changed: the answer is the session as stored, and the transition's own result.
        expect(again.before).toEqual(first.after)
        expect(again.after).toBe(again.before)
        expect(await fixture.inspect.events(session.id)).toEqual([stored(answered)])

        // A new event is kept even when the transition leaves the session as it is.
        const late = event('CA1', 'ringing', at(0, 3))
        const unchanged = some(await run(calls.updateSession(session.id, late, (s) => s)))
        expect(unchanged.after).toBe(unchanged.before)
        const ended = event('CA1', 'completed', at(0, 49), { durationSeconds: 42 })
        await run(calls.updateSession(session.id, ended, (s) => applyCallEvent(s, ended)))
        await run(calls.updateSession(session.id, ended, (s) => applyCallEvent(s, ended)))
        expect(await fixture.inspect.events(session.id)).toEqual([late, answered, ended].map(stored))
        expect(await fixture.inspect.session(session.id)).toMatchObject({
          status: 'completed',
          answeredBy: 'human',
          answeredAt: at(0, 7),
          endedAt: at(0, 49),
          talkSeconds: 42,
        })
      })

      it('answers None for a session it does not have, writing nothing', async () => {
        const session = await open('7')
        const ringing = event('CA1', 'ringing', at(0, 2))
        for (const id of [missingId, 'not-a-session-id']) {
          expect(await run(calls.updateSession(id, ringing, (s) => applyCallEvent(s, ringing)))).toEqual(
            Option.none(),
          )
          expect(await run(calls.updateSession(id, null, (s) => ({ ...s, endReason: 'x' })))).toEqual(
            Option.none(),
          )
        }
        expect(await fixture.inspect.eventCount()).toBe(0)
        expect(await fixture.inspect.sessionCount()).toBe(1)
        expect(await fixture.inspect.session(session.id)).toEqual(session)
      })

      it('says in every answer whether the call’s outcome is recorded', async () => {
        const session = await open('7')
        const ringing = event('CA1', 'ringing', at(0, 2))
        const first = some(
          await run(calls.updateSession(session.id, ringing, (s) => applyCallEvent(s, ringing))),
        )
        expect(first.outcomeRecorded).toBe(false)
        await run(calls.recordOutcome(outcomeOf(session)))
        const other = await open('8', { startedAt: at(1) })

        const answered = event('CA1', 'in-progress', at(0, 7))
        const second = some(
          await run(calls.updateSession(session.id, answered, (s) => applyCallEvent(s, answered))),
        )
        expect(second).toMatchObject({ after: { status: 'in-progress' }, outcomeRecorded: true })
        expect(some(await run(calls.updateSession(session.id, null, (s) => s))).outcomeRecorded).toBe(true)
        expect(some(await run(calls.updateSession(other.id, null, (s) => s))).outcomeRecorded).toBe(false)
        // From another instance too, which never saw the outcome being written.
        const elsewhere = await fixture.anotherInstance()
        expect(some(await run(elsewhere.updateSession(session.id, null, (s) => s))).outcomeRecorded).toBe(
          true,
        )
      })

      it('loses no update when many run at once on one session, on several instances', async () => {
        const session = await open('7')
        const instances = [calls, await fixture.anotherInstance(), await fixture.anotherInstance()]
        const count = (s: CallSession): CallSession => ({ ...s, talkSeconds: (s.talkSeconds ?? 0) + 1 })
        // A third of them carry a provider event of their own (webhooks), the rest none (the reconciler).
        const updates = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            run(
              (instances[i % instances.length] as CallStoreService).updateSession(
                session.id,
                i % 3 === 0 ? event(`CA-${i}`, 'ringing', at(0, i)) : null,
                count,
              ),
            ),
          ),
        )
        const applied = updates.map((u) => some(u) as SessionUpdate)
        // Each update started from the one before it: no two saw the same session.
        expect(applied.map((u) => u.after.talkSeconds).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
          Array.from({ length: 30 }, (_, i) => i + 1),
        )
        for (const u of applied) expect(u.after.talkSeconds).toBe((u.before.talkSeconds ?? 0) + 1)
        expect((await fixture.inspect.session(session.id))?.talkSeconds).toBe(30)
        expect(await fixture.inspect.eventCount()).toBe(10)
        for (const instance of instances) {
          expect(some(await run(instance.findSession(session.id))).talkSeconds).toBe(30)
        }
      })

      it('ends where applying the events one by one ends when each arrives twice at once, keeping each once', async () => {
        const sessions = await Promise.all(Array.from({ length: 6 }, (_, i) => open(String(i + 1))))
        const instances = [calls, await fixture.anotherInstance()]
        const results = await Promise.all(
          sessions.flatMap((session, i) =>
            scrambledEvents(`CA${i}`, i + 1).map(async (e, j) => ({
              session,
              update: some(
                await run(
                  (instances[j % 2] as CallStoreService).updateSession(session.id, e, (s) =>
                    applyCallEvent(s, e),
                  ),
                ),
              ),
            })),
          ),
        )
        for (const [i, session] of sessions.entries()) {
          const expected = scrambledEvents(`CA${i}`, i + 1).reduce(applyCallEvent, session)
          expect(expected).toMatchObject({ status: 'completed', answeredBy: 'human', talkSeconds: 42 })
          expect(await fixture.inspect.session(session.id)).toEqual(expected)
          expect((await fixture.inspect.events(session.id)).map((e) => e.status)).toEqual([
            'initiated',
            'queued',
            'ringing',
            'in-progress',
            'completed',
          ])
          // Exactly one update saw the call end, so its agent goes to wrap-up once.
          const ends = results.filter(
            (r) =>
              r.session.id === session.id &&
              !isTerminal(r.update.before.status) &&
              isTerminal(r.update.after.status),
          )
          expect(ends).toHaveLength(1)
        }
      })
    })

    describe('outcomes', () => {
      it('records an outcome and all it implies: lead activity, callback, conversion, opt-out, the entry finished', async () => {
        // The call answers a callback the agent was owed.
        const owed = await run(dialler.history.scheduleCallback(callbackFor('7', ann, at(-10), 'owed')))
        const { entry, session } = await placeCall(ann, '7', owed.id)
        const callback = callbackFor('7', ann, new Date('2026-11-22T09:00:00Z'), 'after work')
        const result = await run(
          calls.recordOutcome(
            outcomeOf(session, {
              disposition: 'signed',
              notes: 'happy to go ahead',
              nextCallAfter: callback.dueAt,
              conversion: 'signed on the call',
              callback,
              optOut: phone('7'),
            }),
          ),
        )
        expect(result).toEqual({
          created: true,
          outcome: {
            id: expect.any(String),
            sessionId: session.id,
            agentId: ann,
            disposition: 'signed',
            notes: 'happy to go ahead',
            callbackId: expect.any(String),
            recordedAt: at(30),
          },
        })
        expect(await fixture.inspect.outcomes(session.id)).toEqual([result.outcome])
        expect(some(await run(calls.findOutcome(session.id)))).toEqual(result.outcome)

        expect(await fixture.inspect.leadActivity('7')).toEqual({
          leadId: '7',
          lastContactAt: at(30),
          attemptsTotal: 1,
          recentAttempts: [session.startedAt],
          lastOutcome: 'signed',
          nextCallAfter: callback.dueAt,
        })
        // The new callback is owed; the one this call answered is not any more.
        expect(await fixture.inspect.callbacks('7')).toEqual([
          {
            id: owed.id,
            leadId: '7',
            phone: phone('7'),
            ownerAgentId: ann,
            dueAt: at(-10),
            notes: 'owed',
            createdBy: ann,
            pending: false,
          },
          { ...callback, id: result.outcome.callbackId, pending: true },
        ])
        expect((await run(dialler.history.dueCallbacks(callback.dueAt))).map((c) => c.id)).toEqual([
          result.outcome.callbackId,
        ])
        expect(await fixture.inspect.conversions('7')).toEqual([
          { queueId, entryId: entry.id, detail: 'signed on the call', convertedAt: at(30) },
        ])
        expect([...(await run(dialler.history.convertedLeads(queueId, ['7' as LeadId], at(29))))]).toEqual([
          '7',
        ])
        expect(await fixture.inspect.optedOut(phone('7'))).toBe(true)
        expect([...(await run(dialler.suppression.optedOut([phone('7')])))]).toEqual([phone('7')])
        expect(await fixture.inspect.entryStatus(entry.id)).toBe('done')
        expect(Option.isNone(await run(dialler.queues.heldEntry(ann)))).toBe(true)
      })

      it('writes only what the outcome asks for: no contact, callback, conversion or opt-out unless given', async () => {
        const first = await placeCall(ann, '7')
        await run(calls.recordOutcome(outcomeOf(first.session, { recordedAt: at(10) })))
        const second = await placeCall(ann, '7')
        const result = await run(
          calls.recordOutcome(
            outcomeOf(second.session, {
              disposition: 'no_answer',
              contact: false,
              nextCallAfter: at(90),
              recordedAt: at(20),
            }),
          ),
        )
        expect(result.outcome).toMatchObject({ disposition: 'no_answer', notes: null, callbackId: null })
        // The last contact stays the one when a person was reached.
        expect(await fixture.inspect.leadActivity('7')).toMatchObject({
          lastContactAt: at(10),
          attemptsTotal: 2,
          lastOutcome: 'no_answer',
          nextCallAfter: at(90),
        })
        expect(await fixture.inspect.callbacks('7')).toEqual([])
        expect(await fixture.inspect.conversions('7')).toEqual([])
        expect(await fixture.inspect.optedOut(phone('7'))).toBe(false)
        expect(await fixture.inspect.entryStatus(second.entry.id)).toBe('done')
        // A lead never reached has no last contact.
        const other = await open('8', { startedAt: at(1) })
        await run(calls.recordOutcome(outcomeOf(other, { contact: false, disposition: 'busy' })))
        expect(await fixture.inspect.leadActivity('8')).toMatchObject({
          lastContactAt: null,
          lastOutcome: 'busy',
        })
      })

      it('writes nothing of an outcome when any part of it cannot be written', async () => {
        const owed = await run(dialler.history.scheduleCallback(callbackFor('7', ann, at(-10))))
        const { entry, session } = await placeCall(ann, '7', owed.id)
        const outcome = outcomeOf(session, {
          nextCallAfter: at(90),
          conversion: 'signed',
          callback: callbackFor('7', ann, at(90)),
          optOut: phone('7'),
        })
        const activity = await fixture.inspect.leadActivity('7')
        const callbacks = await fixture.inspect.callbacks('7')
        const writes: CallStoreWrite[] = [
          'lead activity',
          'callbacks',
          'conversions',
          'opt-outs',
          'queue entries',
        ]
        for (const write of writes) {
          const restore = await fixture.inspect.refuseWrites(write)
          try {
            const error = await run(Effect.flip(calls.recordOutcome(outcome)))
            expect(error._tag, write).toBe('CallStoreError')
          } finally {
            await restore()
          }
          expect(await fixture.inspect.outcomeCount(), write).toBe(0)
          expect(await fixture.inspect.leadActivity('7'), write).toEqual(activity)
          expect(await fixture.inspect.callbacks('7'), write).toEqual(callbacks)
          expect(await fixture.inspect.conversions('7'), write).toEqual([])
          expect(await fixture.inspect.optedOut(phone('7')), write).toBe(false)
          expect(await fixture.inspect.entryStatus(entry.id), write).toBe('claimed')
          expect(Option.isNone(await run(calls.findOutcome(session.id))), write).toBe(true)
        }
        expect((await run(calls.recordOutcome(outcome))).created).toBe(true)
        expect(await fixture.inspect.entryStatus(entry.id)).toBe('done')
      })

      it('records one outcome per call: a second answers the first with created false and writes nothing more', async () => {
        const { entry, session } = await placeCall(ann, '7')
        const first = await run(
          calls.recordOutcome(
            outcomeOf(session, {
              disposition: 'callback',
              nextCallAfter: at(90),
              conversion: 'signed',
              callback: callbackFor('7', ann, at(90)),
              recordedAt: at(30),
            }),
          ),
        )
        expect(first.created).toBe(true)
        const activity = await fixture.inspect.leadActivity('7')
        const second = await run(
          calls.recordOutcome(
            outcomeOf(session, {
              disposition: 'opted_out',
              notes: 'changed my mind',
              contact: false,
              nextCallAfter: at(120),
              conversion: 'again',
              callback: {
                leadId: '7' as LeadId,
                phone: phone('7'),
                ownerAgentId: null,
                dueAt: at(120),
                notes: 'x',
                createdBy: ann,
              },
              optOut: phone('7'),
              recordedAt: at(40),
            }),
          ),
        )
        expect(second).toEqual({ created: false, outcome: first.outcome })
        expect(await fixture.inspect.outcomes(session.id)).toEqual([first.outcome])
        expect(await fixture.inspect.leadActivity('7')).toEqual(activity)
        expect((await fixture.inspect.callbacks('7')).map((c) => c.id)).toEqual([first.outcome.callbackId])
        expect(await fixture.inspect.conversions('7')).toHaveLength(1)
        expect(await fixture.inspect.optedOut(phone('7'))).toBe(false)
        expect(await fixture.inspect.entryStatus(entry.id)).toBe('done')

        // A double submit racing itself is recorded once too.
        const other = await placeCall(bob, '8')
        const racing = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            run(
              calls.recordOutcome(
                outcomeOf(other.session, {
                  notes: `try ${i}`,
                  callback: callbackFor('8', bob, at(90)),
                }),
              ),
            ),
          ),
        )
        expect(racing.filter((r) => r.created)).toHaveLength(1)
        expect(new Set(racing.map((r) => r.outcome.id)).size).toBe(1)
        expect(await fixture.inspect.outcomes(other.session.id)).toHaveLength(1)
        expect(await fixture.inspect.callbacks('8')).toHaveLength(1)
      })

      it('refuses an outcome for a call that does not exist, writing nothing', async () => {
        const { entry, session } = await placeCall(ann, '7')
        const activity = await fixture.inspect.leadActivity('7')
        const error = await run(
          Effect.flip(
            calls.recordOutcome(
              outcomeOf(session, {
                sessionId: missingId,
                conversion: 'signed',
                callback: callbackFor('7', ann, at(90)),
                optOut: phone('7'),
              }),
            ),
          ),
        )
        expect(error._tag).toBe('CallStoreError')
        expect(await fixture.inspect.outcomeCount()).toBe(0)
        expect(await fixture.inspect.leadActivity('7')).toEqual(activity)
        expect(await fixture.inspect.callbacks('7')).toEqual([])
        expect(await fixture.inspect.conversions('7')).toEqual([])
        expect(await fixture.inspect.optedOut(phone('7'))).toBe(false)
        expect(await fixture.inspect.entryStatus(entry.id)).toBe('claimed')
      })

      it('finds an outcome by its call, and nothing for a call without one or an unknown id', async () => {
        const session = await open('7')
        expect(Option.isNone(await run(calls.findOutcome(session.id)))).toBe(true)
        const { outcome } = await run(calls.recordOutcome(outcomeOf(session, { notes: 'n' })))
        expect(some(await run(calls.findOutcome(session.id)))).toEqual(outcome)
        expect(Option.isNone(await run(calls.findOutcome(missingId)))).toBe(true)
        expect(Option.isNone(await run(calls.findOutcome('not-a-session-id')))).toBe(true)
      })

      it("lists a lead's calls newest first with their outcomes, up to the limit", async () => {
        const oldest = await open('7', { startedAt: at(1) })
        const middle = await open('7', { startedAt: at(2), agentId: bob })
        const newest = await open('7', { startedAt: at(3) })
        await open('8', { startedAt: at(4) })
        const o1 = await run(calls.recordOutcome(outcomeOf(oldest, { disposition: 'no_answer' })))
        const o3 = await run(calls.recordOutcome(outcomeOf(newest, { disposition: 'contacted' })))
        const ringing = event('CA-mid', 'ringing', at(2, 4))
        const moved = some(
          await run(calls.updateSession(middle.id, ringing, (s) => applyCallEvent(s, ringing))),
        )

        expect(await run(calls.callHistory('7' as LeadId, 10))).toEqual([
          { session: newest, outcome: o3.outcome },
          { session: moved.after, outcome: null },
          { session: oldest, outcome: o1.outcome },
        ])
        expect((await run(calls.callHistory('7' as LeadId, 2))).map((h) => h.session.id)).toEqual([
          newest.id,
          middle.id,
        ])
        expect(await run(calls.callHistory('9' as LeadId, 10))).toEqual([])
      })
    })

    describe('the call log', () => {
      const everything: CallLogQuery = { ...EVERY_CALL, limit: 100 }
      const ids = async (query: Partial<CallLogQuery>) =>
        (await run(calls.searchCalls({ ...everything, ...query }))).map((c) => c.session.id)

      it('lists inbound and outbound calls newest first, with outcome and agent name, matching every filter given', async () => {
        const outToAnn = await open('11', { startedAt: at(1) })
        const inToBob = await open('12', { startedAt: at(2), agentId: bob, direction: 'inbound' })
        const engineNobody = await open('13', { startedAt: at(3), agentId: null, campaignId: 'renewals' })
        const later = await open('11', { startedAt: at(4), agentId: bob })
        const recorded = await run(calls.recordOutcome(outcomeOf(outToAnn, { disposition: 'no_answer' })))
        await run(calls.recordOutcome(outcomeOf(later, { disposition: 'contacted' })))
        await end(inToBob)

        const all = await run(calls.searchCalls(everything))
        expect(all.map((c) => c.session.id)).toEqual([later.id, engineNobody.id, inToBob.id, outToAnn.id])
        expect(all[3]).toEqual({
          session: outToAnn,
          outcome: recorded.outcome,
          agentName: 'ann@example.com',
          cost: null,
        })
        expect(await ids({ sessionId: inToBob.id })).toEqual([inToBob.id])
        expect(await ids({ sessionId: missingId })).toEqual([])
        expect(await ids({ sessionId: 'not-a-session-id' })).toEqual([])
        expect(all[1]).toMatchObject({ outcome: null, agentName: null })
        expect(all[2]?.session).toMatchObject({ direction: 'inbound', status: 'completed' })

        expect(await ids({ direction: 'inbound' })).toEqual([inToBob.id])
        expect(await ids({ direction: 'outbound' })).toEqual([later.id, engineNobody.id, outToAnn.id])
        expect(await ids({ agentId: bob })).toEqual([later.id, inToBob.id])
        expect(await ids({ disposition: 'no_answer' })).toEqual([outToAnn.id])
        expect(await ids({ leadIds: ['11' as LeadId, '13' as LeadId] })).toEqual([
          later.id,
          engineNobody.id,
          outToAnn.id,
        ])
        expect(await ids({ leadIds: [] })).toEqual([])
        expect(await ids({ statuses: ['completed'] })).toEqual([inToBob.id])
        expect(await ids({ startedFrom: at(2), startedBefore: at(4) })).toEqual([engineNobody.id, inToBob.id])
        expect(await ids({ agentId: bob, direction: 'outbound', disposition: 'contacted' })).toEqual([
          later.id,
        ])
      })

      it('finds a number written whole, or any number containing the digits', async () => {
        const a = await open('21', { startedAt: at(1) })
        const b = await open('22', { startedAt: at(2) })
        expect(await ids({ number: { _tag: 'Whole', e164: phone('21') } })).toEqual([a.id])
        expect(await ids({ number: { _tag: 'Part', digits: '900022' } })).toEqual([b.id])
        expect(await ids({ number: { _tag: 'Part', digits: '7700900' } })).toEqual([b.id, a.id])
        expect(await ids({ number: { _tag: 'Whole', e164: phone('99') } })).toEqual([])
      })

      it('pages by key: each call once, in order, also when calls at the same instant straddle a page and new calls arrive', async () => {
        const made = []
        for (let i = 0; i < 7; i++)
          made.push(await open(String(30 + i), { startedAt: at(1 + Math.floor(i / 3)) }))
        const order = await ids({})
        expect(order).toHaveLength(7)
        const seen: string[] = []
        let after: CallLogQuery['after'] = null
        for (let page = 0; page < 10; page++) {
          const rows: ReadonlyArray<CallLogItem> = await run(
            calls.searchCalls({ ...everything, after, limit: 2 }),
          )
          if (rows.length === 0) break
          seen.push(...rows.map((r) => r.session.id))
          const last = rows.at(-1)?.session
          after = last ? { at: last.startedAt, id: last.id } : null
          // A new call while paging starts later than every call read so far: it is never in a later page.
          await open(`4${page}`, { startedAt: at(20 + page) })
        }
        expect(seen).toEqual(order)
        expect(new Set(seen)).toEqual(new Set(made.map((s) => s.id)))
      })

      it('lists a call’s provider events in the order they happened, and none for an unknown call', async () => {
        const session = await open('51', { startedAt: at(0) })
        for (const e of scrambledEvents('CA-51', 7).map((e) => ({ ...e, sessionId: session.id }))) {
          await run(calls.updateSession(session.id, e, (s) => applyCallEvent(s, e)))
        }
        const timeline = await run(calls.callEvents(session.id))
        expect(timeline.map((e) => e.status)).toEqual([
          'initiated',
          'queued',
          'ringing',
          'in-progress',
          'completed',
        ])
        expect(timeline[3]).toMatchObject({
          providerCallId: 'CA-51',
          answeredBy: 'human',
          occurredAt: at(0, 7),
        })
        expect(timeline[4]).toMatchObject({ durationSeconds: 42, errorCode: null })
        expect(await run(calls.callEvents(missingId))).toEqual([])
        expect(await run(calls.callEvents('not-a-session-id'))).toEqual([])
      })
    })
  })
