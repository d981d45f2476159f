import { Effect, Option, Schema } from 'effect'
import { beforeEach, describe, expect, it } from 'vitest'
import type { AgentStoreService } from '../agents/agent-store.js'
import type { SuppressionStoreService } from '../compliance/suppression-store.js'
import type { PreDialFactsReaderService } from '../dialing/pre-dial-facts.js'
import type { AgentId, LeadId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { ContactHistoryStoreService } from '../leads/contact-history.js'
import { QueueSettings } from '../queues/queue-definition.js'
import type { NewQueueEntry, QueueStoreService } from '../queues/queue-store.js'
import { withFixture } from './suite.js'

/** Reads what the store really wrote, bypassing the adapter under test. */
export interface DiallerStoresInspector {
  readonly entry: (
    entryId: string,
  ) => Promise<
    { readonly status: string; readonly claimedBy: string | null; readonly leadId: string } | undefined
  >
  readonly claimsOfLead: (leadId: string) => Promise<number>
  readonly agentCount: () => Promise<number>
}

/** The dialler's stores that work together on one database: what an adapter like Postgres provides. */
export interface DiallerStores {
  readonly agents: AgentStoreService
  readonly queues: QueueStoreService
  readonly history: ContactHistoryStoreService
  readonly suppression: SuppressionStoreService
  readonly preDial: PreDialFactsReaderService
}

export interface DiallerStoresFixture {
  readonly stores: DiallerStores
  readonly inspect: DiallerStoresInspector
  /** Empties the store between tests. */
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const queue = (id: string, priority: number) =>
  Schema.decodeUnknownSync(QueueSettings)({ id, label: id, kind: 'source', priority })
const entry = (
  leadId: string,
  score: number,
  createdAt: string,
  extra: Partial<NewQueueEntry> = {},
): NewQueueEntry => ({
  leadId: leadId as LeadId,
  phone: `+4477009001${leadId.padStart(2, '0').slice(-2)}` as E164,
  score,
  reasons: [{ factor: 'attempts', points: score, detail: 'test' }],
  leadCreatedAt: new Date(createdAt),
  reservedFor: null,
  callbackId: null,
  ...extra,
})

/**
 * The contract every dialler store meets. Call it once from the adapter's test file with a setup that
 * returns a fresh, migrated store on a real engine.
 */
export const describeDiallerStoresConformance = (name: string, setup: () => Promise<DiallerStoresFixture>) =>
  describe(`Dialler stores conformance (agents, queues, contact history, suppression, pre-dial facts): ${name}`, () => {
    let fixture: DiallerStoresFixture
    // Every port's methods on one object: the scenarios below cross them, as the programs do.
    let store: AgentStoreService &
      QueueStoreService &
      ContactHistoryStoreService &
      SuppressionStoreService &
      PreDialFactsReaderService
    const now = new Date('2026-11-20T10:00:00Z')
    const newAgent = async (email: string) =>
      (
        await run(
          store.createAgent({ email, displayName: email, role: 'agent', queueIds: [], passwordHash: null }),
        )
      ).id

    withFixture(setup, (opened) => {
      fixture = opened
      const { agents, queues, history, suppression, preDial } = fixture.stores
      store = { ...agents, ...queues, ...history, ...suppression, ...preDial }
    })
    beforeEach(async () => {
      await run(store.saveQueueSettings([queue('first', 1), queue('second', 2)]))
    })

    describe('agents', () => {
      it('creates and finds an agent', async () => {
        const created = await run(
          store.createAgent({
            email: 'ann@example.com',
            displayName: 'Ann',
            role: 'supervisor',
            queueIds: ['first'],
            passwordHash: 'h',
          }),
        )
        expect(created).toMatchObject({
          email: 'ann@example.com',
          displayName: 'Ann',
          role: 'supervisor',
          active: true,
          queueIds: ['first'],
        })
        expect(Option.getOrNull(await run(store.findAgent(created.id)))).toEqual(created)
      })

      it('lists every account, whatever its role, by display name, with when it was created', async () => {
        const before = Date.now() - 60_000
        const make = (email: string, displayName: string, role: 'agent' | 'supervisor' | 'admin') =>
          run(store.createAgent({ email, displayName, role, queueIds: [], passwordHash: null }))
        const zoe = await make('zoe@example.com', 'Zoe', 'agent')
        const al = await make('al@example.com', 'Al', 'admin')
        const max = await make('max@example.com', 'Max', 'supervisor')
        const listed = await run(store.listAgents())
        expect(listed.map((a) => a.id)).toEqual([al.id, max.id, zoe.id])
        expect(listed[0]).toEqual({ ...al, createdAt: expect.any(Date) })
        for (const account of listed) expect(+account.createdAt).toBeGreaterThan(before)
        expect(listed.map((a) => a.role)).toEqual(['admin', 'supervisor', 'agent'])
      })

      it('finds an account by email with its password hash, and changes its role and whether it may sign in', async () => {
        const ann = await run(
          store.createAgent({
            email: 'ann@example.com',
            displayName: 'Ann',
            role: 'agent',
            queueIds: [],
            passwordHash: 'hash-1',
          }),
        )
        // Emails are stored in lower case; a sign-in may type them otherwise.
        expect(Option.getOrNull(await run(store.findCredentials(' Ann@Example.com ')))).toEqual({
          agent: ann,
          passwordHash: 'hash-1',
        })
        expect(Option.isNone(await run(store.findCredentials('nobody@example.com')))).toBe(true)
        const admin = Option.getOrNull(await run(store.updateAgent(ann.id, { role: 'admin' })))
        expect(admin).toEqual({ ...ann, role: 'admin' })
        const off = Option.getOrNull(await run(store.updateAgent(ann.id, { active: false })))
        expect(off).toEqual({ ...ann, role: 'admin', active: false })
        expect(Option.getOrNull(await run(store.findAgent(ann.id)))).toEqual(off)
        const unknown = '00000000-0000-4000-8000-000000000000' as AgentId
        expect(Option.isNone(await run(store.updateAgent(unknown, { active: true })))).toBe(true)
        // A new password replaces the old; an unknown account changes nothing.
        expect(await run(store.setPasswordHash(ann.id, 'hash-2'))).toBe(true)
        expect(Option.getOrNull(await run(store.findCredentials('ann@example.com')))?.passwordHash).toBe(
          'hash-2',
        )
        expect(await run(store.setPasswordHash(unknown, 'hash-3'))).toBe(false)
        expect(await fixture.inspect.agentCount()).toBe(1)
      })

      it('refuses a second account for an email, naming the field, and writes nothing', async () => {
        await newAgent('bob@example.com')
        const error = await run(
          Effect.flip(
            store.createAgent({
              email: 'bob@example.com',
              displayName: 'B',
              role: 'agent',
              queueIds: [],
              passwordHash: null,
            }),
          ),
        )
        expect(error).toMatchObject({ _tag: 'AgentEmailTaken', field: 'email' })
        expect(await fixture.inspect.agentCount()).toBe(1)
      })

      it('starts offline and changes state only from the state the caller saw', async () => {
        const id = await newAgent('cat@example.com')
        expect((await run(store.agentState(id))).state).toBe('offline')
        // Never seen is offline: a change from any other state does not apply.
        expect(
          await run(store.setAgentState(id, 'on_call', { state: 'wrap_up', reason: null }, now)),
        ).toMatchObject({ state: 'offline', moved: false })
        expect((await run(store.agentState(id))).state).toBe('offline')
        expect(
          await run(store.setAgentState(id, 'offline', { state: 'available', reason: null }, now)),
        ).toMatchObject({
          state: 'available',
          moved: true,
        })
        // Someone else moved the agent meanwhile: the stale change is not applied.
        const stale = await run(store.setAgentState(id, 'offline', { state: 'paused', reason: 'lunch' }, now))
        expect(stale).toMatchObject({ state: 'available', moved: false })
        expect(
          await run(store.setAgentState(id, 'available', { state: 'paused', reason: 'lunch' }, now)),
        ).toMatchObject({
          state: 'paused',
          reason: 'lunch',
          moved: true,
        })
      })

      it('of moves racing to take one agent at the same instant, exactly one is told it moved them', async () => {
        // Three answered calls reach one free agent in the same millisecond: one call gets her, the
        // others must know they did not (what they read back may already be the winner's move).
        for (const from of ['offline', 'available'] as const) {
          const id = await newAgent(`race-${from}@example.com`)
          if (from === 'available')
            await run(store.setAgentState(id, 'offline', { state: 'available', reason: null }, now))
          const to = from === 'offline' ? 'available' : 'on_call'
          const moves = await Promise.all(
            [1, 2, 3].map(() => run(store.setAgentState(id, from, { state: to, reason: null }, now))),
          )
          expect(moves.filter((m) => m.moved)).toHaveLength(1)
          expect(moves.find((m) => m.moved)).toMatchObject({ state: to, since: now })
          expect(await run(store.agentState(id))).toMatchObject({ state: to, since: now })
        }
      })

      it("reads many agents' states at once, each as it is, an agent never seen offline", async () => {
        const dan = await newAgent('dan@example.com')
        const eve = await newAgent('eve@example.com')
        const fay = await newAgent('fay@example.com')
        const later = new Date(+now + 60_000)
        await run(store.setAgentState(dan, 'offline', { state: 'available', reason: null }, now))
        await run(store.setAgentState(eve, 'offline', { state: 'paused', reason: 'lunch' }, later))
        const states = await run(store.agentStates([dan, eve, fay]))
        expect([...states.keys()].sort()).toEqual([dan, eve, fay].sort())
        expect(states.get(dan)).toEqual({ state: 'available', reason: null, since: now })
        expect(states.get(eve)).toEqual({ state: 'paused', reason: 'lunch', since: later })
        expect(states.get(fay)).toMatchObject({ state: 'offline', reason: null })
        // The same answer as one agent at a time.
        for (const id of [dan, eve, fay]) expect(states.get(id)).toEqual(await run(store.agentState(id)))
        expect((await run(store.agentStates([]))).size).toBe(0)
      })

      it('keeps every state with its start, end and reason, and only the moves that happened', async () => {
        const id = await newAgent('dee@example.com')
        const at = (minutes: number) => new Date(+now + minutes * 60_000)
        await run(store.setAgentState(id, 'offline', { state: 'available', reason: null }, at(0)))
        await run(store.setAgentState(id, 'available', { state: 'on_call', reason: null }, at(5)))
        // A stale move changes nothing, so it adds nothing to the history.
        await run(store.setAgentState(id, 'available', { state: 'paused', reason: 'Break' }, at(6)))
        await run(store.setAgentState(id, 'on_call', { state: 'wrap_up', reason: null }, at(9)))
        await run(store.setAgentState(id, 'wrap_up', { state: 'paused', reason: 'Lunch' }, at(10)))
        const all = await run(store.stateHistory({ agentId: id, since: at(-60), until: at(60) }))
        expect(all.map((s) => [s.state, s.reason, +s.startedAt, s.endedAt && +s.endedAt])).toEqual([
          ['available', null, +at(0), +at(5)],
          ['on_call', null, +at(5), +at(9)],
          ['wrap_up', null, +at(9), +at(10)],
          ['paused', 'Lunch', +at(10), null],
        ])
        // A window takes the spans that overlap it; another agent's are not in one agent's.
        const other = await newAgent('eve@example.com')
        await run(store.setAgentState(other, 'offline', { state: 'available', reason: null }, at(7)))
        const window = await run(store.stateHistory({ agentId: id, since: at(6), until: at(9) }))
        expect(window.map((s) => s.state)).toEqual(['on_call'])
        const everyone = await run(store.stateHistory({ agentId: null, since: at(6), until: at(8) }))
        expect(everyone.map((s) => [s.agentId, s.state])).toEqual([
          [id, 'on_call'],
          [other, 'available'],
        ])
      })

      it('keeps sign-ins: one open stretch per agent, closed with its reason', async () => {
        const id = await newAgent('fay@example.com')
        const at = (minutes: number) => new Date(+now + minutes * 60_000)
        expect(await run(store.recordSignOut(id, at(0), 'signed out'))).toBe(false)
        await run(store.recordSignIn(id, at(1)))
        // A second browser signs in to the same stretch.
        await run(store.recordSignIn(id, at(2)))
        expect(await run(store.signIns({ agentId: id, since: at(0), until: at(10) }))).toEqual([
          { agentId: id, signedInAt: at(1), signedOutAt: null, signOutReason: null },
        ])
        expect(await run(store.recordSignOut(id, at(3), 'session expired'))).toBe(true)
        await run(store.recordSignIn(id, at(4)))
        expect(await run(store.signIns({ agentId: id, since: at(0), until: at(10) }))).toEqual([
          { agentId: id, signedInAt: at(1), signedOutAt: at(3), signOutReason: 'session expired' },
          { agentId: id, signedInAt: at(4), signedOutAt: null, signOutReason: null },
        ])
        expect(await run(store.signIns({ agentId: id, since: at(3), until: at(10) }))).toHaveLength(1)
      })
    })

    describe('queue entries', () => {
      /** Queues these leads in the first queue (the first scored highest) and lets the engine claim all. */
      const claimedByEngine = async (...leadIds: string[]) => {
        const first = queue('first', 1).id
        await run(
          store.replaceQueueEntries(
            first,
            leadIds.map((id, i) => entry(id, 10 - 5 * i, '2026-01-01')),
          ),
        )
        return run(store.claimForEngine([first], leadIds.length, now))
      }

      it('swaps a regenerated queue in and keeps what agents hold', async () => {
        const agent = await newAgent('dee@example.com')
        const first = await run(
          store.replaceQueueEntries(queue('first', 1).id, [
            entry('1', 10, '2026-01-01'),
            entry('2', 5, '2026-01-01'),
          ]),
        )
        expect(first).toEqual({ generation: 1, inserted: 2 })
        const claimed = Option.getOrThrow(await run(store.claimNextEntry(agent, [queue('first', 1).id], now)))
        expect(claimed.leadId).toBe('1')
        const second = await run(
          store.replaceQueueEntries(queue('first', 1).id, [entry('3', 1, '2026-01-01')]),
        )
        expect(second.generation).toBe(2)
        const levels = await run(store.queueLevels())
        expect(levels.find((l) => l.queueId === 'first')).toMatchObject({
          waiting: 1,
          claimed: 1,
          generation: 2,
        })
        expect((await fixture.inspect.entry(claimed.id))?.status).toBe('claimed')
      })

      it('hands out the best entry: queue priority, then score, then newest lead, then id', async () => {
        await run(store.replaceQueueEntries(queue('second', 2).id, [entry('90', 1000, '2026-06-01')]))
        await run(
          store.replaceQueueEntries(queue('first', 1).id, [
            entry('10', 50, '2026-01-01'),
            entry('11', 80, '2026-01-01'),
            entry('12', 80, '2026-03-01'),
            entry('13', 80, '2026-03-01'),
          ]),
        )
        const order: string[] = []
        for (let i = 0; i < 5; i++) {
          const agent = await newAgent(`order${i}@example.com`)
          const got = await run(
            store.claimNextEntry(agent, [queue('first', 1).id, queue('second', 2).id], now),
          )
          order.push(Option.getOrThrow(got).leadId)
        }
        expect(order).toEqual(['12', '13', '11', '10', '90'])
      })

      it('claims for the call engine: best first across the queues, never a reserved entry, never one twice', async () => {
        const owner = await newAgent('engine-owner@example.com')
        await run(
          store.replaceQueueEntries(queue('first', 1).id, [
            entry('30', 10, '2026-01-01'),
            entry('31', 20, '2026-01-01'),
            entry('32', 99, '2026-01-01', { reservedFor: owner }),
          ]),
        )
        await run(store.replaceQueueEntries(queue('second', 2).id, [entry('33', 5, '2026-01-01')]))
        const queues = [queue('first', 1).id, queue('second', 2).id]
        const rounds = await Promise.all([1, 2, 3].map(() => run(store.claimForEngine(queues, 2, now))))
        const leads = rounds.flat().map((e) => e.leadId)
        expect([...leads].sort()).toEqual(['30', '31', '33'])
        for (const claimed of rounds.flat()) {
          expect(claimed).toMatchObject({ status: 'claimed', claimedBy: null })
          expect(await fixture.inspect.entry(claimed.id)).toMatchObject({ status: 'claimed' })
        }
        expect(await run(store.claimForEngine(queues, 5, now))).toEqual([])
        // The owner still gets their reserved entry.
        expect(Option.getOrThrow(await run(store.claimNextEntry(owner, queues, now))).leadId).toBe('32')
      })

      it('hands an engine entry to the agent who took its call, once, or finishes it when nobody did', async () => {
        const ann = await newAgent('engine-ann@example.com')
        const bob = await newAgent('engine-bob@example.com')
        const [taken, unanswered] = await claimedByEngine('40', '41')
        if (!taken || !unanswered) throw new Error('two entries claimed')
        expect(await run(store.handEntryTo(taken.id, ann))).toBe(true)
        expect(await run(store.handEntryTo(taken.id, bob))).toBe(false)
        expect(Option.getOrThrow(await run(store.heldEntry(ann))).id).toBe(taken.id)
        // Ann holds one lead: a second call's entry cannot go to her too.
        expect(await run(store.handEntryTo(unanswered.id, ann))).toBe(false)
        expect(await run(store.finishEngineEntry(taken.id))).toBe(false)
        const retryAt = new Date('2026-11-20T12:00:00Z')
        expect(
          await run(
            store.finishEngineEntry(unanswered.id, {
              leadId: '41' as LeadId,
              outcome: 'no_answer',
              nextCallAfter: retryAt,
            }),
          ),
        ).toBe(true)
        expect((await fixture.inspect.entry(unanswered.id))?.status).toBe('done')
        // The lead remembers how the attempt ended: the next scoring reads it, the retry rule holds it.
        expect((await run(store.leadActivity(['41' as LeadId]))).get('41' as LeadId)).toMatchObject({
          lastOutcome: 'no_answer',
          nextCallAfter: retryAt,
        })
        expect(
          await run(
            store.finishEngineEntry(unanswered.id, {
              leadId: '41' as LeadId,
              outcome: 'busy',
              nextCallAfter: null,
            }),
          ),
        ).toBe(false)
        expect((await run(store.leadActivity(['41' as LeadId]))).get('41' as LeadId)?.lastOutcome).toBe(
          'no_answer',
        )
      })

      it('gives an engine entry it could not check back to its queue, to be claimed again', async () => {
        const ann = await newAgent('engine-release-ann@example.com')
        const [held] = await claimedByEngine('45')
        if (!held) throw new Error('one entry claimed')
        expect(await run(store.releaseEngineEntry(held.id))).toBe(true)
        expect(await fixture.inspect.entry(held.id)).toMatchObject({ status: 'waiting' })
        // Already back: nothing to give back twice.
        expect(await run(store.releaseEngineEntry(held.id))).toBe(false)
        const [again] = await run(store.claimForEngine([queue('first', 1).id], 1, now))
        expect(again?.leadId).toBe('45')
        if (!again) throw new Error('claimed again')
        // Once an agent took its call, the entry is theirs: the engine cannot give it back.
        expect(await run(store.handEntryTo(again.id, ann))).toBe(true)
        expect(await run(store.releaseEngineEntry(again.id))).toBe(false)
        expect(Option.getOrThrow(await run(store.heldEntry(ann))).id).toBe(again.id)
      })

      it("passes a held entry with its transferred call, or back to the engine's hold for the next agent", async () => {
        const ann = await newAgent('pass-ann@example.com')
        const bob = await newAgent('pass-bob@example.com')
        const cid = await newAgent('pass-cid@example.com')
        const [held, other] = await claimedByEngine('50', '51')
        if (!held || !other) throw new Error('two entries claimed')
        expect(await run(store.handEntryTo(held.id, ann))).toBe(true)
        expect(await run(store.handEntryTo(other.id, cid))).toBe(true)
        // Only its holder passes it, and not to someone holding another lead.
        expect(await run(store.passEntry(held.id, bob, ann))).toBe(false)
        expect(await run(store.passEntry(held.id, ann, cid))).toBe(false)
        expect(await run(store.passEntry(held.id, ann, bob))).toBe(true)
        expect(Option.getOrThrow(await run(store.heldEntry(bob))).id).toBe(held.id)
        expect(Option.isNone(await run(store.heldEntry(ann)))).toBe(true)
        // To a queue: the engine holds it again, and routing's agent takes it as for a new call.
        expect(await run(store.passEntry(held.id, bob, null))).toBe(true)
        expect((await fixture.inspect.entry(held.id))?.status).toBe('claimed')
        expect(await run(store.handEntryTo(held.id, ann))).toBe(true)
      })

      it('keeps a reserved entry for its owner', async () => {
        const owner = await newAgent('own@example.com')
        const other = await newAgent('oth@example.com')
        await run(
          store.replaceQueueEntries(queue('first', 1).id, [
            entry('20', 10, '2026-01-01', { reservedFor: owner }),
          ]),
        )
        expect(Option.isNone(await run(store.claimNextEntry(other, [queue('first', 1).id], now)))).toBe(true)
        expect(
          Option.getOrThrow(await run(store.claimNextEntry(owner, [queue('first', 1).id], now))).leadId,
        ).toBe('20')
      })

      it('gives an agent a lead they chose: its waiting entry, else a new one only they can take back', async () => {
        const ann = await newAgent('take-ann@example.com')
        const bob = await newAgent('take-bob@example.com')
        const first = queue('first', 1).id
        const second = queue('second', 2).id
        await run(store.replaceQueueEntries(first, [entry('40', 10, '2026-01-01')]))
        // Waiting in a queue: that entry is the one taken, wherever the caller would have put it.
        const waiting = await run(store.takeLead(ann, second, entry('40', 0, '2026-01-01'), now))
        expect(waiting).toMatchObject({
          _tag: 'Taken',
          entry: { leadId: '40', queueId: 'first', claimedBy: ann },
        })
        // Asking again is the same lead; another agent is refused; a second lead for Ann is refused.
        expect(await run(store.takeLead(ann, second, entry('40', 0, '2026-01-01'), now))).toMatchObject({
          _tag: 'Taken',
        })
        expect(await run(store.takeLead(bob, second, entry('40', 0, '2026-01-01'), now))).toEqual({
          _tag: 'HeldByOther',
        })
        expect(await run(store.takeLead(ann, second, entry('41', 0, '2026-01-01'), now))).toMatchObject({
          _tag: 'AgentBusy',
          entry: { leadId: '40' },
        })
        // In no queue: a new entry of the given queue, held by Bob and reserved for him.
        const fresh = await run(store.takeLead(bob, second, entry('41', 7, '2026-02-01'), now))
        if (fresh._tag !== 'Taken') throw new Error(`expected the lead taken, got ${fresh._tag}`)
        expect(fresh.entry).toMatchObject({
          leadId: '41',
          queueId: 'second',
          claimedBy: bob,
          reservedFor: bob,
        })
        expect(await fixture.inspect.claimsOfLead('41')).toBe(1)
        // Given back, it waits for Bob alone.
        expect(await run(store.releaseEntry(fresh.entry.id, bob))).toBe(true)
        const carol = await newAgent('take-carol@example.com')
        expect(Option.isNone(await run(store.claimNextEntry(carol, [second], now)))).toBe(true)
        expect(Option.getOrThrow(await run(store.claimNextEntry(bob, [second], now))).leadId).toBe('41')
      })

      it('never gives one lead to two agents, nor two leads to one agent, however many claim at once', async () => {
        await run(
          store.replaceQueueEntries(
            queue('first', 1).id,
            Array.from({ length: 12 }, (_, i) => entry(String(100 + i), i, '2026-01-01')),
          ),
        )
        const agents = await Promise.all(
          Array.from({ length: 20 }, (_, i) => newAgent(`race${i}@example.com`)),
        )
        const claims = await Promise.all(
          [...agents, ...agents].map((agent) =>
            run(store.claimNextEntry(agent, [queue('first', 1).id], now)),
          ),
        )
        const byAgent = new Map<string, Set<string>>()
        for (const [i, claim] of claims.entries()) {
          if (Option.isNone(claim)) continue
          const agent = agents[i % agents.length] as string
          byAgent.set(agent, (byAgent.get(agent) ?? new Set()).add(claim.value.leadId))
        }
        expect([...byAgent.values()].every((leads) => leads.size === 1)).toBe(true)
        const leads = [...byAgent.values()].flatMap((s) => [...s])
        expect(new Set(leads).size).toBe(12)
        for (let i = 0; i < 12; i++) expect(await fixture.inspect.claimsOfLead(String(100 + i))).toBe(1)
      })

      it('releases, skips, finishes and expires claims', async () => {
        const agent = await newAgent('eve@example.com')
        const q = queue('first', 1).id
        await run(
          store.replaceQueueEntries(q, [
            entry('30', 3, '2026-01-01'),
            entry('31', 2, '2026-01-01'),
            entry('32', 1, '2026-01-01'),
          ]),
        )
        const a = Option.getOrThrow(await run(store.claimNextEntry(agent, [q], now)))
        expect(await run(store.releaseEntry(a.id, '00000000-0000-4000-8000-000000000000' as AgentId))).toBe(
          false,
        )
        expect(await run(store.releaseEntry(a.id, agent))).toBe(true)
        expect((await fixture.inspect.entry(a.id))?.status).toBe('waiting')

        const again = Option.getOrThrow(await run(store.claimNextEntry(agent, [q], now)))
        expect(again.id).toBe(a.id)
        const later = new Date('2026-11-20T12:00:00Z')
        expect(await run(store.skipEntry(again.id, agent, 'wrong person', later))).toBe(true)
        expect((await fixture.inspect.entry(again.id))?.status).toBe('skipped')
        expect((await run(store.leadActivity(['30' as LeadId]))).get('30' as LeadId)?.nextCallAfter).toEqual(
          later,
        )

        const b = Option.getOrThrow(await run(store.claimNextEntry(agent, [q], now)))
        expect(Option.getOrThrow(await run(store.heldEntry(agent))).id).toBe(b.id)
        expect(await run(store.finishEntry(b.id, agent))).toBe(true)
        expect(Option.isNone(await run(store.heldEntry(agent)))).toBe(true)

        const c = Option.getOrThrow(await run(store.claimNextEntry(agent, [q], now)))
        expect(await run(store.expireStaleClaims(new Date(+now - 1)))).toBe(0)
        expect(await run(store.expireStaleClaims(new Date(+now + 1)))).toBe(1)
        expect((await fixture.inspect.entry(c.id))?.status).toBe('waiting')
      })

      it('reads what decides a dial in one go: agent, entry, activity, conversion, opt-out', async () => {
        const agent = await newAgent('gil@example.com')
        const q = queue('first', 1).id
        await run(store.replaceQueueEntries(q, [entry('60', 3, '2026-01-01')]))
        const held = Option.getOrThrow(await run(store.claimNextEntry(agent, [q], now)))
        const before = await run(store.preDialFacts(agent, held.id, new Date(+now - 1000)))
        expect(Option.getOrThrow(before.agent)).toMatchObject({
          id: agent,
          email: 'gil@example.com',
          active: true,
        })
        expect(Option.getOrThrow(before.entry)).toEqual(held)
        expect(before).toMatchObject({ activity: null, converted: false, optedOut: false })

        const later = new Date(+now + 60_000)
        await run(store.skipEntry(held.id, agent, 'not in', later))
        await run(store.recordOptOut(held.phone, 'sms', now))
        // The lead converts from a later generation, and is queued again after that.
        await run(store.replaceQueueEntries(q, [entry('60', 3, '2026-01-01')]))
        const [waiting] = await run(store.waitingEntries(q))
        if (!waiting) throw new Error('entry for lead 60 missing')
        await run(store.recordConversions([{ ...waiting, queueId: q, detail: 'signed' }], now))
        await run(store.replaceQueueEntries(q, [entry('60', 3, '2026-01-01')]))
        const again = Option.getOrThrow(await run(store.claimNextEntry(agent, [q], now)))
        const after = await run(store.preDialFacts(agent, again.id, new Date(+now - 1000)))
        expect(Option.getOrThrow(after.entry).id).toBe(again.id)
        expect(after.activity).toMatchObject({ leadId: '60', nextCallAfter: later })
        expect(after).toMatchObject({ converted: true, optedOut: true })
        // A conversion before the cutoff no longer counts.
        expect((await run(store.preDialFacts(agent, again.id, new Date(+now + 1000)))).converted).toBe(false)

        const nobody = '00000000-0000-4000-8000-000000000000' as AgentId
        const missing = await run(store.preDialFacts(nobody, 'not-an-entry-id', now))
        expect(missing).toEqual({
          agent: Option.none(),
          entry: Option.none(),
          activity: null,
          converted: false,
          optedOut: false,
          screening: { listedOn: [], lists: [] },
        })
      })

      it('records conversions and takes their entries out', async () => {
        const q = queue('first', 1).id
        await run(store.replaceQueueEntries(q, [entry('40', 3, '2026-01-01'), entry('41', 2, '2026-01-01')]))
        const waiting = await run(store.waitingEntries(q))
        expect(waiting.map((w) => w.leadId).sort()).toEqual(['40', '41'])
        const forty = waiting.find((w) => w.leadId === '40')
        if (!forty) throw new Error('entry for lead 40 missing')
        expect(await run(store.recordConversions([{ ...forty, queueId: q, detail: 'signed' }], now))).toBe(1)
        expect(await fixture.inspect.entry(forty.entryId)).toBeUndefined()
        expect([
          ...(await run(store.convertedLeads(q, ['40', '41'] as LeadId[], new Date(+now - 1000)))),
        ]).toEqual(['40'])
        expect((await run(store.convertedLeads(q, ['40'] as LeadId[], new Date(+now + 1000)))).size).toBe(0)
        const other = waiting.find((w) => w.leadId === '41')?.entryId as string
        expect(await run(store.removeEntries([other]))).toBe(1)
        expect((await run(store.queueLevels())).find((l) => l.queueId === q)?.waiting).toBe(0)
      })
    })

    describe('callbacks and leases', () => {
      it('schedules callbacks, holds the lead back until due, and lists them when due', async () => {
        const owner = await newAgent('fay@example.com')
        const due = new Date('2026-11-20T15:00:00Z')
        const { id } = await run(
          store.scheduleCallback({
            leadId: '50' as LeadId,
            phone: '+447700900050' as E164,
            ownerAgentId: owner,
            dueAt: due,
            notes: 'after work',
            createdBy: owner,
          }),
        )
        expect((await run(store.leadActivity(['50' as LeadId]))).get('50' as LeadId)?.nextCallAfter).toEqual(
          due,
        )
        expect(await run(store.dueCallbacks(now))).toEqual([])
        expect(await run(store.dueCallbacks(due))).toEqual([
          { id, leadId: '50', phone: '+447700900050', ownerAgentId: owner, dueAt: due },
        ])
      })

      it('reminds each callback owner once, shortly before it is due', async () => {
        const owner = await newAgent('gus@example.com')
        const due = new Date('2026-11-20T10:04:00Z')
        const { id } = await run(
          store.scheduleCallback({
            leadId: '60' as LeadId,
            phone: '+447700900060' as E164,
            ownerAgentId: owner,
            dueAt: due,
            notes: null,
            createdBy: owner,
          }),
        )
        expect(await run(store.takeCallbackReminders(new Date('2026-11-20T10:03:00Z'), now))).toEqual([])
        const reminders = await run(store.takeCallbackReminders(new Date('2026-11-20T10:05:00Z'), now))
        expect(reminders).toEqual([
          { id, leadId: '60', phone: '+447700900060', ownerAgentId: owner, dueAt: due },
        ])
        expect(await run(store.takeCallbackReminders(new Date('2026-11-20T10:05:00Z'), now))).toEqual([])
      })

      it("lists an agent's pending callbacks and the open ones due soon, soonest first", async () => {
        const hal = await newAgent('hal@example.com')
        const ivy = await newAgent('ivy@example.com')
        const callback = (
          lead: string,
          ownerAgentId: AgentId | null,
          dueAt: string,
          notes: string | null = null,
        ) =>
          run(
            store.scheduleCallback({
              leadId: lead as LeadId,
              phone: `+4477009000${lead}` as E164,
              ownerAgentId,
              dueAt: new Date(dueAt),
              notes,
              createdBy: ownerAgentId,
            }),
          )
        const late = await callback('71', hal, '2026-11-22T09:00:00Z', 'after school')
        const overdue = await callback('72', hal, '2026-11-19T09:00:00Z')
        const openSoon = await callback('73', null, '2026-11-20T11:00:00Z')
        await callback('74', null, '2026-11-20T13:00:00Z') // open, but not due within the window
        await callback('75', ivy, '2026-11-20T10:30:00Z') // someone else's
        const listed = await run(
          store.agentCallbacks(hal, { openDueBefore: new Date('2026-11-20T12:00:00Z'), limit: 10 }),
        )
        expect(listed).toEqual([
          {
            id: overdue.id,
            leadId: '72',
            phone: '+447700900072',
            ownerAgentId: hal,
            dueAt: new Date('2026-11-19T09:00:00Z'),
            notes: null,
          },
          {
            id: openSoon.id,
            leadId: '73',
            phone: '+447700900073',
            ownerAgentId: null,
            dueAt: new Date('2026-11-20T11:00:00Z'),
            notes: null,
          },
          {
            id: late.id,
            leadId: '71',
            phone: '+447700900071',
            ownerAgentId: hal,
            dueAt: new Date('2026-11-22T09:00:00Z'),
            notes: 'after school',
          },
        ])
        expect(
          (
            await run(
              store.agentCallbacks(hal, { openDueBefore: new Date('2026-11-20T12:00:00Z'), limit: 2 }),
            )
          ).map((c) => c.id),
        ).toEqual([overdue.id, openSoon.id])
      })

      it('moves, hands over and cancels a pending callback, only from the owner the caller saw', async () => {
        const ivy = await newAgent('ivy@example.com')
        const jon = await newAgent('jon@example.com')
        const due = new Date('2026-11-20T15:00:00Z')
        const later = new Date('2026-11-21T09:30:00Z')
        const { id } = await run(
          store.scheduleCallback({
            leadId: '80' as LeadId,
            phone: '+447700900080' as E164,
            ownerAgentId: ivy,
            dueAt: due,
            notes: 'evenings',
            createdBy: ivy,
          }),
        )
        expect(Option.getOrThrow(await run(store.findCallback(id)))).toMatchObject({
          ownerAgentId: ivy,
          dueAt: due,
        })
        expect(Option.isNone(await run(store.findCallback('not-a-uuid')))).toBe(true)
        // Moved: due later, and the lead held back until then.
        expect(
          Option.getOrThrow(await run(store.changeCallback(id, ivy, { _tag: 'Move', dueAt: later }, now))),
        ).toMatchObject({ dueAt: later, notes: 'evenings' })
        expect((await run(store.leadActivity(['80' as LeadId]))).get('80' as LeadId)?.nextCallAfter).toEqual(
          later,
        )
        // A change from an owner it no longer has is not applied.
        expect(Option.isNone(await run(store.changeCallback(id, jon, { _tag: 'Cancel' }, now)))).toBe(true)
        expect(
          Option.getOrThrow(
            await run(store.changeCallback(id, ivy, { _tag: 'HandOver', ownerAgentId: jon }, now)),
          ),
        ).toMatchObject({ ownerAgentId: jon })
        expect(
          Option.getOrThrow(
            await run(store.changeCallback(id, jon, { _tag: 'HandOver', ownerAgentId: null }, now)),
          ),
        ).toMatchObject({ ownerAgentId: null })
        expect(Option.isSome(await run(store.changeCallback(id, null, { _tag: 'Cancel' }, now)))).toBe(true)
        // Cancelled: no longer pending, due or changeable.
        expect(Option.isNone(await run(store.findCallback(id)))).toBe(true)
        expect(await run(store.dueCallbacks(later))).toEqual([])
        expect(Option.isNone(await run(store.changeCallback(id, null, { _tag: 'Cancel' }, now)))).toBe(true)
      })

      it('lets one regeneration run at a time until its lease ends', async () => {
        expect(await run(store.startRegeneration('a', now, 60_000))).toBe(true)
        expect(await run(store.startRegeneration('b', now, 60_000))).toBe(false)
        expect(await run(store.startRegeneration('b', new Date(+now + 61_000), 60_000))).toBe(true)
        await run(store.finishRegeneration('b'))
        expect(await run(store.startRegeneration('c', now, 60_000))).toBe(true)
        await run(store.finishRegeneration('c'))
      })
    })
  })
