import { Effect } from 'effect'
import type { AgentId } from '../kernel/ids.js'
import type { CallSession } from './call-session.js'
import { CallStore } from './call-store.js'
import { publishOutcomeRecorded } from './publish-call.js'

/** The outcome the dialler records for a conversation whose agent left the desk before recording one. */
export const AGENT_LEFT = 'agent_left'

/**
 * A call a person answered whose agent left the desk (signed off, their session expired) before
 * recording how it went: the dialler records it for them, as an outcome would be (a contact, so the
 * queue's cooling applies, and its entry finished), with the reason in its notes for the lead's
 * history. Given back unrecorded, the lead was dialled again a minute after the conversation
 * (decision 0039). A call nobody answered, or a machine did, records nothing. Whether it recorded.
 */
export const recordAgentLeft = (session: CallSession, agentId: AgentId, reason: string, now: Date) =>
  Effect.gen(function* () {
    if (session.answeredAt === null || session.answeredBy === 'machine') return false
    const recorded = yield* Effect.flatMap(CallStore, (calls) =>
      calls.recordOutcome({
        sessionId: session.id,
        agentId,
        leadId: session.leadId,
        queueId: session.queueId,
        entryId: session.entryId,
        disposition: AGENT_LEFT,
        notes: `Recorded by the dialler: the agent left the desk (${reason}) before recording the outcome`,
        contact: true,
        // No retry rule of its own: the queue's cooling after a contact decides when to call again.
        nextCallAfter: null,
        conversion: null,
        callback: null,
        optOut: null,
        recordedAt: now,
      }),
    )
    if (recorded.created) yield* publishOutcomeRecorded(session, AGENT_LEFT, now)
    return recorded.created
  })
