import { Effect, Option } from 'effect'
import type { CallSession } from '../../calls/call-session.js'
import { CallsConfig } from '../../calls/calls-config.js'
import { currentDispositions } from '../../calls/disposition-settings.js'
import { suggestedDisposition } from '../../calls/suggested-disposition.js'
import { currentDate, MINUTE } from '../../kernel/time.js'
import { QueueStore } from '../../queues/queue-store.js'

/**
 * Finishes the entry of an engine call that reached no agent, and tells the lead's memory how the
 * attempt ended (no answer, busy, a machine) with its disposition's retry rule, as an agent's outcome
 * would: the lead's reasons at the next scoring say so, and it is not redialled before the rule allows.
 * An abandoned call (a person answered, no agent was free) has no such disposition: only its entry is
 * finished, and the abandon rules apply at the next dial.
 */
export const finishEngineAttempt = (session: CallSession) =>
  Effect.gen(function* () {
    // Without call settings (an engine run with no calls area) nothing says what an attempt means.
    const configured = yield* Effect.serviceOption(CallsConfig)
    const dispositions = Option.isSome(configured)
      ? yield* Effect.provideService(currentDispositions, CallsConfig, configured.value)
      : []
    const code = suggestedDisposition(
      session,
      dispositions.map((d) => d.code),
    )
    const disposition = dispositions.find((d) => d.code === code)
    const now = yield* currentDate
    const queues = yield* QueueStore
    return yield* queues.finishEngineEntry(
      session.entryId,
      disposition
        ? {
            leadId: session.leadId,
            outcome: disposition.code,
            nextCallAfter:
              disposition.retryAfterMinutes === null
                ? null
                : new Date(+now + disposition.retryAfterMinutes * MINUTE),
          }
        : undefined,
    )
  })
