import { Context, type Effect, type Option, Schema } from 'effect'
import type { Agent, AgentId, AgentRole } from '../agents/agent.js'
import type { AgentState, AgentStateName } from '../agents/agent-state.js'
import type { E164 } from '../compliance/phone-numbers.js'
import type { LeadId } from '../leads/lead.js'
import type { QueueId, QueueSettings } from '../queues/queue-definition.js'
import type { ScoreReason } from '../queues/scoring.js'

/** The dialler store failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class DiallerStoreError extends Schema.TaggedError<DiallerStoreError>()('DiallerStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

export class AgentEmailTaken extends Schema.TaggedError<AgentEmailTaken>()('AgentEmailTaken', {
  field: Schema.Literal('email'),
  message: Schema.String,
}) {}

/** What the dialler itself remembers about calling a lead; feeds scoring and pre-call checks. */
export interface LeadActivity {
  readonly leadId: LeadId
  readonly lastContactAt: Date | null
  readonly attemptsTotal: number
  /** Attempts on the calendar day of `attemptsDay` (UTC). */
  readonly attemptsToday: number
  readonly attemptsDay: string | null
  readonly lastOutcome: string | null
  /** Not to be called before this (retry rules, skips, scheduled callbacks). */
  readonly nextCallAfter: Date | null
}

export type QueueEntryStatus = 'waiting' | 'claimed' | 'done' | 'skipped'

export interface QueueEntry {
  readonly id: string
  readonly queueId: QueueId
  readonly leadId: LeadId
  readonly phone: E164
  readonly score: number
  readonly reasons: ReadonlyArray<ScoreReason>
  readonly leadCreatedAt: Date
  readonly status: QueueEntryStatus
  readonly claimedBy: AgentId | null
  readonly claimedAt: Date | null
  /** Only this agent may take the entry (their own callback); null means anyone. */
  readonly reservedFor: AgentId | null
  readonly callbackId: string | null
}

export interface NewQueueEntry {
  readonly leadId: LeadId
  readonly phone: E164
  readonly score: number
  readonly reasons: ReadonlyArray<ScoreReason>
  readonly leadCreatedAt: Date
  readonly reservedFor: AgentId | null
  readonly callbackId: string | null
}

export interface QueueLevel {
  readonly queueId: QueueId
  readonly waiting: number
  readonly claimed: number
  readonly generation: number
  readonly regeneratedAt: Date | null
}

export interface DueCallback {
  readonly id: string
  readonly leadId: LeadId
  readonly phone: E164
  readonly ownerAgentId: AgentId | null
  readonly dueAt: Date
}

export interface NewCallback {
  readonly leadId: LeadId
  readonly phone: E164
  readonly ownerAgentId: AgentId | null
  readonly dueAt: Date
  readonly notes: string | null
  readonly createdBy: AgentId | null
}

export interface Conversion {
  readonly entryId: string
  readonly leadId: LeadId
  readonly queueId: QueueId
  readonly detail: string
}

export interface NewAgentRecord {
  readonly email: string
  readonly displayName: string
  readonly role: AgentRole
  readonly queueIds: ReadonlyArray<string>
  readonly passwordHash: string | null
}

type Op<A> = Effect.Effect<A, DiallerStoreError>

/** What the store knows that decides whether an agent may dial a held entry, read together. */
export interface PreDialFacts {
  readonly agent: Option.Option<Agent>
  readonly entry: Option.Option<QueueEntry>
  /** The entry's lead's calls, skips and retry rules; null if it has none (or there is no entry). */
  readonly activity: LeadActivity | null
  /** The entry's lead converted for the entry's queue since the date asked about. */
  readonly converted: boolean
  /** The entry's number opted out. */
  readonly optedOut: boolean
}

/**
 * The dialler's own state (in Postgres or PGlite): agents, queue entries, lead activity, callbacks,
 * conversions, opt-outs. Claiming is atomic across every app instance sharing the store.
 */
export interface DiallerStoreService {
  readonly createAgent: (agent: NewAgentRecord) => Effect.Effect<Agent, DiallerStoreError | AgentEmailTaken>
  readonly findAgent: (agentId: AgentId) => Op<Option.Option<Agent>>
  /** An agent never seen is `offline`. */
  readonly agentState: (agentId: AgentId) => Op<AgentState>
  /** Moves the agent only if they are still in `from`; returns the state they are in afterwards. */
  readonly setAgentState: (
    agentId: AgentId,
    from: AgentStateName,
    to: { readonly state: AgentStateName; readonly reason: string | null },
    now: Date,
  ) => Op<AgentState>

  readonly saveQueueSettings: (queues: ReadonlyArray<QueueSettings>) => Op<void>
  readonly queueLevels: () => Op<ReadonlyArray<QueueLevel>>
  /**
   * Takes a lease so that one regeneration runs at a time across instances. False when another
   * holder's lease has not run out.
   */
  readonly startRegeneration: (holder: string, now: Date, leaseMs: number) => Op<boolean>
  readonly finishRegeneration: (holder: string) => Op<void>
  /**
   * Builds a new generation of the queue aside and swaps it in with one short write; entries already
   * claimed stay with their agents. Claims never wait on it.
   */
  readonly replaceQueueEntries: (
    queueId: QueueId,
    entries: ReadonlyArray<NewQueueEntry>,
  ) => Op<{ readonly generation: number; readonly inserted: number }>

  /**
   * Hands the best waiting entry of the given queues (in that priority order) to the agent, in one
   * short transaction that skips rows other claimers hold. A lead is never claimed twice at once.
   */
  readonly claimNextEntry: (
    agentId: AgentId,
    queueIds: ReadonlyArray<QueueId>,
    now: Date,
  ) => Op<Option.Option<QueueEntry>>
  /** The entry an agent holds, if any: an agent works one lead at a time. */
  readonly heldEntry: (agentId: AgentId) => Op<Option.Option<QueueEntry>>
  readonly findEntry: (entryId: string) => Op<Option.Option<QueueEntry>>
  /**
   * The agent, the entry and, for the entry's lead, its activity, a conversion since `convertedSince`
   * and an opt-out of its number: in one read, as it runs right before every dial. An entry id that is
   * not one gives no entry.
   */
  readonly preDialFacts: (agentId: AgentId, entryId: string, convertedSince: Date) => Op<PreDialFacts>
  /** Gives a held entry back to its queue. False if the agent did not hold it. */
  readonly releaseEntry: (entryId: string, agentId: AgentId) => Op<boolean>
  /** Takes a held entry out with a reason; the lead is not called again before `nextCallAfter`. */
  readonly skipEntry: (entryId: string, agentId: AgentId, reason: string, nextCallAfter: Date) => Op<boolean>
  /** Marks a held entry worked (its call is over). */
  readonly finishEntry: (entryId: string, agentId: AgentId) => Op<boolean>
  /** Returns entries claimed before the cutoff to their queue; how many. */
  readonly expireStaleClaims: (claimedBefore: Date) => Op<number>
  /** Waiting entries of a queue's current generation, for conversion tracking. */
  readonly waitingEntries: (
    queueId: QueueId,
  ) => Op<ReadonlyArray<{ readonly entryId: string; readonly leadId: LeadId }>>
  /** Records conversions and takes their entries out of the queue. */
  readonly recordConversions: (conversions: ReadonlyArray<Conversion>, now: Date) => Op<number>
  /** Takes entries out that no longer belong (source says ineligible for another reason). */
  readonly removeEntries: (entryIds: ReadonlyArray<string>) => Op<number>
  /** Which of these leads converted for this queue since the date. */
  readonly convertedLeads: (
    queueId: QueueId,
    leadIds: ReadonlyArray<LeadId>,
    since: Date,
  ) => Op<ReadonlySet<LeadId>>

  readonly leadActivity: (leadIds: ReadonlyArray<LeadId>) => Op<ReadonlyMap<LeadId, LeadActivity>>
  /** Leads an agent holds right now (claimed, or on a call): never queued twice. */
  readonly busyLeads: () => Op<ReadonlySet<LeadId>>

  readonly optedOut: (phones: ReadonlyArray<E164>) => Op<ReadonlySet<E164>>
  readonly recordOptOut: (phone: E164, source: string, now: Date) => Op<void>
  readonly removeOptOut: (phone: E164) => Op<void>

  readonly scheduleCallback: (callback: NewCallback) => Op<{ readonly id: string }>
  readonly dueCallbacks: (now: Date) => Op<ReadonlyArray<DueCallback>>
  /**
   * Pending callbacks due before `dueBefore` whose owner has not been reminded yet, marked reminded at
   * `now` in the same step: each reminder goes out once, whichever instance runs the job.
   */
  readonly takeCallbackReminders: (dueBefore: Date, now: Date) => Op<ReadonlyArray<DueCallback>>
}

export class DiallerStore extends Context.Tag('@ringlane/core/DiallerStore')<
  DiallerStore,
  DiallerStoreService
>() {}
