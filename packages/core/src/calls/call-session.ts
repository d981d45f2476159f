import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import { type AnsweredBy, type CallEvent, type CallStatus, isTerminal } from '../telephony/call-event.js'

/**
 * One call to a lead, from the moment it is placed until the provider says it ended. An agent's
 * browser places preview calls; the call engine places a campaign's calls and gives each its agent
 * when a person answers (until then, and for calls nobody took, `agentId` is null).
 */
export interface CallSession {
  readonly id: string
  readonly agentId: AgentId | null
  /** The campaign whose engine placed the call; null for an agent's own (preview) call. */
  readonly campaignId: string | null
  readonly direction: 'outbound' | 'inbound'
  readonly leadId: LeadId
  readonly queueId: QueueId
  readonly entryId: string
  readonly phone: E164
  readonly provider: string
  readonly providerCallId: string | null
  readonly status: CallStatus
  readonly answeredBy: AnsweredBy | null
  readonly startedAt: Date
  readonly ringingAt: Date | null
  readonly answeredAt: Date | null
  readonly endedAt: Date | null
  /** From placing the call until it was answered or ended unanswered. */
  readonly ringSeconds: number | null
  /** From answer until hang-up; the provider's own figure when it sends one. */
  readonly talkSeconds: number | null
  /** Why a call ended without the provider saying so (reconciliation), or the provider's error. */
  readonly endReason: string | null
}

// How far along a call is. The status only ever moves forward, so a late "ringing" cannot undo
// "in-progress", and nothing overwrites a terminal status.
const progress: Record<CallStatus, number> = {
  initiated: 0,
  queued: 1,
  ringing: 2,
  'in-progress': 3,
  completed: 4,
  busy: 4,
  'no-answer': 4,
  failed: 4,
  canceled: 4,
}

const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.max(0, Math.round((+to - +from) / 1000)) : null
const earliest = (a: Date | null, b: Date) => (a && +a <= +b ? a : b)

/**
 * Applies what the provider said to a call session. Each event adds facts (when it rang, was
 * answered, ended; who answered; the provider's talk time) and times are the provider's, so applying
 * the same events in any order, any number of times, ends in the same session. An event that adds
 * nothing returns the session itself.
 */
export const applyCallEvent = (session: CallSession, event: CallEvent): CallSession => {
  const ended = isTerminal(session.status)
  const at = event.occurredAt
  const status = !ended && progress[event.status] > progress[session.status] ? event.status : session.status
  const ringingAt = event.status === 'ringing' ? earliest(session.ringingAt, at) : session.ringingAt
  const answeredAt = event.status === 'in-progress' ? earliest(session.answeredAt, at) : session.answeredAt
  const endedAt = ended ? session.endedAt : isTerminal(event.status) ? at : null
  const endsNow = !ended && isTerminal(event.status)
  // Prefer the provider's own talk time; otherwise measure it, also when the answer arrives late.
  const talkSeconds = endsNow
    ? (event.durationSeconds ?? seconds(answeredAt, endedAt) ?? 0)
    : ended && session.answeredAt === null && answeredAt !== null && session.talkSeconds === 0
      ? seconds(answeredAt, endedAt)
      : session.talkSeconds
  const next: CallSession = {
    ...session,
    providerCallId: session.providerCallId ?? event.providerCallId,
    status,
    answeredBy: session.answeredBy ?? event.answeredBy,
    ringingAt,
    answeredAt,
    endedAt,
    ringSeconds: seconds(session.startedAt, answeredAt ?? endedAt),
    talkSeconds,
    endReason:
      endsNow && event.status === 'failed' && event.errorCode
        ? `provider error ${event.errorCode}`
        : session.endReason,
  }
  const same = (Object.keys(next) as Array<keyof CallSession>).every((key) => {
    const [a, b] = [next[key], session[key]]
    return a instanceof Date && b instanceof Date ? +a === +b : a === b
  })
  return same ? session : next
}

/** Ends a session the provider never finished telling us about. */
export const timeOutCallSession = (session: CallSession, at: Date, reason: string): CallSession =>
  isTerminal(session.status)
    ? session
    : {
        ...session,
        status: session.answeredAt ? 'completed' : 'failed',
        endedAt: at,
        ringSeconds: session.ringSeconds ?? seconds(session.startedAt, session.answeredAt ?? at),
        talkSeconds: session.answeredAt ? seconds(session.answeredAt, at) : 0,
        endReason: reason,
      }
