import { Context, Effect, Layer, Option, PubSub, type Queue, type Scope } from 'effect'

/**
 * Something that happened in the dialler, published once by the program that made it happen. Each
 * area defines its own events (`agents/events.ts`, `calls/events.ts`, ...); they share this shape:
 * a `_tag` naming what happened and `at`, when.
 */
export interface DomainEvent {
  readonly _tag: string
  readonly at: Date
}

export interface DomainEventsService {
  readonly publish: (event: DomainEvent) => Effect.Effect<void>
  /** Every event published from now on, until the scope closes. */
  readonly subscribe: Effect.Effect<Queue.Dequeue<DomainEvent>, never, Scope.Scope>
}

/** The stream of domain events. Optional: programs publish only when it is provided. */
export class DomainEvents extends Context.Tag('@ringlane/core/DomainEvents')<
  DomainEvents,
  DomainEventsService
>() {
  /**
   * Events inside one process. A slow subscriber drops its oldest events rather than holding up the
   * programs that publish (a dashboard can reload; a webhook must not wait).
   */
  static readonly inMemory = (capacity = 4096) =>
    Layer.scoped(
      DomainEvents,
      Effect.map(
        Effect.acquireRelease(PubSub.sliding<DomainEvent>(capacity), PubSub.shutdown),
        (hub): DomainEventsService => ({
          publish: (event) => Effect.asVoid(PubSub.publish(hub, event)),
          subscribe: PubSub.subscribe(hub),
        }),
      ),
    )
}

/** Publishes an event if the stream is provided; a program never fails for want of listeners. */
export const publish = <Event extends DomainEvent>(event: Event) =>
  Effect.flatMap(Effect.serviceOption(DomainEvents), (events) =>
    Option.isSome(events) ? events.value.publish(event) : Effect.void,
  )
