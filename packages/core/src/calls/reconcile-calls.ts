import { Duration, Effect, Either, Option } from 'effect'
import { currentDate } from '../kernel/time.js'
import { type CallEvent, isTerminal } from '../telephony/call-event.js'
import { Telephony, TelephonyError } from '../telephony/telephony.js'
import { applyCallEvent, type CallSession, timeOutCallSession } from './call-session.js'
import { CallStore, type SessionUpdate } from './call-store.js'
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

/** Why the provider could not say where a call is. */
export type Unreported =
  /** No status ever came for the call, so there is no provider call id to ask about. */
  | 'never-reported'
  /** The provider has no record of the call. */
  | 'unknown-to-provider'
  /** The provider could not be asked (an error or no answer in time). */
  | 'lookup-failed'

export interface SettledCall extends SessionUpdate {
  /** The provider said where the call is (otherwise it was ended with a reason, if still open). */
  readonly fromProvider: boolean
}

/** How long to wait for the provider's answer before treating it as unable to say. */
const LOOKUP_TIMEOUT = Duration.seconds(10)

/** What the provider says about the session's call now, or why it cannot say. */
const askProvider = (session: CallSession) =>
  Effect.gen(function* () {
    if (!session.providerCallId) return Either.left<Unreported>('never-reported')
    const telephony = yield* Telephony
    return yield* telephony.lookupCall(session.providerCallId).pipe(
      Effect.timeoutFail({
        duration: LOOKUP_TIMEOUT,
        onTimeout: () =>
          new TelephonyError({
            operation: 'look up a call',
            message: `The provider did not answer within ${Duration.format(LOOKUP_TIMEOUT)}`,
          }),
      }),
      Effect.map(
        Option.match({
          onNone: () => Either.left<Unreported>('unknown-to-provider'),
          onSome: (event) => Either.right<CallEvent>(event),
        }),
      ),
      Effect.catchAll((error) =>
        Effect.logWarning('Could not ask the provider where a call is').pipe(
          Effect.annotateLogs({
            sessionId: session.id,
            providerCallId: session.providerCallId,
            error: error.message,
          }),
          Effect.as(Either.left<Unreported>('lookup-failed')),
        ),
      ),
    )
  })

/**
 * Brings a session not yet ended up to date: asks the provider where the call is and applies the
 * answer (a final status ends it; a live call stays open for the provider's final webhook), or, when
 * the provider cannot say, ends it at `now` with the reason `reasonFor` gives. An agent still on the
 * call moves to wrap-up when it ends, unless its outcome is already recorded. None when the session
 * is gone.
 */
export const settleCall = (session: CallSession, now: Date, reasonFor: (why: Unreported) => string) =>
  Effect.gen(function* () {
    const calls = yield* CallStore
    const answer = yield* askProvider(session)
    const update = yield* Either.match(answer, {
      onRight: (event) => calls.updateSession(session.id, event, (current) => applyCallEvent(current, event)),
      onLeft: (why) =>
        calls.updateSession(session.id, null, (current) => timeOutCallSession(current, now, reasonFor(why))),
    })
    if (Option.isNone(update)) return Option.none<SettledCall>()
    const { before, after, outcomeRecorded } = update.value
    yield* publishCallChange(before, after, outcomeRecorded)
    if (isTerminal(after.status) && !isTerminal(before.status) && !outcomeRecorded) yield* wrapUp(after)
    return Option.some<SettledCall>({ ...update.value, fromProvider: Either.isRight(answer) })
  })

/**
 * Calls whose final status never came (lost webhooks, a provider outage): ask the provider where
 * each one is; if it cannot say, end it with a recorded reason so agents and reports are not stuck.
 */
export const reconcileCalls = Effect.gen(function* () {
  const calls = yield* CallStore
  const settings = yield* CallsConfig
  const now = yield* currentDate
  const stale = yield* calls.staleSessions(new Date(+now - settings.staleCallMinutes * 60_000))
  let updatedFromProvider = 0
  let timedOut = 0
  for (const session of stale) {
    const update = yield* settleCall(
      session,
      now,
      () => `no final status from the provider within ${settings.staleCallMinutes} minutes`,
    )
    // Gone since it was listed (retention): nothing left to reconcile.
    if (Option.isNone(update)) continue
    const { before, after, fromProvider } = update.value
    if (isTerminal(after.status) && !isTerminal(before.status)) {
      if (fromProvider) updatedFromProvider++
      else timedOut++
    }
  }
  return { checked: stale.length, updatedFromProvider, timedOut } satisfies ReconciliationReport
})
