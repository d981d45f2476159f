import { Context, type Effect, type Option, Schema } from 'effect'
import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { NewCallback } from '../leads/contact-history.js'
import type { CallEvent } from '../telephony/call-event.js'
import type { CallSession } from './call-session.js'

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
   * Gives an engine call its agent, once: only a session without one takes it. None when the session
   * does not exist or already has an agent.
   */
  readonly assignAgent: (sessionId: string, agentId: AgentId) => Op<Option.Option<CallSession>>
  /** A campaign's engine calls not yet ended, oldest first (what a new pacing leader picks up). */
  readonly openCampaignCalls: (campaignId: string) => Op<ReadonlyArray<CallSession>>
  /** The agent's latest call for a queue entry, ended or not, if any. */
  readonly lastSessionForEntry: (agentId: AgentId, entryId: string) => Op<Option.Option<CallSession>>
}

export class CallStore extends Context.Tag('@ringlane/core/CallStore')<CallStore, CallStoreService>() {}
