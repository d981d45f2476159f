import type { DomainEvent } from '../kernel/events.js'
import type { OverflowTarget } from './queue.js'

/** A call joined a live-call queue. */
export interface ContactQueued extends DomainEvent {
  readonly _tag: 'ContactQueued'
  readonly callId: string
  readonly queueId: string
  readonly contactId: string
}

/** Routing connected a waiting call to an agent. */
export interface ContactConnected extends DomainEvent {
  readonly _tag: 'ContactConnected'
  readonly callId: string
  readonly queueId: string
  readonly agentId: string
  readonly waitedMs: number
}

/** The caller hung up while waiting. */
export interface ContactAbandoned extends DomainEvent {
  readonly _tag: 'ContactAbandoned'
  readonly callId: string
  readonly queueId: string
  readonly waitedMs: number
}

/**
 * A call left its queue for the overflow target: it waited past the queue's max wait, or found the
 * queue full. Routing moves it to a target queue itself and hangs up for `hang-up`; voicemail is for
 * whoever listens (the inbound area).
 */
export interface ContactOverflowed extends DomainEvent {
  readonly _tag: 'ContactOverflowed'
  readonly callId: string
  readonly providerCallId: string
  readonly queueId: string
  readonly reason: 'max-wait' | 'full'
  readonly target: OverflowTarget
}

/** A reserved agent's hold on a call lapsed: the call waits for the next agent. */
export interface ReservationLapsed extends DomainEvent {
  readonly _tag: 'ReservationLapsed'
  readonly callId: string
  readonly queueId: string
  readonly agentId: string
}

/** A supervisor saved or deleted a live-call queue. */
export interface RoutingQueueChanged extends DomainEvent {
  readonly _tag: 'RoutingQueueChanged'
  readonly queueId: string
  readonly change: 'saved' | 'deleted'
  readonly actor: string
}

export type RoutingEvent =
  | ContactQueued
  | ContactConnected
  | ContactAbandoned
  | ContactOverflowed
  | ReservationLapsed
  | RoutingQueueChanged
