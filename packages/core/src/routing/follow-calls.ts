import { Effect, Option, Queue } from 'effect'
import type { CallEnded } from '../calls/events.js'
import { DomainEvents } from '../kernel/events.js'
import { callEnded } from './enqueue.js'

/**
 * Ends each call's queue contact when the call ends (`CallEnded`, published once by whichever program
 * saw the end): a connected contact is `ended` (its handle time is then known), a waiting one
 * `abandoned`. Runs until interrupted; nothing to do when no event stream is provided.
 */
export const followCallEnds = Effect.scoped(
  Effect.gen(function* () {
    const events = yield* Effect.serviceOption(DomainEvents)
    if (Option.isNone(events)) return
    const subscription = yield* events.value.subscribe
    yield* Effect.forever(
      Effect.flatMap(Queue.take(subscription), (event) =>
        event._tag === 'CallEnded'
          ? callEnded((event as CallEnded).sessionId).pipe(
              Effect.catchAll((error) => Effect.logWarning('routing: a call end was not recorded', error)),
            )
          : Effect.void,
      ),
    )
  }),
)
