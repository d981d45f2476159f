import { Clock, Effect, Option, Schema } from 'effect'
import { activeAgent } from '../agents/active-agent.js'
import { AgentStore } from '../agents/agent-store.js'
import { moveAgent } from '../agents/move-agent.js'
import { decodeWith } from '../kernel/decode.js'
import { isTerminal } from '../telephony/call-event.js'
import { CallStore, type RecordedOutcome } from './call-store.js'
import { currentDispositions } from './disposition-settings.js'
import { NEVER } from './dispositions.js'
import { publishOutcomeRecorded } from './publish-call.js'
import { settleCall, type Unreported } from './reconcile-calls.js'

/** What an agent submits at the end of a call. */
export const OutcomeInput = Schema.Struct({
  sessionId: Schema.UUID.annotations({ message: () => 'sessionId must be the id of a call session' }),
  disposition: Schema.String.pipe(Schema.minLength(1, { message: () => 'choose an outcome' })),
  notes: Schema.optionalWith(
    Schema.String.pipe(
      Schema.trimmed(),
      Schema.maxLength(5000, { message: () => 'notes must be at most 5,000 characters' }),
    ),
    { nullable: true },
  ),
  /** When to call back, for outcomes that need it (ISO 8601 with an offset). */
  callbackAt: Schema.optionalWith(Schema.Date, { nullable: true }),
  /** Whether the callback stays with this agent or goes to whoever is free. */
  callbackFor: Schema.optionalWith(Schema.Literal('me', 'anyone'), { default: () => 'me' as const }),
})
export type OutcomeInput = typeof OutcomeInput.Encoded

export class InvalidOutcome extends Schema.TaggedError<InvalidOutcome>()('InvalidOutcome', {
  field: Schema.String,
  message: Schema.String,
}) {}

export class OutcomeRefused extends Schema.TaggedError<OutcomeRefused>()('OutcomeRefused', {
  sessionId: Schema.String,
  message: Schema.String,
}) {}

const decodeOutcome = decodeWith(OutcomeInput, (issue) => new InvalidOutcome(issue))
const MINUTE = 60_000

/** Why a call still open when its outcome was recorded was ended without the provider's final status. */
const settledReason = (why: Unreported) =>
  why === 'never-reported'
    ? 'outcome recorded before any status from the provider'
    : why === 'unknown-to-provider'
      ? 'outcome recorded; the provider has no record of the call'
      : 'outcome recorded; the provider could not say where the call is'

/**
 * Records how a call ended and everything that follows: notes, the retry rule's next-call time, a
 * scheduled callback, a conversion or an opt-out, the queue entry finished, and the agent back to
 * available. Only the agent who made the call may record it; a double submit is recorded once.
 *
 * A call still open (the browser never dialled, or its final webhook was lost) is settled at once:
 * the provider is asked where it is and its answer applied; a call it still has live stays open for
 * its final webhook but no longer holds the agent; one it cannot account for is ended with the
 * reason recorded. Either way the agent can dial their next call straight away.
 */
export const recordOutcome = (agentId: string, input: OutcomeInput) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const outcome = yield* decodeOutcome(input)
    const calls = yield* CallStore
    const agents = yield* AgentStore
    const dispositions = yield* currentDispositions
    const session = yield* calls.findSession(outcome.sessionId)
    if (Option.isNone(session) || session.value.agentId !== agent.id) {
      return yield* new OutcomeRefused({
        sessionId: outcome.sessionId,
        message: 'This call is not yours to record: only the agent who made it can',
      })
    }
    const disposition = dispositions.find((d) => d.code === outcome.disposition)
    if (!disposition) {
      return yield* new InvalidOutcome({
        field: 'disposition',
        message: `disposition: "${outcome.disposition}" is not one of ${dispositions.map((d) => d.code).join(', ')}`,
      })
    }
    const now = new Date(yield* Clock.currentTimeMillis)
    const callbackAt = outcome.callbackAt ?? null
    if (disposition.requiresCallback && callbackAt === null) {
      return yield* new InvalidOutcome({
        field: 'callbackAt',
        message: `callbackAt: "${disposition.label}" needs a callback time`,
      })
    }
    if (callbackAt !== null && +callbackAt <= +now) {
      return yield* new InvalidOutcome({
        field: 'callbackAt',
        message: 'callbackAt: a callback must be in the future',
      })
    }
    if (callbackAt !== null && +callbackAt > +now + 90 * 24 * 60 * MINUTE) {
      return yield* new InvalidOutcome({
        field: 'callbackAt',
        message: 'callbackAt: a callback must be within 90 days',
      })
    }
    const call = session.value
    const nextCallAfter =
      callbackAt ??
      (disposition.retryAfterMinutes === null
        ? NEVER
        : new Date(+now + disposition.retryAfterMinutes * MINUTE))
    const recorded: { outcome: RecordedOutcome; created: boolean } = yield* calls.recordOutcome({
      sessionId: call.id,
      agentId: agent.id,
      leadId: call.leadId,
      queueId: call.queueId,
      entryId: call.entryId,
      disposition: disposition.code,
      notes: outcome.notes ?? null,
      contact: disposition.contact,
      nextCallAfter,
      conversion: disposition.converted ? `${disposition.label} (recorded by the agent)` : null,
      callback:
        callbackAt === null
          ? null
          : {
              leadId: call.leadId,
              phone: call.phone,
              ownerAgentId: outcome.callbackFor === 'me' ? agent.id : null,
              dueAt: callbackAt,
              notes: outcome.notes ?? null,
              createdBy: agent.id,
            },
      optOut: disposition.optOut ? call.phone : null,
      recordedAt: now,
    })
    if (
      !recorded.created &&
      (recorded.outcome.disposition !== disposition.code ||
        recorded.outcome.notes !== (outcome.notes ?? null))
    ) {
      return yield* new OutcomeRefused({
        sessionId: call.id,
        message: `This call's outcome was already recorded as "${recorded.outcome.disposition}"`,
      })
    }
    if (recorded.created) {
      yield* publishOutcomeRecorded(call, disposition.code, now)
      // Compare-and-set, again if the call's end moved them to wrap-up between the read and the move.
      let state = yield* agents.agentState(agent.id)
      for (let tries = 0; tries < 3 && (state.state === 'wrap_up' || state.state === 'on_call'); tries++) {
        state = yield* moveAgent(agent.id, state.state, { state: 'available', reason: null }, now)
      }
    }
    // The agent has moved on, so the call must not stay open waiting for a status that may never come.
    // The outcome stands if this fails: a call with an outcome holds no agent, and the reconciler ends
    // it later.
    if (!isTerminal(call.status)) {
      yield* settleCall(call, now, settledReason).pipe(
        Effect.catchAll((error) =>
          Effect.logWarning('Could not settle a call after its outcome; the reconciler will').pipe(
            Effect.annotateLogs({ sessionId: call.id, error: error.message }),
          ),
        ),
      )
    }
    return recorded.outcome
  })
