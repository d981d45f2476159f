import { Schema } from 'effect'
import { RoutingQueueId } from './queue.js'

/** A call attribute routing rules can read (`call.language`, `call.leadId`...). */
export const CallAttribute = Schema.Union(Schema.String, Schema.Number, Schema.Boolean)
export type CallAttribute = typeof CallAttribute.Type

/** A call asking for an agent: where it waits, and what the rules may read of it. */
export const RouteRequest = Schema.Struct({
  /** Our call session's id. */
  callId: Schema.Trim.pipe(Schema.nonEmptyString(), Schema.maxLength(100)),
  providerCallId: Schema.Trim.pipe(Schema.nonEmptyString(), Schema.maxLength(100)),
  queueId: RoutingQueueId,
  direction: Schema.Literal('inbound', 'outbound'),
  /** fromNumber, leadId, language, skills (wanted, comma separated)...: `call.<name>` in a rule. */
  attributes: Schema.Record({
    key: Schema.String.pipe(
      Schema.pattern(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, {
        message: () => 'an attribute name is 1 to 40 letters, digits or _, starting with a letter',
      }),
    ),
    value: CallAttribute,
  }),
  /** The agent who last spoke to this number: offered the call first when free. */
  preferredAgentId: Schema.optional(Schema.UUID),
  /** Higher goes first; calls of one priority are taken oldest first. */
  priority: Schema.optional(Schema.Int.pipe(Schema.between(0, 100))),
})
export type RouteRequest = typeof RouteRequest.Type
export type RouteRequestInput = typeof RouteRequest.Encoded

export const ContactState = Schema.Literal(
  'waiting',
  'reserved',
  'connected',
  'abandoned',
  'overflowed',
  'ended',
)
export type ContactState = typeof ContactState.Type

/**
 * One call's stay in a queue. SLA (service level, speed of answer, abandonment, handle time) is
 * computed from these fields: `answeredAt` is when it reached an agent, `abandonedAt` when the caller
 * hung up waiting, `overflowedAt` when it left for the overflow target, `endedAt` when the stay ended
 * (any of those, or the connected call's end).
 */
export const QueueContact = Schema.Struct({
  id: Schema.String,
  queueId: RoutingQueueId,
  callId: Schema.String,
  providerCallId: Schema.String,
  direction: Schema.Literal('inbound', 'outbound'),
  attributes: Schema.Record({ key: Schema.String, value: CallAttribute }),
  preferredAgentId: Schema.NullOr(Schema.String),
  priority: Schema.Int,
  enqueuedAt: Schema.DateFromSelf,
  reservedAgentId: Schema.NullOr(Schema.String),
  reservedUntil: Schema.NullOr(Schema.DateFromSelf),
  /** Agents whose reservation for this call lapsed: offered the call only when nobody else can take it. */
  lapsedAgentIds: Schema.Array(Schema.String),
  answeredAt: Schema.NullOr(Schema.DateFromSelf),
  abandonedAt: Schema.NullOr(Schema.DateFromSelf),
  overflowedAt: Schema.NullOr(Schema.DateFromSelf),
  endedAt: Schema.NullOr(Schema.DateFromSelf),
  agentId: Schema.NullOr(Schema.String),
  state: ContactState,
})
export type QueueContact = typeof QueueContact.Type

/** A contact still in the queue: waiting for an agent, or one reserved for it. */
export const isOpen = (contact: QueueContact) => contact.state === 'waiting' || contact.state === 'reserved'
