import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { CallStatus } from '../telephony/call-event.js'

interface CallFacts {
  readonly at: Date
  readonly sessionId: string
  /** Null for an engine call before (or without) an agent. */
  readonly agentId: AgentId | null
  /** The campaign of an engine call; null for an agent's own call. */
  readonly campaignId: string | null
  readonly leadId: LeadId
  readonly queueId: QueueId
  /** The agent already recorded the outcome: the call no longer holds them, whatever the provider says. */
  readonly outcomeRecorded: boolean
}

/** A call was opened for a lead (the browser or the engine is about to dial). */
export interface CallStarted extends CallFacts {
  readonly _tag: 'CallStarted'
}

/** The lead's phone is ringing. */
export interface CallRinging extends CallFacts {
  readonly _tag: 'CallRinging'
}

/** The lead picked up. */
export interface CallAnswered extends CallFacts {
  readonly _tag: 'CallAnswered'
}

/** The call is over, however it ended. */
export interface CallEnded extends CallFacts {
  readonly _tag: 'CallEnded'
  readonly status: CallStatus
  readonly talkSeconds: number | null
  /** Set when the dialler ended it (reconciliation, an outcome recorded first), not the provider. */
  readonly endReason: string | null
}

/** An agent recorded how a call went. */
export interface OutcomeRecorded extends CallFacts {
  readonly _tag: 'OutcomeRecorded'
  readonly disposition: string
  /** Where the call was when the outcome was recorded. */
  readonly status: CallStatus
}

export type CallSessionEvent = CallStarted | CallRinging | CallAnswered | CallEnded | OutcomeRecorded

/**
 * A callback comes due within the reminder lead time: its owner (or everyone, for an open callback)
 * should be told. Published once per callback, by whichever instance took the reminder.
 */
export interface CallbackDue {
  readonly _tag: 'CallbackDue'
  readonly at: Date
  readonly callbackId: string
  readonly leadId: LeadId
  /** Null for an open callback, for whoever is free. */
  readonly ownerAgentId: AgentId | null
  readonly dueAt: Date
}
