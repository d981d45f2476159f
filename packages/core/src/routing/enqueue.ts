import { Effect, Option, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { publish } from '../kernel/events.js'
import { currentDate, StorableDate } from '../kernel/time.js'
import { Telephony } from '../telephony/telephony.js'
import { isOpen, type QueueContact, RouteRequest, type RouteRequestInput } from './contact.js'
import { decide } from './decide.js'
import { strict } from './decode.js'
import {
  CallAlreadyQueued,
  InvalidRouteRequest,
  type RoutingStoreError,
  type UnknownRoutingQueue,
} from './errors.js'
import type { ContactAbandoned, ContactOverflowed, ContactQueued } from './events.js'
import { routingFacts } from './facts.js'
import { existingQueue } from './manage-queues.js'
import type { RoutingQueue } from './queue.js'
import { RoutingStore } from './routing-store.js'

const decodeRequest = strict(RouteRequest, (issue) => new InvalidRouteRequest(issue))

const newContact = (request: RouteRequest, now: Date): QueueContact => ({
  id: crypto.randomUUID(),
  queueId: request.queueId,
  callId: request.callId,
  providerCallId: request.providerCallId,
  direction: request.direction,
  attributes: request.attributes,
  preferredAgentId: request.preferredAgentId ?? null,
  priority: request.priority ?? 0,
  enqueuedAt: now,
  reservedAgentId: null,
  reservedUntil: null,
  lapsedAgentIds: [],
  answeredAt: null,
  abandonedAt: null,
  overflowedAt: null,
  endedAt: null,
  agentId: null,
  state: 'waiting',
})

/**
 * Sends a call that left its queue to the overflow target: another queue (routing enqueues it there),
 * hang-up (routing ends the call), or voicemail (announced by `ContactOverflowed` for the inbound area).
 */
export const overflow = (contact: QueueContact, queue: RoutingQueue, reason: ContactOverflowed['reason']) =>
  Effect.gen(function* () {
    const target = queue.overflow ?? ({ kind: 'hang-up' } as const)
    yield* publish({
      _tag: 'ContactOverflowed',
      at: contact.overflowedAt ?? (yield* currentDate),
      callId: contact.callId,
      providerCallId: contact.providerCallId,
      queueId: queue.id,
      reason,
      target,
    } satisfies ContactOverflowed)
    if (target.kind === 'queue') {
      // One hop: the target's own overflow applies there; a failure leaves the call to the caller's hang-up.
      yield* Effect.catchAll(
        enqueueChecked({
          callId: contact.callId,
          providerCallId: contact.providerCallId,
          queueId: target.queueId as RouteRequest['queueId'],
          direction: contact.direction,
          attributes: contact.attributes,
          ...(contact.preferredAgentId === null ? {} : { preferredAgentId: contact.preferredAgentId }),
          priority: contact.priority,
        }),
        (error) => Effect.logWarning('routing: overflow into another queue failed', error),
      )
    } else if (target.kind === 'hang-up') {
      const telephony = yield* Effect.serviceOption(Telephony)
      if (Option.isSome(telephony))
        yield* Effect.catchAll(telephony.value.endCall(contact.providerCallId), (error) =>
          Effect.logWarning('routing: overflowed call not hung up', error),
        )
    }
  })

type EnqueueError = UnknownRoutingQueue | CallAlreadyQueued | RoutingStoreError

const enqueueChecked = (request: RouteRequest): Effect.Effect<QueueContact, EnqueueError, RoutingStore> =>
  Effect.gen(function* () {
    const queue = yield* existingQueue(request.queueId, 'queueId')
    const store = yield* RoutingStore
    const now = yield* currentDate
    const contact = newContact(request, now)
    const added = yield* store.addContact(contact, queue.maxSize)
    if (added._tag === 'AlreadyQueued')
      return yield* new CallAlreadyQueued({
        field: 'callId',
        callId: request.callId,
        queueId: added.contact.queueId,
        message: `callId: call ${request.callId} already waits in queue "${added.contact.queueId}"`,
      })
    if (added._tag === 'Full') {
      const overflowed: QueueContact = { ...contact, state: 'overflowed', overflowedAt: now, endedAt: now }
      yield* store.addContact(overflowed, null)
      yield* overflow(overflowed, queue, 'full')
      return overflowed
    }
    yield* publish({
      _tag: 'ContactQueued',
      at: now,
      callId: contact.callId,
      queueId: contact.queueId,
      contactId: contact.id,
    } satisfies ContactQueued)
    return contact
  })

/**
 * Puts a call in a live-call queue to wait for an agent; the routing round reserves and connects
 * one. A full queue sends the call to its overflow target at once (the contact is `overflowed`).
 * Refused, writing nothing: a malformed request (`InvalidRouteRequest`), an unknown queue, a call
 * already waiting in a queue (`CallAlreadyQueued`).
 */
export const enqueue = (input: RouteRequestInput) => Effect.flatMap(decodeRequest(input), enqueueChecked)

const decodeCallId = decodeWith(
  Schema.Trim.pipe(Schema.nonEmptyString(), Schema.maxLength(100)),
  (issue) => new InvalidRouteRequest({ field: 'callId', message: `callId: ${issue.message}` }),
)

/**
 * The call is over (the caller hung up, or the connected call ended): a waiting or reserved contact
 * is `abandoned`, a connected one `ended`. Safe to call twice and for calls never queued (none).
 */
const callOver = (input: string) =>
  Effect.gen(function* () {
    const callId = yield* decodeCallId(input)
    const store = yield* RoutingStore
    // A round may move the contact meanwhile (reserve, connect): read again and retry.
    for (let attempt = 0; attempt < 5; attempt++) {
      const found = yield* store.contactForCall(callId)
      if (Option.isNone(found)) return Option.none<QueueContact>()
      const contact = found.value
      const now = yield* currentDate
      if (isOpen(contact)) {
        const moved = yield* store.moveContact(contact, {
          ...contact,
          state: 'abandoned',
          abandonedAt: now,
          endedAt: now,
          reservedAgentId: null,
          reservedUntil: null,
        })
        if (Option.isSome(moved)) {
          yield* publish({
            _tag: 'ContactAbandoned',
            at: now,
            callId,
            queueId: contact.queueId,
            waitedMs: +now - +contact.enqueuedAt,
          } satisfies ContactAbandoned)
          return moved
        }
      } else if (contact.state === 'connected') {
        const moved = yield* store.moveContact(contact, { ...contact, state: 'ended', endedAt: now })
        if (Option.isSome(moved)) return moved
      } else {
        return Option.some(contact)
      }
    }
    return yield* store.contactForCall(callId)
  })

/** The caller hung up while waiting (or at any time): see `callEnded`. */
export const callerHungUp = callOver

/** The call ended: its contact is `ended` if connected, `abandoned` if it was still waiting. */
export const callEnded = callOver

const ContactsQuery = Schema.Struct({
  queueId: Schema.optional(Schema.String.pipe(Schema.maxLength(40))),
  since: StorableDate,
  until: StorableDate,
})

const decodeQuery = decodeWith(ContactsQuery, (issue) => new InvalidRouteRequest(issue))

/** The contacts enqueued in `[since, until)`, of one queue or all, oldest first: what SLA is computed from. */
export const contacts = (input: { readonly queueId?: string; readonly since: Date; readonly until: Date }) =>
  Effect.gen(function* () {
    const query = yield* decodeQuery(input)
    if (+query.until <= +query.since)
      return yield* new InvalidRouteRequest({ field: 'until', message: 'until: must be after since' })
    return yield* Effect.flatMap(RoutingStore, (store) => store.contacts(query))
  })

/**
 * Which agent would get this call now (or at `at`, after `waitedSeconds` of waiting) and why, rule step by
 * rule step: the routing round's own decision, with nothing reserved or written.
 */
export const whoWouldGet = (input: RouteRequestInput, at?: Date, waitedSeconds = 0) =>
  Effect.gen(function* () {
    const request = yield* decodeRequest(input)
    if (
      at !== undefined &&
      !(at instanceof Date && at.getUTCFullYear() >= 1900 && at.getUTCFullYear() <= 9999)
    )
      return yield* new InvalidRouteRequest({
        field: 'at',
        message: 'at: must be a valid date in the years 1900 to 9999',
      })
    if (!Number.isFinite(waitedSeconds) || waitedSeconds < 0 || waitedSeconds > 86_400)
      return yield* new InvalidRouteRequest({
        field: 'waitedSeconds',
        message: 'waitedSeconds: must be between 0 and 86400',
      })
    const queue = yield* existingQueue(request.queueId)
    const now = at ?? (yield* currentDate)
    const { agents, history } = yield* routingFacts(now)
    return decide(
      queue,
      {
        attributes: request.attributes,
        preferredAgentId: request.preferredAgentId ?? null,
        waitedSeconds,
        lapsedAgentIds: [],
      },
      agents,
      history,
      now,
    )
  })
