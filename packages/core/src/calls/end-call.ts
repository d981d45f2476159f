import { Effect, Option, Schema } from 'effect'
import { activeAgent } from '../agents/active-agent.js'
import { activeSupervisor } from '../agents/supervisor.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentDate } from '../kernel/time.js'
import { isTerminal } from '../telephony/call-event.js'
import { Telephony } from '../telephony/telephony.js'
import type { CallSession } from './call-session.js'
import { CallStore } from './call-store.js'
import { settleCall, type Unreported } from './reconcile-calls.js'

export class CallNotFound extends Schema.TaggedError<CallNotFound>()('CallNotFound', {
  sessionId: Schema.String,
  message: Schema.String,
}) {}

const findCall = (sessionId: string, owner: string | null) =>
  Effect.gen(function* () {
    const found = Schema.is(Schema.UUID)(sessionId)
      ? yield* Effect.flatMap(CallStore, (calls) => calls.findSession(sessionId))
      : Option.none<CallSession>()
    if (Option.isNone(found) || (owner !== null && found.value.agentId !== owner)) {
      return yield* new CallNotFound({
        sessionId,
        message:
          owner === null
            ? `There is no call ${sessionId}; reload the page to see the calls now`
            : 'This call is not one of yours; reload the desk to see your call',
      })
    }
    return found.value
  })

/**
 * Hangs a call up from the server, then brings its session up to date: the provider ends the call and
 * reports its final status (its webhook moves the agent to wrap-up); a call the provider cannot end
 * or account for is ended with `reason`. The session as it is afterwards.
 */
export const endCallFromServer = (
  session: CallSession,
  reason: (why: Unreported | 'provider-failed') => string,
) =>
  Effect.gen(function* () {
    if (isTerminal(session.status)) return session
    const telephony = yield* Telephony
    const ended = session.providerCallId
      ? yield* telephony
          .endCall(session.providerCallId)
          .pipe(
            Effect.catchAll((error) =>
              Effect.logWarning('The provider could not end a call; ending its session here').pipe(
                Effect.annotateLogs({ sessionId: session.id, error: error.message }),
                Effect.as(false),
              ),
            ),
          )
      : false
    const now = yield* currentDate
    const settled = yield* settleCall(session, now, (why) =>
      reason(ended || why !== 'lookup-failed' ? why : 'provider-failed'),
    )
    return Option.match(settled, { onNone: () => session, onSome: (update) => update.after })
  })

/**
 * The agent hangs up their own call from the desk when their page no longer has it (a reload, another
 * tab): the desk then shows the outcome form.
 */
export const hangUpOwnCall = (agentId: string, sessionId: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const session = yield* findCall(sessionId, agent.id)
    return yield* endCallFromServer(session, () => 'hung up from the desk; the provider had no live call')
  })

/**
 * A supervisor ends an agent's stuck call: hung up at the provider if it is live there, else ended
 * with the supervisor's name on it; the agent moves to wrap-up to record its outcome. Audited.
 */
export const endAgentCall = (supervisorId: string, sessionId: string) =>
  Effect.gen(function* () {
    const supervisor = yield* activeSupervisor(supervisorId)
    const session = yield* findCall(sessionId, null)
    const after = yield* endCallFromServer(session, () => `ended by supervisor ${supervisor.displayName}`)
    const now = yield* currentDate
    yield* recordAudit({
      actor: supervisor.id,
      action: 'call.ended_by_supervisor',
      subject: `call:${session.id}`,
      detail: { agentId: session.agentId, before: session.status, after: after.status },
      at: now,
    })
    return after
  })
