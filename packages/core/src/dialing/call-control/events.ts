import type { AgentId } from '../../kernel/ids.js'

/** What was done to a live call. */
export type CallControlAction =
  | 'held'
  | 'resumed'
  | 'transferred'
  | 'transfer-started'
  | 'transfer-cancelled'
  | 'transferred-to-queue'
  | 'participant-added'
  | 'participant-removed'
  | 'supervisor-listening'
  | 'supervisor-whispering'
  | 'supervisor-barged'
  | 'supervisor-left'

/**
 * Someone acted on a live call: its agent (hold, transfer, adding someone) or a supervisor (listen,
 * whisper, barge, leave). Published once the provider did it and the agents' states are right; the same
 * facts are in the audit log under `call:<sessionId>`.
 */
export interface CallControlled {
  readonly _tag: 'CallControlled'
  readonly at: Date
  readonly sessionId: string
  readonly action: CallControlAction
  /** Who did it (the agent, or the supervisor). */
  readonly actorId: AgentId
  /** The agent whose call it was when it happened. */
  readonly agentId: AgentId
  /** The other agent (transfer, consult, three-way), when there is one. */
  readonly otherAgentId: AgentId | null
  /** A warm or cold transfer, the queue, the number added: small facts, no personal data. */
  readonly detail: string | null
}
