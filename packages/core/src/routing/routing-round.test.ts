import { describe, expect, it } from '@effect/vitest'
import { Effect, Either, Fiber, Layer, Option, TestClock } from 'effect'
import fc from 'fast-check'
import type { AgentState, AgentStateName } from '../agents/agent-state.js'
import { AgentStore, type AgentStoreService } from '../agents/agent-store.js'
import { agentStatesOver } from '../agents/agent-store.test.support.js'
import { AuditLog } from '../audit/audit-log.js'
import type { CallSession } from '../calls/call-session.js'
import { CallStore, type CallStoreService } from '../calls/call-store.js'
import { type DomainEvent, DomainEvents, publish } from '../kernel/events.js'
import type { AgentId } from '../kernel/ids.js'
import type { CallEvent } from '../telephony/call-event.js'
import { Telephony, TelephonyError, type TelephonyService } from '../telephony/telephony.js'
import type { QueueContact, RouteRequestInput } from './contact.js'
import { callEnded, callerHungUp, contacts, enqueue, whoWouldGet } from './enqueue.js'
import { followCallEnds } from './follow-calls.js'
import { agentsHeldByRouting } from './held-agents.js'
import { routingQueues, saveRoutingQueue, setAgentSkills } from './manage-queues.js'
import type { RoutingQueueId, RoutingQueueInput } from './queue.js'
import { routingRound } from './routing-round.js'
import { RoutingStore } from './routing-store.js'
import { inMemoryRoutingStore } from './routing-store-memory.js'

// The routing round on a virtual clock, over the in-memory routing store and small fakes of the
// ports it drives (the agent store keeps its compare-and-set; telephony records who was connected).

const ann = 'a0000000-0000-4000-8000-00000000000a' as AgentId // speaks Welsh
const bob = 'a0000000-0000-4000-8000-00000000000b' as AgentId
const cat = 'a0000000-0000-4000-8000-00000000000c' as AgentId
const names: Record<string, string> = { [ann]: 'Ann', [bob]: 'Bob', [cat]: 'Cat' }

const world = (agents: Record<string, AgentStateName>) => {
  const states = new Map<string, AgentState>(
    Object.entries(agents).map(([id, state]) => [id, { state, reason: null, since: new Date(0) }]),
  )
  const connected: Array<{ call: string; agent: string }> = []
  const hungUp: string[] = []
  const events: DomainEvent[] = []
  let failConnect = false
  const agentStore = {
    listAgents: () =>
      Effect.succeed(
        Object.keys(agents).map((id) => ({
          id: id as AgentId,
          email: `${names[id]}@example.com`,
          displayName: names[id] as string,
          role: 'agent' as const,
          active: true,
          queueIds: [],
          createdAt: new Date(0),
        })),
      ),
    findAgent: (id) =>
      Effect.succeed(
        id in names
          ? Option.some({
              id,
              email: 'x@example.com',
              displayName: names[id] as string,
              role: 'agent' as const,
              active: true,
              queueIds: [],
            })
          : Option.none(),
      ),
    ...agentStatesOver(states),
  } as Pick<
    AgentStoreService,
    'listAgents' | 'findAgent' | 'agentState' | 'setAgentState'
  > as AgentStoreService
  /** Calls (provider ids) already over, whose end never reached routing: they cannot join anyone. */
  const over = new Set<string>()
  const callStore = {
    assignAgent: () => Effect.succeed(Option.none()),
    // The sessions say live; only the provider knows which calls are over.
    findSession: (id: string) => Effect.succeed(Option.some({ id, status: 'in-progress' } as CallSession)),
  } as Pick<CallStoreService, 'assignAgent' | 'findSession'> as CallStoreService
  const telephony = {
    connectToAgent: (call, agent) =>
      failConnect || over.has(call)
        ? Effect.fail(new TelephonyError({ operation: 'connectToAgent', message: 'the provider is down' }))
        : Effect.sync(() => void connected.push({ call, agent })),
    lookupCall: (call) =>
      failConnect
        ? Effect.fail(new TelephonyError({ operation: 'lookupCall', message: 'the provider is down' }))
        : Effect.succeed(
            over.has(call) ? Option.none() : Option.some({ status: 'in-progress' } as CallEvent),
          ),
    endCall: (call) =>
      Effect.sync(() => {
        hungUp.push(call)
        return true
      }),
  } as Pick<TelephonyService, 'connectToAgent' | 'lookupCall' | 'endCall'> as TelephonyService
  const layer = Layer.mergeAll(
    Layer.succeed(AgentStore, agentStore),
    Layer.succeed(CallStore, callStore),
    Layer.succeed(Telephony, telephony),
    Layer.succeed(RoutingStore, inMemoryRoutingStore()),
    Layer.succeed(AuditLog, { record: () => Effect.void, list: () => Effect.succeed([]) } as never),
    Layer.succeed(DomainEvents, {
      publish: (event) => Effect.sync(() => void events.push(event)),
      subscribe: Effect.never,
    }),
  )
  return {
    states,
    connected,
    hungUp,
    events,
    layer,
    setFailConnect: (fail: boolean) => {
      failConnect = fail
    },
    over,
    free: (id: string, sinceSecond: number) =>
      states.set(id, { state: 'available', reason: null, since: new Date(sinceSecond * 1000) }),
  }
}

const welshQueue = (fields: Partial<RoutingQueueInput> = {}): RoutingQueueInput => ({
  id: 'welsh',
  name: 'Welsh claims',
  maxWaitSeconds: 120,
  overflow: { kind: 'voicemail', boxId: 'welsh-box' },
  strategy: 'longest-idle',
  reservationTimeoutSeconds: 15,
  steps: [
    { expression: 'agent.skills has "welsh" and agent.languages has call.language', timeoutSeconds: 20 },
    { expression: 'true', timeoutSeconds: null },
  ],
  ...fields,
})

type World = ReturnType<typeof world>

const call = (n: number, fields: Partial<RouteRequestInput> = {}): RouteRequestInput => ({
  callId: `call-${n}`,
  providerCallId: `CA${n}`,
  queueId: 'welsh',
  direction: 'inbound',
  attributes: { language: 'cy' },
  ...fields,
})

const setUp = Effect.gen(function* () {
  yield* setAgentSkills({ agentId: ann, skills: { welsh: 9 }, languages: ['cy', 'en'] })
  yield* setAgentSkills({ agentId: bob, skills: { motor: 4 }, languages: ['en'] })
  yield* saveRoutingQueue(welshQueue())
})

/** A test in a world of these agents, with their skills and the Welsh queue set up first. */
const routed = <A, E>(
  agents: Record<string, AgentStateName>,
  test: (w: World) => Effect.Effect<A, E, Layer.Layer.Success<World['layer']>>,
) => {
  const w = world(agents)
  return Effect.gen(function* () {
    yield* setUp
    return yield* test(w)
  }).pipe(Effect.provide(w.layer))
}

describe('the routing round', () => {
  it.effect(
    'gives a Welsh caller to the Welsh-speaking agent at once, and the call is connected to her',
    () =>
      routed({ [ann]: 'available', [bob]: 'available' }, (w) =>
        Effect.gen(function* () {
          yield* enqueue(call(1))
          expect(yield* routingRound).toMatchObject({ connected: 1, waiting: 0 })
          expect(w.connected).toEqual([{ call: 'CA1', agent: ann }])
          expect(w.states.get(ann)?.state).toBe('on_call')
          const [contact] = yield* contacts({ since: new Date(0), until: new Date(60_000) })
          expect(contact).toMatchObject({ state: 'connected', agentId: ann, answeredAt: new Date(0) })
        }),
      ),
  )

  it.effect('waits for the Welsh speaker for 20 s (step 1), then widens to any agent (step 2)', () =>
    routed({ [ann]: 'on_call', [bob]: 'available' }, (w) =>
      Effect.gen(function* () {
        yield* enqueue(call(1))
        expect(yield* routingRound).toMatchObject({ connected: 0, waiting: 1 })
        yield* TestClock.adjust('19999 millis')
        expect(yield* routingRound).toMatchObject({ connected: 0 })
        yield* TestClock.adjust('1 millis')
        expect(yield* routingRound).toMatchObject({ connected: 1 })
        expect(w.connected).toEqual([{ call: 'CA1', agent: bob }])
        const [contact] = yield* contacts({ since: new Date(0), until: new Date(60_000) })
        expect(contact?.answeredAt).toEqual(new Date(20_000))
      }),
    ),
  )

  it.effect('explains, step by step, who would get the call', () =>
    routed({ [ann]: 'on_call', [bob]: 'available' }, () =>
      Effect.gen(function* () {
        const now = yield* whoWouldGet(call(1))
        expect(now.step).toBe(1)
        expect(now.agentId).toBeNull()
        expect(now.agents.find((a) => a.agentId === bob)).toMatchObject({
          matchesStep: [false, true],
          why: 'step 1 does not hold',
        })
        expect(now.agents.find((a) => a.agentId === ann)).toMatchObject({
          matchesStep: [true, true],
          why: 'is on call',
        })
        const later = yield* whoWouldGet(call(1), undefined, 25)
        expect(later).toMatchObject({ step: 2, agentId: bob, agentName: 'Bob' })
        expect(later.steps.map((s) => [s.fromSeconds, s.untilSeconds, s.inForce])).toEqual([
          [0, 20, false],
          [20, null, true],
        ])
        // The tester writes nothing.
        expect(yield* contacts({ since: new Date(0), until: new Date(60_000) })).toEqual([])
      }),
    ),
  )

  it.effect('offers the call first to the agent who last spoke to the caller, when free', () =>
    routed({ [ann]: 'available', [bob]: 'available' }, (w) =>
      Effect.gen(function* () {
        yield* saveRoutingQueue(welshQueue({ steps: [] }))
        w.free(ann, 0)
        w.free(bob, 5) // Ann has waited longer, so longest idle alone would pick her
        yield* enqueue(call(1, { preferredAgentId: bob }))
        yield* routingRound
        expect(w.connected).toEqual([{ call: 'CA1', agent: bob }])
      }),
    ),
  )

  it.effect('takes higher priority first, then the longest waiting', () =>
    routed({ [ann]: 'available' }, (w) =>
      Effect.gen(function* () {
        yield* enqueue(call(1))
        yield* TestClock.adjust('1 second')
        yield* enqueue(call(2, { priority: 5 }))
        yield* routingRound
        expect(w.connected).toEqual([{ call: 'CA2', agent: ann }])
      }),
    ),
  )

  it.effect('overflows a call past the max wait to voicemail, announcing it for the inbound area', () =>
    routed({ [ann]: 'paused' }, (w) =>
      Effect.gen(function* () {
        yield* enqueue(call(1))
        yield* TestClock.adjust('119 seconds')
        expect(yield* routingRound).toMatchObject({ overflowed: 0 })
        yield* TestClock.adjust('1 second')
        expect(yield* routingRound).toMatchObject({ overflowed: 1 })
        const [contact] = yield* contacts({ since: new Date(0), until: new Date(600_000) })
        expect(contact).toMatchObject({
          state: 'overflowed',
          overflowedAt: new Date(120_000),
          endedAt: new Date(120_000),
        })
        expect(w.events.filter((e) => e._tag === 'ContactOverflowed')).toEqual([
          expect.objectContaining({
            callId: 'call-1',
            queueId: 'welsh',
            reason: 'max-wait',
            target: { kind: 'voicemail', boxId: 'welsh-box' },
          }),
        ])
      }),
    ),
  )

  it.effect('overflows into another queue, where the call waits again; and hangs up for hang-up', () =>
    routed({ [ann]: 'paused' }, (w) =>
      Effect.gen(function* () {
        yield* saveRoutingQueue(
          welshQueue({
            id: 'general',
            name: 'General',
            maxWaitSeconds: 30,
            overflow: { kind: 'hang-up' },
            steps: [],
          }),
        )
        yield* saveRoutingQueue(
          welshQueue({ maxWaitSeconds: 10, overflow: { kind: 'queue', queueId: 'general' } }),
        )
        yield* enqueue(call(1))
        yield* TestClock.adjust('10 seconds')
        yield* routingRound
        const all = yield* contacts({ since: new Date(0), until: new Date(600_000) })
        expect(all.map((c) => [c.queueId, c.state])).toEqual([
          ['welsh', 'overflowed'],
          ['general', 'waiting'],
        ])
        yield* TestClock.adjust('30 seconds')
        yield* routingRound
        expect(w.hungUp).toEqual(['CA1'])
      }),
    ),
  )

  it.effect('sends a call that finds the queue full straight to the overflow', () =>
    routed({ [ann]: 'paused' }, (w) =>
      Effect.gen(function* () {
        yield* saveRoutingQueue(welshQueue({ maxSize: 1 }))
        expect((yield* enqueue(call(1))).state).toBe('waiting')
        expect(yield* enqueue(call(2))).toMatchObject({ state: 'overflowed', overflowedAt: new Date(0) })
        expect(w.events.filter((e) => e._tag === 'ContactOverflowed')).toEqual([
          expect.objectContaining({ callId: 'call-2', reason: 'full' }),
        ])
      }),
    ),
  )

  it.effect('hangs up a call two full queues would pass to each other for ever', () =>
    routed({ [ann]: 'paused' }, (w) =>
      Effect.gen(function* () {
        const general = { id: 'general', name: 'General', maxSize: 1, steps: [] }
        yield* saveRoutingQueue(welshQueue({ ...general, overflow: { kind: 'hang-up' } }))
        yield* saveRoutingQueue(welshQueue({ maxSize: 1, overflow: { kind: 'queue', queueId: 'general' } }))
        // Saving the loop is refused; two instances saving each half at once could still make one.
        const store = yield* RoutingStore
        const saved = Option.getOrThrow(yield* store.findQueue('general'))
        yield* store.saveQueue({
          ...saved,
          overflow: { kind: 'queue', queueId: 'welsh' as RoutingQueueId },
        })
        yield* enqueue(call(1))
        yield* enqueue(call(2, { queueId: 'general' }))
        // Both full: the third call goes welsh, general, and then not back to welsh but hung up.
        expect(yield* enqueue(call(3))).toMatchObject({ state: 'overflowed' })
        const all = yield* contacts({ since: new Date(0), until: new Date(60_000) })
        expect(all.filter((c) => c.callId === 'call-3').map((c) => [c.queueId, c.state])).toEqual([
          ['welsh', 'overflowed'],
          ['general', 'overflowed'],
        ])
        expect(w.hungUp).toEqual(['CA3'])
      }),
    ),
  )

  it.effect(
    'counts a caller who hangs up while waiting as abandoned, and a connected call’s end as ended',
    () =>
      routed({ [ann]: 'paused' }, (w) =>
        Effect.gen(function* () {
          yield* enqueue(call(1))
          yield* TestClock.adjust('7 seconds')
          const abandoned = yield* callerHungUp('call-1')
          expect(Option.getOrNull(abandoned)).toMatchObject({
            state: 'abandoned',
            abandonedAt: new Date(7000),
            endedAt: new Date(7000),
          })
          // Twice is once.
          expect(Option.getOrNull(yield* callerHungUp('call-1'))?.abandonedAt).toEqual(new Date(7000))
          w.free(ann, 7)
          yield* enqueue(call(2))
          yield* routingRound
          yield* TestClock.adjust('3 minutes')
          expect(Option.getOrNull(yield* callEnded('call-2'))).toMatchObject({
            state: 'ended',
            answeredAt: new Date(7000),
            endedAt: new Date(187_000),
          })
          expect(Option.isNone(yield* callEnded('never-queued'))).toBe(true)
        }),
      ),
  )

  it.effect('a reservation that lapses sends the call back to wait for the next agent', () =>
    routed({ [ann]: 'available', [bob]: 'available' }, (w) =>
      Effect.gen(function* () {
        yield* saveRoutingQueue(welshQueue({ steps: [] }))
        w.free(ann, 0)
        w.free(bob, 1)
        // A reservation whose connect never finished (the instance died): held for 15 s, then lapses.
        const store = yield* RoutingStore
        const contact = yield* enqueue(call(1))
        yield* store.moveContact(contact, {
          ...contact,
          state: 'reserved',
          reservedAgentId: ann,
          reservedUntil: new Date(15_000),
        })
        expect(yield* agentsHeldByRouting([ann, bob], false)).toEqual(new Set([ann]))
        yield* TestClock.adjust('14 seconds')
        expect(yield* routingRound).toMatchObject({ lapsed: 0, connected: 0 })
        yield* TestClock.adjust('1 second')
        expect(yield* routingRound).toMatchObject({ lapsed: 1, connected: 1 })
        // Ann let it lapse: Bob gets it though Ann has waited longer.
        expect(w.connected).toEqual([{ call: 'CA1', agent: bob }])
        expect(w.events.filter((e) => e._tag === 'ReservationLapsed')).toHaveLength(1)
      }),
    ),
  )

  it.effect('holds free agents for waiting calls from a campaign that takes inbound first', () =>
    routed({ [ann]: 'paused', [bob]: 'available', [cat]: 'available' }, (w) =>
      Effect.gen(function* () {
        yield* saveRoutingQueue(welshQueue({ steps: [], agentIds: [bob, cat] }))
        w.free(bob, 0)
        w.free(cat, 1)
        yield* enqueue(call(1))
        // One waiting call: the one agent it would get (Bob, longest idle) is held; Cat may be dialled for.
        expect(yield* agentsHeldByRouting([bob, cat], true)).toEqual(new Set([bob]))
        expect(yield* agentsHeldByRouting([bob, cat], false)).toEqual(new Set())
      }),
    ),
  )

  it.effect('frees the agent and tries the next one when the call cannot join them', () =>
    routed({ [ann]: 'available', [bob]: 'available' }, (w) =>
      Effect.gen(function* () {
        yield* saveRoutingQueue(welshQueue({ steps: [] }))
        w.free(ann, 0)
        w.free(bob, 1)
        yield* enqueue(call(1))
        w.setFailConnect(true)
        expect(yield* routingRound).toMatchObject({ connected: 0 })
        expect(w.states.get(ann)?.state).toBe('available')
        const [waiting] = yield* contacts({ since: new Date(0), until: new Date(60_000) })
        expect(waiting).toMatchObject({ state: 'waiting', lapsedAgentIds: [ann], answeredAt: null })
        w.setFailConnect(false)
        yield* routingRound
        expect(w.connected).toEqual([{ call: 'CA1', agent: bob }])
      }),
    ),
  )

  it.effect(
    'takes a call that is over out of the queue when it cannot join, so the caller behind gets the agent',
    () =>
      routed({ [ann]: 'available' }, (w) =>
        Effect.gen(function* () {
          yield* saveRoutingQueue(welshQueue({ steps: [] }))
          w.free(ann, 0)
          // The first caller hung up, and that end never reached routing; the second waits behind them.
          yield* enqueue(call(1))
          yield* TestClock.adjust('1 second')
          yield* enqueue(call(2))
          w.over.add('CA1')
          yield* routingRound
          const first = yield* Effect.flatMap(RoutingStore, (store) => store.contactForCall('call-1'))
          expect(Option.getOrNull(first)?.state).toBe('abandoned')
          expect(w.states.get(ann)?.state).toBe('available')
          yield* routingRound
          expect(w.connected).toEqual([{ call: 'CA2', agent: ann }])
        }),
      ),
  )

  it.effect("ends a connected call's contact when the call ends, as the call's own event says", () => {
    const w = world({ [ann]: 'available' })
    return Effect.gen(function* () {
      yield* setUp
      const follower = yield* Effect.fork(followCallEnds)
      yield* Effect.yieldNow()
      yield* enqueue(call(1))
      yield* routingRound
      yield* TestClock.adjust('4 minutes')
      yield* publish({ _tag: 'CallEnded', at: new Date(240_000), sessionId: 'call-1' } as DomainEvent)
      let contact = Option.none<QueueContact>()
      for (let i = 0; i < 50 && Option.getOrNull(contact)?.state !== 'ended'; i++) {
        yield* Effect.yieldNow()
        contact = yield* Effect.flatMap(RoutingStore, (store) => store.contactForCall('call-1'))
      }
      expect(Option.getOrNull(contact)).toMatchObject({
        state: 'ended',
        answeredAt: new Date(0),
        endedAt: new Date(240_000),
      })
      yield* Fiber.interrupt(follower)
    }).pipe(Effect.provide(Layer.merge(w.layer, DomainEvents.inMemory())))
  })
})

describe('overflow chains', () => {
  const queue = (id: string, overflow: RoutingQueueInput['overflow']): RoutingQueueInput => ({
    id,
    name: id.toUpperCase(),
    maxWaitSeconds: overflow ? 30 : null,
    overflow,
  })
  const refusal = <R>(saved: Effect.Effect<unknown, unknown, R>) =>
    Effect.map(Effect.either(saved), (result) =>
      Either.isLeft(result) ? (result.left as { _tag: string; field: string; message: string }) : null,
    )

  it.effect('refuse a queue whose overflow comes back to it, naming the chain, saving nothing', () => {
    const w = world({})
    return Effect.gen(function* () {
      yield* saveRoutingQueue(queue('a', null))
      yield* saveRoutingQueue(queue('b', { kind: 'queue', queueId: 'a' }))
      yield* saveRoutingQueue(queue('c', { kind: 'queue', queueId: 'b' }))
      // a → b → a
      const twoLong = yield* refusal(saveRoutingQueue(queue('a', { kind: 'queue', queueId: 'b' })))
      expect(twoLong).toMatchObject({ _tag: 'InvalidRoutingQueue', field: 'overflow.queueId' })
      expect(twoLong?.message).toContain('a → b → a')
      // a → c → b → a
      const threeLong = yield* refusal(saveRoutingQueue(queue('a', { kind: 'queue', queueId: 'c' })))
      expect(threeLong?.message).toContain('a → c → b → a')
      expect((yield* routingQueues).find((q) => q.id === 'a')).toMatchObject({ overflow: null, version: 1 })
      // Into itself, and a chain that ends (voicemail, hang up) is fine.
      const itself = yield* refusal(saveRoutingQueue(queue('a', { kind: 'queue', queueId: 'a' })))
      expect(itself).toMatchObject({ field: 'overflow.queueId' })
      yield* saveRoutingQueue(queue('a', { kind: 'hang-up' }))
      yield* saveRoutingQueue(queue('d', { kind: 'queue', queueId: 'c' }))
    }).pipe(Effect.provide(w.layer))
  })

  // Any order of saves among a few queues: the saved overflows never form a loop, and a save is refused
  // exactly when its target does not exist or the chain from the target (as saved so far) comes back.
  it('never let the saved overflows form a loop, whatever is saved in whatever order (property)', async () => {
    const ids = ['a', 'b', 'c', 'd']
    const save = fc.record({
      id: fc.constantFrom(...ids),
      to: fc.option(fc.constantFrom(...ids), { nil: null }),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(save, { minLength: 1, maxLength: 12 }), async (saves) => {
        const w = world({})
        const model = new Map<string, string | null>()
        // The chain from `from`, by the model: where it leads, at most one step per queue.
        const comesBack = (id: string, from: string) => {
          let at: string | null = from
          for (let steps = 0; at !== null && steps <= ids.length; steps++) {
            if (at === id) return true
            at = model.get(at) ?? null
          }
          return false
        }
        for (const { id, to } of saves) {
          const refused = await Effect.runPromise(
            refusal(
              saveRoutingQueue(queue(id, to === null ? null : { kind: 'queue', queueId: to })).pipe(
                Effect.provide(w.layer),
              ),
            ),
          )
          const expected = to !== null && (!model.has(to) || comesBack(id, to))
          expect(refused !== null, `${id} → ${to}`).toBe(expected)
          if (refused) expect(refused.field).toBe('overflow.queueId')
          else model.set(id, to)
        }
        const saved = await Effect.runPromise(routingQueues.pipe(Effect.provide(w.layer)))
        for (const start of saved) {
          let at: string | null = start.id
          for (let steps = 0; at !== null && steps <= ids.length; steps++) {
            const found = saved.find((q) => q.id === at)
            at = found?.overflow?.kind === 'queue' ? found.overflow.queueId : null
          }
          expect(at, `a loop from ${start.id}`).toBeNull()
        }
      }),
      { numRuns: 200 },
    )
  })
})
