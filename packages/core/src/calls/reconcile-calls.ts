import { Clock, Effect, Option } from 'effect'
import { isTerminal } from '../telephony/call-event.js'
import { Telephony } from '../telephony/telephony.js'
import { applyCallEvent, timeOutCallSession } from './call-session.js'
import { CallStore } from './call-store.js'
import { wrapUp } from './call-webhooks.js'
import { CallsConfig } from './calls-config.js'
import { publishCallChange } from './publish-call.js'

export interface ReconciliationReport {
  readonly checked: number
  /** Finished from what the provider said when asked. */
  readonly updatedFromProvider: number
  /** Ended with a recorded reason because the provider had no answer either. */
  readonly timedOut: number
}

/**
 * Calls whose final status never arrived (lost webhooks, a provider outage): ask the provider where
 * each one is; if it cannot say, end it with a recorded reason so agents and reports are not stuck.
 */
export const reconcileCalls = Effect.gen(function* () {
  const calls = yield* CallStore
  const telephony = yield* Telephony
  const settings = yield* CallsConfig
  const now = new Date(yield* Clock.currentTimeMillis)
  const stale = yield* calls.staleSessions(new Date(+now - settings.staleCallMinutes * 60_000))
  let updatedFromProvider = 0
  let timedOut = 0
  for (const session of stale) {
    const reported = session.providerCallId
      ? yield* Effect.orElseSucceed(telephony.lookupCall(session.providerCallId), () => Option.none())
      : Option.none()
    const update = Option.isSome(reported)
      ? yield* calls.updateSession(session.id, reported.value, (current) =>
          applyCallEvent(current, reported.value),
        )
      : yield* calls.updateSession(session.id, null, (current) =>
          timeOutCallSession(
            current,
            now,
            `no final status from the provider within ${settings.staleCallMinutes} minutes`,
          ),
        )
    // Gone since it was listed (retention): nothing left to reconcile.
    if (Option.isNone(update)) continue
    const { before, after } = update.value
    yield* publishCallChange(before, after)
    if (isTerminal(after.status) && !isTerminal(before.status)) {
      if (Option.isSome(reported)) updatedFromProvider++
      else timedOut++
      yield* wrapUp(after)
    }
  }
  return { checked: stale.length, updatedFromProvider, timedOut } satisfies ReconciliationReport
})
