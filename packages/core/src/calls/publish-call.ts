import { Effect } from 'effect'
import { publish } from '../kernel/events.js'
import { isTerminal } from '../telephony/call-event.js'
import type { CallSession } from './call-session.js'

const facts = (session: CallSession, at: Date, outcomeRecorded: boolean) => ({
  at,
  sessionId: session.id,
  agentId: session.agentId,
  campaignId: session.campaignId,
  leadId: session.leadId,
  queueId: session.queueId,
  outcomeRecorded,
})

/**
 * Publishes what a change to a session means: ringing, answered, ended (each once, by the change that
 * did it; a late event that changes nothing publishes nothing).
 */
export const publishCallChange = (before: CallSession, after: CallSession, outcomeRecorded = false) =>
  Effect.gen(function* () {
    if (before.ringingAt === null && after.ringingAt !== null && !isTerminal(before.status)) {
      yield* publish({ _tag: 'CallRinging', ...facts(after, after.ringingAt, outcomeRecorded) })
    }
    if (before.answeredAt === null && after.answeredAt !== null && !isTerminal(before.status)) {
      yield* publish({ _tag: 'CallAnswered', ...facts(after, after.answeredAt, outcomeRecorded) })
    }
    if (!isTerminal(before.status) && isTerminal(after.status)) {
      yield* publish({
        _tag: 'CallEnded',
        ...facts(after, after.endedAt ?? new Date(), outcomeRecorded),
        status: after.status,
        talkSeconds: after.talkSeconds,
        endReason: after.endReason,
      })
    }
  })

export const publishCallStarted = (session: CallSession) =>
  publish({ _tag: 'CallStarted', ...facts(session, session.startedAt, false) })

export const publishOutcomeRecorded = (session: CallSession, disposition: string, at: Date) =>
  publish({ _tag: 'OutcomeRecorded', ...facts(session, at, true), disposition, status: session.status })
