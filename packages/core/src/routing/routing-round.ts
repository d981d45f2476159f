import { Duration, Effect, Option, Schedule } from 'effect'
import { moveAgent } from '../agents/move-agent.js'
import type { CallSession } from '../calls/call-session.js'
import { CallStore } from '../calls/call-store.js'
import { publish } from '../kernel/events.js'
import type { AgentId } from '../kernel/ids.js'
import { currentDate } from '../kernel/time.js'
import { QueueStore } from '../queues/queue-store.js'
import { isTerminal } from '../telephony/call-event.js'
import { Telephony } from '../telephony/telephony.js'
import type { QueueContact } from './contact.js'
import { type AgentFacts, callFacts, decide } from './decide.js'
import { callEnded, overflow } from './enqueue.js'
import type { ContactConnected, ReservationLapsed } from './events.js'
import { routingFacts } from './facts.js'
import { followCallEnds } from './follow-calls.js'
import type { RoutingQueue } from './queue.js'
import { RoutingStore } from './routing-store.js'

/** What one routing round did. */
export interface RoutingRoundResult {
  readonly connected: number
  readonly lapsed: number
  readonly overflowed: number
  readonly waiting: number
}

/** A reservation past its timeout: the call waits again, and that agent is tried last. */
const lapse = (contact: QueueContact, now: Date) =>
  Effect.gen(function* () {
    const store = yield* RoutingStore
    const agentId = contact.reservedAgentId as string
    const moved = yield* store.moveContact(contact, {
      ...contact,
      state: 'waiting',
      reservedAgentId: null,
      reservedUntil: null,
      lapsedAgentIds: [...contact.lapsedAgentIds.filter((id) => id !== agentId), agentId],
    })
    if (Option.isSome(moved))
      yield* publish({
        _tag: 'ReservationLapsed',
        at: now,
        callId: contact.callId,
        queueId: contact.queueId,
        agentId,
      } satisfies ReservationLapsed)
    return Option.isSome(moved)
  })

/** Back to waiting without blame: the agent was not free after all (another call took them). */
const release = (contact: QueueContact) =>
  Effect.flatMap(RoutingStore, (store) =>
    store.moveContact(contact, { ...contact, state: 'waiting', reservedAgentId: null, reservedUntil: null }),
  )

/**
 * Gives the agent the queue entry of a call that has one held by nobody (it was passed back when the
 * call went to a queue). Whether they got it; an agent who already holds a lead keeps it and gets the
 * call without this one (logged), and without a queue store there is nothing to hand.
 */
const handLead = (session: CallSession, agentId: AgentId) =>
  Effect.gen(function* () {
    if (session.direction !== 'outbound') return false
    const queues = yield* Effect.serviceOption(QueueStore)
    if (Option.isNone(queues)) return false
    const handed = yield* queues.value.handEntryTo(session.entryId, agentId)
    if (!handed)
      yield* Effect.logWarning('routing: the call reached the agent without its lead').pipe(
        Effect.annotateLogs({ callId: session.id, entryId: session.entryId, agentId }),
      )
    return handed
  })

/** Whether the contact's call has ended, by its session or, if that still says live, by the provider. */
const callIsOver = (contact: QueueContact) =>
  Effect.gen(function* () {
    const session = yield* Effect.flatMap(CallStore, (calls) => calls.findSession(contact.callId))
    if (Option.isNone(session) || isTerminal(session.value.status)) return true
    const looked = yield* Effect.either(
      Effect.flatMap(Telephony, (telephony) => telephony.lookupCall(contact.providerCallId)),
    )
    // The provider could not say: the call may well be live, so it waits again.
    if (looked._tag === 'Left') return false
    return Option.match(looked.right, { onNone: () => true, onSome: (event) => isTerminal(event.status) })
  })

/** The call could not reach the agent: its lead is held by nobody again, for the next one. */
const giveLeadBack = (session: CallSession, agentId: AgentId) =>
  Effect.flatMap(Effect.serviceOption(QueueStore), (queues) =>
    Option.isSome(queues) ? queues.value.passEntry(session.entryId, agentId, null) : Effect.succeed(false),
  )

/**
 * Connects a reserved call: the agent moves from available to on a call (compare-and-set), the call
 * session gets its agent, the caller joins the agent's conference (auto mode, decision 0022), and the
 * contact is `connected`; a call carrying a lead hands it to the agent. If the agent is no longer free, the call waits again; if the audio cannot
 * be connected, the agent is freed and the call waits again with that agent tried last.
 */
const connect = (reserved: QueueContact, agentId: string) =>
  Effect.gen(function* () {
    const now = yield* currentDate
    const after = yield* moveAgent(agentId as AgentId, 'available', { state: 'on_call', reason: null }, now)
    if (!after.moved) {
      yield* release(reserved)
      return false
    }
    const assigned = yield* Effect.flatMap(CallStore, (calls) =>
      calls.assignAgent(reserved.callId, agentId as AgentId),
    )
    if (Option.isNone(assigned))
      yield* Effect.logDebug('routing: the call session was not given the agent (none, or it has one)').pipe(
        Effect.annotateLogs({ callId: reserved.callId, agentId }),
      )
    // A call that carries a lead (an outbound call transferred to a queue) hands its queue entry to the
    // agent, so their desk shows the lead and they record the outcome; an inbound call carries none.
    const handed = Option.isSome(assigned) ? yield* handLead(assigned.value, agentId as AgentId) : false
    const audio = yield* Effect.either(
      Effect.flatMap(Telephony, (telephony) => telephony.connectToAgent(reserved.providerCallId, agentId)),
    )
    if (audio._tag === 'Left') {
      yield* Effect.logWarning('routing: the call could not join the agent', audio.left)
      yield* moveAgent(agentId as AgentId, 'on_call', { state: 'wrap_up', reason: null }, now)
      yield* moveAgent(agentId as AgentId, 'wrap_up', { state: 'available', reason: null }, now)
      if (handed && Option.isSome(assigned)) yield* giveLeadBack(assigned.value, agentId as AgentId)
      // A call that is over (its end never reached routing) leaves the queue: offered again every
      // round, it took a free agent from the callers behind it for ever.
      if (yield* callIsOver(reserved)) yield* callEnded(reserved.callId)
      else yield* lapse(reserved, now)
      return false
    }
    const connected = yield* Effect.flatMap(RoutingStore, (store) =>
      store.moveContact(reserved, {
        ...reserved,
        state: 'connected',
        answeredAt: now,
        agentId,
        reservedUntil: null,
      }),
    )
    if (Option.isNone(connected)) {
      // The caller hung up in the meantime; the call's end frees the agent as any call's does.
      return false
    }
    yield* publish({
      _tag: 'ContactConnected',
      at: now,
      callId: reserved.callId,
      queueId: reserved.queueId,
      agentId,
      waitedMs: +now - +reserved.enqueuedAt,
    } satisfies ContactConnected)
    return true
  })

/** Reserves the first agent of the offer order that no other call holds, then connects. */
const route = (
  contact: QueueContact,
  queue: RoutingQueue,
  agents: AgentFacts[],
  history: Parameters<typeof decide>[3],
  now: Date,
) =>
  Effect.gen(function* () {
    const store = yield* RoutingStore
    const decision = decide(queue, callFacts(contact, now), agents, history, now)
    for (const candidate of decision.offerOrder) {
      const reserved = yield* store.moveContact(contact, {
        ...contact,
        state: 'reserved',
        reservedAgentId: candidate.agentId,
        reservedUntil: new Date(+now + queue.reservationTimeoutSeconds * 1000),
      })
      const index = agents.findIndex((agent) => agent.agentId === candidate.agentId)
      if (index >= 0) agents[index] = { ...(agents[index] as AgentFacts), reserved: true }
      if (Option.isNone(reserved)) {
        // Either the contact moved (abandoned, another instance) or the agent is held elsewhere.
        const again = yield* store.contactForCall(contact.callId)
        if (Option.isNone(again) || again.value.state !== 'waiting' || again.value.id !== contact.id)
          return false
        continue
      }
      return yield* connect(reserved.value, candidate.agentId)
    }
    return false
  })

/**
 * One routing round, run every 500 ms by each app instance (like the engine's pacing round; the
 * store's compare-and-set keeps instances from taking one agent or one call twice): lapses
 * reservations past their timeout, overflows calls past their queue's max wait, then for each
 * waiting call (highest priority, then longest waiting) reserves the agent its queue's rules and
 * strategy choose and connects them.
 */
export const routingRound = Effect.gen(function* () {
  const store = yield* RoutingStore
  const now = yield* currentDate
  let open = yield* store.openContacts()
  if (open.length === 0)
    return { connected: 0, lapsed: 0, overflowed: 0, waiting: 0 } satisfies RoutingRoundResult
  const queues = new Map((yield* store.listQueues()).map((queue) => [queue.id, queue]))
  let lapsed = 0
  let overflowed = 0
  for (const contact of open) {
    if (contact.state === 'reserved' && contact.reservedUntil !== null && +contact.reservedUntil <= +now) {
      if (yield* lapse(contact, now)) lapsed++
    }
  }
  open = yield* store.openContacts()
  for (const contact of open) {
    const queue = queues.get(contact.queueId)
    if (!queue || contact.state !== 'waiting' || queue.maxWaitSeconds === null) continue
    if (+now - +contact.enqueuedAt < queue.maxWaitSeconds * 1000) continue
    const moved = yield* store.moveContact(contact, {
      ...contact,
      state: 'overflowed',
      overflowedAt: now,
      endedAt: now,
    })
    if (Option.isSome(moved)) {
      overflowed++
      yield* overflow(moved.value, queue, 'max-wait')
    }
  }
  const waiting = (yield* store.openContacts()).filter((contact) => contact.state === 'waiting')
  if (waiting.length === 0)
    return { connected: 0, lapsed, overflowed, waiting: 0 } satisfies RoutingRoundResult
  const { agents, history } = yield* routingFacts(now)
  const facts = [...agents]
  let connected = 0
  for (const contact of waiting) {
    const queue = queues.get(contact.queueId)
    if (!queue) continue
    if (yield* route(contact, queue, facts, history, now)) connected++
  }
  return { connected, lapsed, overflowed, waiting: waiting.length - connected } satisfies RoutingRoundResult
})

/** How often the routing round runs: like the engine's pacing round, twice a second. */
export const ROUTING_INTERVAL_MS = 500

/**
 * Routing for an app instance: a round every `intervalMs` until interrupted (a failed round is logged
 * and the next one runs: a store outage must not stop routing for good), and each call's contact ended
 * when the call ends (`followCallEnds`). Fork it for the app's life.
 */
export const runRouting = (intervalMs = ROUTING_INTERVAL_MS) =>
  Effect.zip(rounds(intervalMs), followCallEnds, { concurrent: true }).pipe(Effect.asVoid)

const rounds = (intervalMs: number) =>
  Effect.repeat(
    routingRound.pipe(
      Effect.catchAll((error) =>
        Effect.as(
          Effect.logError('Routing round failed').pipe(Effect.annotateLogs({ error: error.message })),
          null,
        ),
      ),
    ),
    Schedule.spaced(Duration.millis(intervalMs)),
  ).pipe(Effect.asVoid)
