import type { AgentId, LeadId, QueueId } from '../../kernel/ids.js'

/**
 * The engine gave an answered call to an agent: their desk shows the lead (it now holds the entry)
 * before the audio connects, which happens right after this is published.
 */
export interface CallOffered {
  readonly _tag: 'CallOffered'
  readonly at: Date
  readonly campaignId: string
  readonly sessionId: string
  readonly agentId: AgentId
  readonly leadId: LeadId
  readonly queueId: QueueId
  readonly entryId: string
}

/** A person answered and no agent was free within the wait allowed: they heard the message instead. */
export interface CallAbandoned {
  readonly _tag: 'CallAbandoned'
  readonly at: Date
  readonly campaignId: string
  readonly sessionId: string
  readonly leadId: LeadId
  readonly waitedMs: number
}

export type EngineEvent = CallOffered | CallAbandoned
