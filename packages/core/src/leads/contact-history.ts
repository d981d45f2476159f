import { Context, type Effect, type Option, Schema } from 'effect'
import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'

/** The contact history store failed (connection, query). Carries the driver's error as `cause`. */
export class ContactHistoryError extends Schema.TaggedError<ContactHistoryError>()('ContactHistoryError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** What the dialler itself remembers about calling a lead; feeds scoring and pre-call checks. */
export interface LeadActivity {
  readonly leadId: LeadId
  readonly lastContactAt: Date | null
  readonly attemptsTotal: number
  /**
   * When each recent call was placed, oldest first: at least the last 8 days (older ones may be
   * dropped). Attempt caps count them on the lead's local calendar day, and 7-day rules over 7.
   */
  readonly recentAttempts: ReadonlyArray<Date>
  readonly lastOutcome: string | null
  /** Not to be called before this (retry rules, skips, scheduled callbacks). */
  readonly nextCallAfter: Date | null
}

export interface DueCallback {
  readonly id: string
  readonly leadId: LeadId
  readonly phone: E164
  readonly ownerAgentId: AgentId | null
  readonly dueAt: Date
}

/** A callback not done yet, as the agent's list shows it. */
export interface PendingCallback extends DueCallback {
  readonly notes: string | null
}

export interface NewCallback {
  readonly leadId: LeadId
  readonly phone: E164
  readonly ownerAgentId: AgentId | null
  readonly dueAt: Date
  readonly notes: string | null
  readonly createdBy: AgentId | null
}

type Op<A> = Effect.Effect<A, ContactHistoryError>

/**
 * What happened with each lead: attempts and contacts, promised callbacks and conversions. Written by
 * calls, skips and outcomes; read by scoring, pre-call checks and the agent's view of a lead.
 */
export interface ContactHistoryStoreService {
  readonly leadActivity: (leadIds: ReadonlyArray<LeadId>) => Op<ReadonlyMap<LeadId, LeadActivity>>
  /** Which of these leads converted for this queue since the date. */
  readonly convertedLeads: (
    queueId: QueueId,
    leadIds: ReadonlyArray<LeadId>,
    since: Date,
  ) => Op<ReadonlySet<LeadId>>
  /** Schedules a callback; other queues leave the lead alone until it is due. */
  readonly scheduleCallback: (callback: NewCallback) => Op<{ readonly id: string }>
  readonly dueCallbacks: (now: Date) => Op<ReadonlyArray<DueCallback>>
  /**
   * Pending callbacks due before `dueBefore` whose owner has not been reminded yet, marked reminded at
   * `now` in the same step: each reminder goes out once, whichever instance runs the job.
   */
  readonly takeCallbackReminders: (dueBefore: Date, now: Date) => Op<ReadonlyArray<DueCallback>>
  /**
   * An agent's pending callbacks, and open ones (no owner) due before `openDueBefore`: soonest first,
   * at most `limit`.
   */
  readonly agentCallbacks: (
    agentId: AgentId,
    options: { readonly openDueBefore: Date; readonly limit: number },
  ) => Op<ReadonlyArray<PendingCallback>>
  /** A callback still pending, by id; none when there is none or it is done or cancelled. */
  readonly findCallback: (callbackId: string) => Op<Option.Option<PendingCallback>>
  /**
   * Moves a pending callback (`dueAt`, and the lead held back until then), hands it to another owner
   * (`ownerAgentId`, null for whoever is free), or cancels it; only if it is still pending and still
   * owned by `expectedOwner` (a change made meanwhile wins). The callback afterwards, or none.
   */
  readonly changeCallback: (
    callbackId: string,
    expectedOwner: AgentId | null,
    change: CallbackChange,
    now: Date,
  ) => Op<Option.Option<PendingCallback>>
}

/** What can change on a pending callback: when, who, or that it will not happen. */
export type CallbackChange =
  | { readonly _tag: 'Move'; readonly dueAt: Date }
  | { readonly _tag: 'HandOver'; readonly ownerAgentId: AgentId | null }
  | { readonly _tag: 'Cancel' }

export class ContactHistoryStore extends Context.Tag('@ringlane/core/ContactHistoryStore')<
  ContactHistoryStore,
  ContactHistoryStoreService
>() {}
