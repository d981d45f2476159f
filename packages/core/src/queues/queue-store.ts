import { Context, type Effect, type Option, Schema } from 'effect'
import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { QueueSettings } from './queue-definition.js'
import type { ScoreReason } from './scoring.js'

/** The queue store failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class QueueStoreError extends Schema.TaggedError<QueueStoreError>()('QueueStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

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

export interface Conversion {
  readonly entryId: string
  readonly leadId: LeadId
  readonly queueId: QueueId
  readonly detail: string
}

/** How an engine call that reached no agent ended, for the lead's memory (`finishEngineEntry`). */
export interface EngineAttempt {
  readonly leadId: LeadId
  /** A disposition code: `no_answer`, `busy`, `voicemail`. */
  readonly outcome: string
  /** Null: the disposition has no retry rule; the lead may come back at once. */
  readonly nextCallAfter: Date | null
}

/** What taking a chosen lead came to (`takeLead`). */
export type TakenLead =
  | { readonly _tag: 'Taken'; readonly entry: QueueEntry }
  /** Another agent, or the call engine, holds the lead right now. */
  | { readonly _tag: 'HeldByOther' }
  /** The agent already holds another lead (`entry`): one lead at a time. */
  | { readonly _tag: 'AgentBusy'; readonly entry: QueueEntry }

type Op<A> = Effect.Effect<A, QueueStoreError>

/**
 * Queues, their scored entries and who holds which (in Postgres or PGlite). Claiming is atomic across
 * every app instance sharing the store.
 */
export interface QueueStoreService {
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
  /**
   * Claims up to `count` waiting entries of the given queues (in that priority order) for the call
   * engine: held by no agent until a person answers and one takes the call (`handEntryTo`). Entries
   * reserved for an agent (their callbacks) are left for them. Skips rows other claimers hold, so no
   * lead is claimed, and dialled, twice.
   */
  readonly claimForEngine: (
    queueIds: ReadonlyArray<QueueId>,
    count: number,
    now: Date,
  ) => Op<ReadonlyArray<QueueEntry>>
  /**
   * Gives an entry the engine holds to the agent who took its call, so their desk holds it as if they
   * had claimed it. False if the engine does not hold it or the agent already holds another.
   */
  readonly handEntryTo: (entryId: string, agentId: AgentId) => Op<boolean>
  /**
   * Passes a held entry from one agent to another (the call was transferred): the lead goes with the
   * call. To none, the entry is the engine's again until routing hands it to the next agent
   * (`handEntryTo`). False if `from` does not hold it or `to` already holds another.
   */
  readonly passEntry: (entryId: string, from: AgentId, to: AgentId | null) => Op<boolean>
  /**
   * Marks an entry the engine holds worked: its call ended with no agent (unanswered, abandoned,
   * machine). With `attempt`, the lead's memory learns how that attempt ended, in the same transaction
   * (last outcome, and no call before `nextCallAfter`), so the next scoring reads it.
   */
  readonly finishEngineEntry: (entryId: string, attempt?: EngineAttempt) => Op<boolean>
  /**
   * Gives an entry the engine holds back to its queue unworked: its lead could not be checked (the
   * source did not answer), so it was neither called nor refused, and a later round claims it again.
   * False if the engine does not hold it.
   */
  readonly releaseEngineEntry: (entryId: string) => Op<boolean>
  /**
   * Gives the agent a lead they chose (a manual dial from the desk's search): its waiting entry if a
   * queue has one, else a new entry in `queueId`'s current generation reserved for them (so giving it
   * back never offers it to anyone else). One statement's worth of checks: a lead another holds, or a
   * second lead for the agent, is refused, whatever runs at the same time.
   */
  readonly takeLead: (agentId: AgentId, queueId: QueueId, lead: NewQueueEntry, now: Date) => Op<TakenLead>
  /** The entry an agent holds, if any: an agent works one lead at a time. */
  readonly heldEntry: (agentId: AgentId) => Op<Option.Option<QueueEntry>>
  /** An entry by id; an id that is not one gives none. */
  readonly findEntry: (entryId: string) => Op<Option.Option<QueueEntry>>
  /** Gives a held entry back to its queue. False if the agent did not hold it. */
  readonly releaseEntry: (entryId: string, agentId: AgentId) => Op<boolean>
  /**
   * Takes a held entry out with a reason, and defers its lead (the contact history's next-call time)
   * to `nextCallAfter`, together.
   */
  readonly skipEntry: (entryId: string, agentId: AgentId, reason: string, nextCallAfter: Date) => Op<boolean>
  /** Marks a held entry worked (its call is over). */
  readonly finishEntry: (entryId: string, agentId: AgentId) => Op<boolean>
  /** Returns entries claimed before the cutoff to their queue; how many. */
  readonly expireStaleClaims: (claimedBefore: Date) => Op<number>
  /** Waiting entries of a queue's current generation, for conversion tracking. */
  readonly waitingEntries: (
    queueId: QueueId,
  ) => Op<ReadonlyArray<{ readonly entryId: string; readonly leadId: LeadId }>>
  /** Takes converted entries out of their queue and records the conversions, together. */
  readonly recordConversions: (conversions: ReadonlyArray<Conversion>, now: Date) => Op<number>
  /** Takes entries out that no longer belong (source says ineligible for another reason). */
  readonly removeEntries: (entryIds: ReadonlyArray<string>) => Op<number>
  /** Leads an agent holds right now (claimed, or on a call): never queued twice. */
  readonly busyLeads: () => Op<ReadonlySet<LeadId>>
}

export class QueueStore extends Context.Tag('@ringlane/core/QueueStore')<QueueStore, QueueStoreService>() {}
