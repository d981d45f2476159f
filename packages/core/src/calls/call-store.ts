import { Context, type Effect, type Option, Schema } from 'effect'
import type { PageKey } from '../kernel/cursor.js'
import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { NumberMatch } from '../kernel/number-search.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { NewCallback } from '../leads/contact-history.js'
import type { CallEvent, CallStatus } from '../telephony/call-event.js'
import type { CallSession } from './call-session.js'

/**
 * The end reason a live engine call carries while an AI agent has it: written while the call is live
 * (as an abandon's is), so nothing counts it as waiting for a person or abandons it as an orphan. It is
 * no end: a person routing connects after the AI's handoff takes the call, and the mark goes.
 */
export const AI_AGENT_HOLDS = 'answered by AI agent '

export class CallStoreError extends Schema.TaggedError<CallStoreError>()('CallStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** A session as it is placed: the store gives it its id, and its status starts at `initiated`. */
export type NewCallSession = Pick<
  CallSession,
  'agentId' | 'leadId' | 'queueId' | 'entryId' | 'phone' | 'provider' | 'startedAt'
> & {
  /** Set for the engine's calls (outbound); an agent's own call has none. */
  readonly campaignId?: string | null
  /** Outbound by default. An inbound call is no attempt on its lead: the lead's activity is left alone. */
  readonly direction?: 'outbound' | 'inbound'
  /** Known at once for an inbound call (the provider announced it); set by the first event otherwise. */
  readonly providerCallId?: string | null
}

/** An outcome with everything it changes, written together or not at all. */
export interface OutcomeRecord {
  readonly sessionId: string
  readonly agentId: AgentId
  readonly leadId: LeadId
  readonly queueId: QueueId
  readonly entryId: string
  readonly disposition: string
  readonly notes: string | null
  /** A person was reached: updates the lead's last contact. */
  readonly contact: boolean
  readonly nextCallAfter: Date | null
  readonly conversion: string | null
  readonly callback: NewCallback | null
  readonly optOut: E164 | null
  readonly recordedAt: Date
}

export interface RecordedOutcome {
  readonly id: string
  readonly sessionId: string
  readonly agentId: AgentId
  readonly disposition: string
  readonly notes: string | null
  readonly callbackId: string | null
  readonly recordedAt: Date
}

export interface CallHistoryItem {
  readonly session: CallSession
  readonly outcome: RecordedOutcome | null
}

/** A call in the call log: the call, its outcome, and the name of the agent who took it. */
export interface CallLogItem extends CallHistoryItem {
  readonly agentName: string | null
  /** What the provider charged for the call (every leg, exact decimal), once priced; null before. */
  readonly cost: { readonly amount: string; readonly currency: string } | null
}

/** The call log's search as the store runs it: every filter optional (undefined), all of them together. */
export interface CallLogQuery {
  /** That one call (a call's own page). */
  readonly sessionId: string | undefined
  /** The number called or calling: that whole number, or any containing the digits. */
  readonly number: NumberMatch | undefined
  /** Calls to or from these leads only; an empty list finds nothing. */
  readonly leadIds: ReadonlyArray<LeadId> | undefined
  readonly agentId: AgentId | undefined
  /** The outcome recorded (a disposition code). */
  readonly disposition: string | undefined
  readonly direction: 'inbound' | 'outbound' | undefined
  readonly statuses: ReadonlyArray<CallStatus> | undefined
  /** Started at or after this instant. */
  readonly startedFrom: Date | undefined
  /** Started before this instant. */
  readonly startedBefore: Date | undefined
  /** Only calls after this key in the log's order (the previous page's last call). */
  readonly after: PageKey | null
  readonly limit: number
}

/** The call log's query with no filter, from the newest call: spread it and set what you filter by. */
export const EVERY_CALL: CallLogQuery = {
  sessionId: undefined,
  number: undefined,
  leadIds: undefined,
  agentId: undefined,
  disposition: undefined,
  direction: undefined,
  statuses: undefined,
  startedFrom: undefined,
  startedBefore: undefined,
  after: null,
  limit: 50,
}

/** A provider event as stored for a call: its timeline. */
export interface CallTimelineEvent {
  readonly providerCallId: string
  readonly status: CallStatus
  readonly occurredAt: Date
  readonly answeredBy: string | null
  readonly durationSeconds: number | null
  readonly errorCode: string | null
}

/** What an update did to a session. */
export interface SessionUpdate {
  readonly before: CallSession
  readonly after: CallSession
  /**
   * The session's outcome is recorded: its agent has moved on from the call, so its end must not send
   * them to wrap-up (they may be on their next call). Read in the same statement as the update.
   */
  readonly outcomeRecorded: boolean
}

type Op<A> = Effect.Effect<A, CallStoreError>

/** Call sessions, their append-only provider events, and outcomes. */
export interface CallStoreService {
  /**
   * Opens a session and records the attempt on the lead, together: one more in total, and its time
   * among the lead's recent attempts (those of the last `Compliance.ATTEMPT_HISTORY_DAYS` days kept).
   * An inbound session records no attempt.
   */
  readonly createSession: (session: NewCallSession) => Op<CallSession>
  readonly findSession: (sessionId: string) => Op<Option.Option<CallSession>>
  readonly findSessionByProviderCall: (providerCallId: string) => Op<Option.Option<CallSession>>
  /**
   * The agent's call that has not ended and whose outcome is not recorded, if any. A call whose
   * outcome is recorded no longer holds its agent, even while the provider has not said it ended.
   */
  readonly activeSession: (agentId: AgentId) => Op<Option.Option<CallSession>>
  /**
   * Appends the provider event (once: a duplicate is not stored twice) and applies the transition to
   * the session atomically (the Postgres store uses a version check and retries), so concurrent
   * webhooks for one call, on any number of instances, cannot lose an update. None, writing nothing,
   * when there is no such session: a webhook's hot path needs no look-up before it.
   */
  readonly updateSession: (
    sessionId: string,
    event: CallEvent | null,
    transition: (current: CallSession) => CallSession,
  ) => Op<Option.Option<SessionUpdate>>
  /** Sessions not ended that started before the cutoff, whether or not their outcome is recorded. */
  readonly staleSessions: (startedBefore: Date) => Op<ReadonlyArray<CallSession>>
  /**
   * Records the outcome and all it implies (lead activity, callback, conversion, opt-out, the queue
   * entry finished). One outcome per call: a second returns the first with `created: false`.
   */
  readonly recordOutcome: (
    outcome: OutcomeRecord,
  ) => Op<{ readonly outcome: RecordedOutcome; readonly created: boolean }>
  readonly findOutcome: (sessionId: string) => Op<Option.Option<RecordedOutcome>>
  /** A lead's calls, newest first, with their outcomes. */
  readonly callHistory: (leadId: LeadId, limit: number) => Op<ReadonlyArray<CallHistoryItem>>
  /** An agent's calls started before `before` (all when null), newest first, with their outcomes. */
  readonly agentCalls: (
    agentId: AgentId,
    page: { readonly before: Date | null; readonly limit: number },
  ) => Op<ReadonlyArray<CallHistoryItem>>
  /**
   * The call log, inbound and outbound: calls matching every filter given, newest first by start time
   * then id (descending), at most `limit`, each after `after` in that order. Rows written while someone
   * pages start later, so they never move a page already read.
   */
  readonly searchCalls: (query: CallLogQuery) => Op<ReadonlyArray<CallLogItem>>
  /** What the provider said about a call, in the order it happened (none for an unknown id). */
  readonly callEvents: (sessionId: string) => Op<ReadonlyArray<CallTimelineEvent>>
  /**
   * Gives an engine call its agent, once: only a session without one, still open (not ended, no end
   * reason such as an abandon; an AI agent's mark, `AI_AGENT_HOLDS`, is cleared: the person takes the
   * call over from the AI) takes it. None, writing nothing, when the session does not exist,
   * already has an agent, or ended or was abandoned meanwhile (the orphan sweep may settle a call
   * whose connect is slow: it must not end up both abandoned and with an agent).
   */
  readonly assignAgent: (sessionId: string, agentId: AgentId) => Op<Option.Option<CallSession>>
  /**
   * Moves a live call from one agent to another (a transfer), or to none (back to a queue, where routing
   * gives it its next agent), once: only while `from` has it, it has not ended and its outcome is not
   * recorded. None otherwise, writing nothing.
   */
  readonly transferSession: (
    sessionId: string,
    from: AgentId,
    to: AgentId | null,
  ) => Op<Option.Option<CallSession>>
  /** A campaign's engine calls not yet ended, oldest first (what a new pacing leader picks up). */
  readonly openCampaignCalls: (campaignId: string) => Op<ReadonlyArray<CallSession>>
  /**
   * A campaign's calls that ended at or after `since`, the latest `limit` of them, oldest first: what
   * the engine's estimates learn from, the same on every instance (decision 0034).
   */
  readonly endedCampaignCalls: (
    campaignId: string,
    since: Date,
    limit: number,
  ) => Op<ReadonlyArray<CallSession>>
  /** The agent's latest call for a queue entry, ended or not, if any. */
  readonly lastSessionForEntry: (agentId: AgentId, entryId: string) => Op<Option.Option<CallSession>>
}

export class CallStore extends Context.Tag('@ringlane/core/CallStore')<CallStore, CallStoreService>() {}
