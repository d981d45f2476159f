import { Schema } from 'effect'
import type { FailureReason, Speaker } from './provider.js'
import type { VoiceAgentId } from './voice-agent.js'

export const VoiceAiSessionId = Schema.UUID.pipe(
  Schema.annotations({ message: () => 'sessionId must be a UUID' }),
  Schema.brand('@ringlane/core/VoiceAiSessionId'),
)
export type VoiceAiSessionId = typeof VoiceAiSessionId.Type

/**
 * Where an AI session is: `active` while an agent talks; `completed` when the conversation finished
 * or the caller hung up; `handed-off` once a human queue has the call; `handoff-failed` when even the
 * human queue refused it (the call's record says why).
 */
export type VoiceAiSessionStatus = 'active' | 'completed' | 'handed-off' | 'handoff-failed'

/** One provider's turn at the call: when it started, when it first spoke, and how it ended. */
export interface ProviderAttempt {
  readonly position: number
  readonly provider: string
  readonly startedAt: Date
  readonly firstAudioAt: Date | null
  readonly endedAt: Date | null
  readonly failure: { readonly reason: FailureReason; readonly message: string } | null
}

/** A line of the conversation, `atMs` after the session started. */
export interface SessionTurn {
  readonly position: number
  readonly speaker: Speaker
  readonly atMs: number
  readonly text: string
  /** The provider that heard or said it. */
  readonly provider: string
}

/** Why the call went to a person. */
export type HandoffReason = 'caller-asked' | 'providers-failed'

export interface Handoff {
  readonly queueId: string
  readonly reason: HandoffReason
  /** The written summary a person reads before they speak. */
  readonly summary: string
  readonly at: Date
  /** Why the queue refused the call, when it did. */
  readonly failure: string | null
}

export interface VoiceAiSession {
  readonly id: VoiceAiSessionId
  readonly callId: string
  readonly providerCallId: string
  readonly agentId: VoiceAgentId
  readonly campaignId: string | null
  readonly status: VoiceAiSessionStatus
  readonly attempts: ReadonlyArray<ProviderAttempt>
  readonly turns: ReadonlyArray<SessionTurn>
  readonly handoff: Handoff | null
  /** The longest stretch the caller heard nothing while waiting for an agent, in ms. */
  readonly longestSilenceMs: number
  readonly startedAt: Date
  readonly endedAt: Date | null
}
