import { Context, type Effect, type Option, Schema } from 'effect'
import type { Handoff, ProviderAttempt, SessionTurn, VoiceAiSession, VoiceAiSessionId } from './session.js'
import type { VoiceAgent, VoiceAgentId } from './voice-agent.js'

/** The voice AI tables failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class VoiceAiStoreError extends Schema.TaggedError<VoiceAiStoreError>()('VoiceAiStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** A session as it starts: the call it takes and the agent taking it. */
export interface NewVoiceAiSession {
  readonly callId: string
  readonly providerCallId: string
  readonly agentId: VoiceAgentId
  readonly campaignId: string | null
}

/** How a session ended. */
export interface SessionEnd {
  readonly status: 'completed' | 'handed-off' | 'handoff-failed'
  readonly handoff: Handoff | null
  readonly longestSilenceMs: number
  readonly endedAt: Date
}

type Op<A> = Effect.Effect<A, VoiceAiStoreError>

/**
 * AI agents' configuration and the record of each AI session: its provider attempts with their
 * reasons, its transcript and its handoff. Every write is idempotent (a retried write changes nothing),
 * so a session's record is written as the call goes and nothing is lost when a provider fails.
 */
export interface VoiceAiStoreService {
  /** Creates or replaces an AI agent's configuration. */
  readonly saveAgent: (agent: VoiceAgent, now: Date) => Op<VoiceAgent>
  readonly findAgent: (id: VoiceAgentId) => Op<Option.Option<VoiceAgent>>
  /** Every AI agent, by name. */
  readonly listAgents: () => Op<ReadonlyArray<VoiceAgent>>
  readonly openSession: (session: NewVoiceAiSession, now: Date) => Op<VoiceAiSession>
  /** Records a provider attempt, or updates the one at its position (first audio, end, failure). */
  readonly saveAttempt: (sessionId: VoiceAiSessionId, attempt: ProviderAttempt) => Op<void>
  /** Appends turns; a turn at a position already stored is left as it was. */
  readonly addTurns: (sessionId: VoiceAiSessionId, turns: ReadonlyArray<SessionTurn>) => Op<void>
  /** Ends a session once; None when it had already ended (nothing is written then). */
  readonly endSession: (sessionId: VoiceAiSessionId, end: SessionEnd) => Op<Option.Option<VoiceAiSession>>
  readonly findSession: (id: VoiceAiSessionId) => Op<Option.Option<VoiceAiSession>>
  /** A call's AI sessions (by our call id or the provider's), oldest first, with attempts and turns. */
  readonly sessionsOfCall: (call: {
    readonly callId?: string
    readonly providerCallId?: string
  }) => Op<ReadonlyArray<VoiceAiSession>>
  /** The latest sessions, newest first, for the supervisor's list. */
  readonly recentSessions: (limit: number) => Op<ReadonlyArray<VoiceAiSession>>
}

export class VoiceAiStore extends Context.Tag('@ringlane/core/VoiceAiStore')<
  VoiceAiStore,
  VoiceAiStoreService
>() {}
