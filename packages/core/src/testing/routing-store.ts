import { Effect, Option, Schema } from 'effect'
import { beforeEach, describe, expect, it } from 'vitest'
import type { AgentId } from '../kernel/ids.js'
import { type QueueContact, waitingContact } from '../routing/contact.js'
import { RoutingQueue } from '../routing/queue.js'
import type { RoutingStoreService } from '../routing/routing-store.js'
import { withFixture } from './suite.js'

export interface RoutingStoreFixture {
  readonly store: RoutingStoreService
  /** How many queue contacts the store really holds, read around the adapter under test. */
  readonly contactCount: () => Promise<number>
  /** Creates an agent in the dialler store (skills belong to an agent); gives its id. */
  readonly newAgent: (email: string) => Promise<AgentId>
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (second: number) => new Date(Date.UTC(2026, 10, 26, 9, 0, second))

const queue = (fields: Partial<typeof RoutingQueue.Encoded> = {}): RoutingQueue =>
  Schema.decodeUnknownSync(RoutingQueue)({
    id: 'welsh',
    name: 'Welsh claims',
    maxSize: 10,
    maxWaitSeconds: 120,
    overflow: { kind: 'voicemail', boxId: 'welsh-box' },
    requiredSkills: ['claims'],
    requiredLanguages: ['cy'],
    agentIds: ['a0000000-0000-4000-8000-000000000001'],
    strategy: 'round-robin',
    reservationTimeoutSeconds: 15,
    steps: [
      { expression: 'agent.skills has "welsh"', timeoutSeconds: 20 },
      { expression: 'true', timeoutSeconds: null },
    ],
    version: 1,
    ...fields,
  })

let serial = 0
const contact = (fields: Partial<QueueContact> = {}): QueueContact => {
  serial++
  const request = {
    callId: `call-${serial}`,
    providerCallId: `CA${serial}`,
    queueId: 'welsh' as QueueContact['queueId'],
    direction: 'inbound' as const,
    attributes: { language: 'cy', vip: true, score: 7 },
  }
  const id = `c0000000-0000-4000-8000-${String(serial).padStart(12, '0')}`
  return { ...waitingContact(request, id, at(serial % 50)), ...fields }
}

/**
 * The contract every routing store meets. Call it once from the adapter's test file with a setup
 * that returns a fresh, migrated store on a real engine.
 */
export const describeRoutingStoreConformance = (name: string, setup: () => Promise<RoutingStoreFixture>) =>
  describe(`RoutingStore conformance: ${name}`, () => {
    let fixture: RoutingStoreFixture
    let store: RoutingStoreService
    let ann: AgentId
    let bob: AgentId

    withFixture(setup, (opened) => {
      fixture = opened
    })
    beforeEach(async () => {
      store = fixture.store
      ann = await fixture.newAgent('ann@example.com')
      bob = await fixture.newAgent('bob@example.com')
    })

    it('keeps a queue as given, replaces it on save, lists by name and deletes it', async () => {
      const welsh = queue()
      expect(await run(store.saveQueue(welsh))).toEqual(welsh)
      expect(Option.getOrNull(await run(store.findQueue('welsh')))).toEqual(welsh)
      const plain = queue({
        id: 'general',
        name: 'A general queue',
        maxSize: null,
        maxWaitSeconds: null,
        overflow: null,
        requiredSkills: [],
        requiredLanguages: [],
        agentIds: [],
        steps: [],
      })
      await run(store.saveQueue(plain))
      const edited = queue({ overflow: { kind: 'queue', queueId: 'general' }, version: 2, name: 'Welsh' })
      expect(await run(store.saveQueue(edited))).toEqual(edited)
      expect((await run(store.listQueues())).map((q) => q.id)).toEqual(['general', 'welsh'])
      expect(await run(store.deleteQueue('general'))).toBe(true)
      expect(await run(store.deleteQueue('general'))).toBe(false)
      expect(Option.isNone(await run(store.findQueue('general')))).toBe(true)
      expect(Option.isNone(await run(store.findQueue('not a queue id')))).toBe(true)
    })

    it("keeps each agent's skills and languages, the last set winning", async () => {
      await run(
        store.setAgentSkills({ agentId: ann, skills: { welsh: 8, claims: 3 }, languages: ['cy', 'en'] }),
      )
      await run(store.setAgentSkills({ agentId: bob, skills: {}, languages: [] }))
      await run(store.setAgentSkills({ agentId: ann, skills: { claims: 5 }, languages: ['en'] }))
      const all = await run(store.agentSkills())
      expect(all.find((s) => s.agentId === ann)).toEqual({
        agentId: ann,
        skills: { claims: 5 },
        languages: ['en'],
      })
      expect(all.find((s) => s.agentId === bob)).toEqual({ agentId: bob, skills: {}, languages: [] })
      expect(all).toHaveLength(2)
    })

    it('adds a waiting contact with every field as given', async () => {
      const given = contact({
        preferredAgentId: ann,
        priority: 5,
        attributes: { language: 'cy', n: 2.5, ok: false },
      })
      expect(await run(store.addContact(given, null))).toEqual({ _tag: 'Added', contact: given })
      expect(Option.getOrNull(await run(store.contactForCall(given.callId)))).toEqual(given)
      expect(Option.isNone(await run(store.contactForCall('never')))).toBe(true)
    })

    it('refuses a second open contact for one call, and a contact beyond the queue’s size, writing nothing', async () => {
      await run(store.saveQueue(queue()))
      const first = contact({ callId: 'call-x', enqueuedAt: at(1) })
      await run(store.addContact(first, 2))
      expect(await run(store.addContact(contact({ callId: 'call-x' }), 2))).toEqual({
        _tag: 'AlreadyQueued',
        contact: first,
      })
      await run(store.addContact(contact(), 2))
      expect(await run(store.addContact(contact(), 2))).toEqual({ _tag: 'Full' })
      expect(await fixture.contactCount()).toBe(2)
      // A call whose stay ended may queue again (an overflow into another queue, a transfer).
      const ended = await run(
        store.moveContact(first, { ...first, state: 'abandoned', abandonedAt: at(9), endedAt: at(9) }),
      )
      expect(Option.isSome(ended)).toBe(true)
      expect(
        (await run(store.addContact(contact({ callId: 'call-x', enqueuedAt: at(10) }), null)))._tag,
      ).toBe('Added')
      expect(Option.getOrNull(await run(store.contactForCall('call-x')))?.enqueuedAt).toEqual(at(10))
    })

    it('lists open contacts by priority, then longest waiting, per queue or all', async () => {
      const old = contact({ enqueuedAt: at(1) })
      const urgent = contact({ enqueuedAt: at(5), priority: 9 })
      const recent = contact({ enqueuedAt: at(3) })
      const elsewhere = contact({ enqueuedAt: at(0), queueId: 'general' as QueueContact['queueId'] })
      const done = contact({
        enqueuedAt: at(0),
        state: 'ended',
        answeredAt: at(1),
        endedAt: at(2),
        agentId: ann,
      })
      for (const c of [old, urgent, recent, elsewhere, done]) await run(store.addContact(c, null))
      expect((await run(store.openContacts('welsh'))).map((c) => c.id)).toEqual([
        urgent.id,
        old.id,
        recent.id,
      ])
      expect((await run(store.openContacts())).map((c) => c.id)).toEqual([
        urgent.id,
        elsewhere.id,
        old.id,
        recent.id,
      ])
    })

    it('lists the contacts enqueued in [since, until), oldest first', async () => {
      const a = contact({ enqueuedAt: at(10) })
      const b = contact({ enqueuedAt: at(20), state: 'overflowed', overflowedAt: at(30), endedAt: at(30) })
      const c = contact({ enqueuedAt: at(30) })
      const other = contact({ enqueuedAt: at(15), queueId: 'general' as QueueContact['queueId'] })
      for (const x of [c, a, b, other]) await run(store.addContact(x, null))
      expect(
        (await run(store.contacts({ queueId: 'welsh', since: at(10), until: at(30) }))).map((x) => x.id),
      ).toEqual([a.id, b.id])
      expect(await run(store.contacts({ since: at(10), until: at(31) }))).toEqual([a, other, b, c])
    })

    it('moves a contact only from the state it is in (compare-and-set)', async () => {
      const waiting = contact()
      await run(store.addContact(waiting, null))
      const reserved = { ...waiting, state: 'reserved' as const, reservedAgentId: ann, reservedUntil: at(40) }
      expect(Option.getOrNull(await run(store.moveContact(waiting, reserved)))).toEqual(reserved)
      // Moved meanwhile: a second move from "waiting" finds it reserved.
      expect(Option.isNone(await run(store.moveContact(waiting, { ...waiting, state: 'abandoned' })))).toBe(
        true,
      )
      // Reserved for another agent than the caller thinks: refused too.
      const wrong = { ...reserved, reservedAgentId: bob }
      expect(
        Option.isNone(
          await run(
            store.moveContact(wrong, {
              ...wrong,
              state: 'waiting',
              reservedAgentId: null,
              reservedUntil: null,
            }),
          ),
        ),
      ).toBe(true)
      expect(await run(store.reservedAgents())).toEqual([ann])
      const connected = {
        ...reserved,
        state: 'connected' as const,
        answeredAt: at(41),
        agentId: ann,
        reservedUntil: null,
      }
      expect(Option.getOrNull(await run(store.moveContact(reserved, connected)))).toEqual(connected)
      expect(await run(store.reservedAgents())).toEqual([])
    })

    it('never reserves one agent for two calls, even when both try at once', async () => {
      const one = contact()
      const two = contact()
      await run(store.addContact(one, null))
      await run(store.addContact(two, null))
      const reserve = (c: QueueContact) =>
        store.moveContact(c, { ...c, state: 'reserved', reservedAgentId: ann, reservedUntil: at(59) })
      const results = await run(Effect.all([reserve(one), reserve(two)], { concurrency: 2 }))
      expect(results.filter(Option.isSome)).toHaveLength(1)
      expect(await run(store.reservedAgents())).toEqual([ann])
      // Bob is still free for the other one.
      const loser = Option.isSome(results[0] as Option.Option<QueueContact>) ? two : one
      const forBob = await run(
        store.moveContact(loser, {
          ...loser,
          state: 'reserved',
          reservedAgentId: bob,
          reservedUntil: at(59),
        }),
      )
      expect(Option.isSome(forBob)).toBe(true)
    })

    it('queues one call once, even when it is added twice at once', async () => {
      const results = await run(
        Effect.all(
          [
            store.addContact(contact({ callId: 'twice' }), null),
            store.addContact(contact({ callId: 'twice' }), null),
          ],
          {
            concurrency: 2,
          },
        ),
      )
      expect(results.map((r) => r._tag).sort()).toEqual(['Added', 'AlreadyQueued'])
      expect(await fixture.contactCount()).toBe(1)
    })

    it("gives agents' answered calls still connected or ended since a time (for strategies)", async () => {
      const old = contact({ state: 'ended', agentId: ann, answeredAt: at(1), endedAt: at(2) })
      const recent = contact({ state: 'ended', agentId: bob, answeredAt: at(3), endedAt: at(20) })
      const live = contact({ state: 'connected', agentId: ann, answeredAt: at(4) })
      const abandoned = contact({ state: 'abandoned', abandonedAt: at(30), endedAt: at(30) })
      for (const c of [old, recent, live, abandoned]) await run(store.addContact(c, null))
      expect((await run(store.agentContactsSince(at(10)))).map((c) => c.id)).toEqual([recent.id, live.id])
    })
  })
