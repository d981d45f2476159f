import { Context, type Effect, type Option } from 'effect'
import type { QueueContact } from './contact.js'
import type { RoutingStoreError } from './errors.js'
import type { AgentSkills, RoutingQueue } from './queue.js'

type Op<A> = Effect.Effect<A, RoutingStoreError>

/** Which contacts: of one queue or all, enqueued in `[since, until)`. */
export interface ContactFilter {
  readonly queueId?: string | undefined
  readonly since: Date
  readonly until: Date
}

/** What `addContact` did: added, or refused because the call already waits in a queue or the queue is full. */
export type AddedContact =
  | { readonly _tag: 'Added'; readonly contact: QueueContact }
  | { readonly _tag: 'AlreadyQueued'; readonly contact: QueueContact }
  | { readonly _tag: 'Full' }

/**
 * Live-call queues, agents' skills, and each call's stay in a queue, shared by every app instance.
 * Contacts change only by compare-and-set on their state, so two instances never reserve one agent
 * twice nor move one contact two ways.
 */
export interface RoutingStoreService {
  /** Creates or replaces the queue (the caller sets `version`); returns it as stored. */
  readonly saveQueue: (queue: RoutingQueue) => Op<RoutingQueue>
  readonly findQueue: (queueId: string) => Op<Option.Option<RoutingQueue>>
  /** Every queue, by name (then id). */
  readonly listQueues: () => Op<ReadonlyArray<RoutingQueue>>
  /** Removes the queue; false when there was none. Its contacts stay (they are the SLA history). */
  readonly deleteQueue: (queueId: string) => Op<boolean>
  readonly setAgentSkills: (skills: AgentSkills) => Op<void>
  /** Every agent's skills that were ever set. */
  readonly agentSkills: () => Op<ReadonlyArray<AgentSkills>>
  /**
   * Adds a waiting contact, unless the call already has an open one (waiting or reserved) or the
   * queue holds `maxOpen` open contacts already (null: no limit). Atomic across instances.
   */
  readonly addContact: (contact: QueueContact, maxOpen: number | null) => Op<AddedContact>
  /** The call's latest contact, open or not. */
  readonly contactForCall: (callId: string) => Op<Option.Option<QueueContact>>
  /** Open contacts (waiting or reserved) of one queue or all, by priority (highest) then enqueued (oldest). */
  readonly openContacts: (queueId?: string) => Op<ReadonlyArray<QueueContact>>
  /** Contacts enqueued in the window, oldest first. */
  readonly contacts: (filter: ContactFilter) => Op<ReadonlyArray<QueueContact>>
  /**
   * Contacts an agent answered that are still connected or ended at or after `since` (strategies'
   * statistics: calls answered, talk time, last call end), oldest first.
   */
  readonly agentContactsSince: (since: Date) => Op<ReadonlyArray<QueueContact>>
  /**
   * Replaces the contact if it is still in state `from` (and, for `reserved`, still reserved for
   * the same agent); none when it moved meanwhile. Taking a reservation is this with `to.state`
   * `reserved`: it fails (none) when the agent holds another reservation, on any instance.
   */
  readonly moveContact: (from: QueueContact, to: QueueContact) => Op<Option.Option<QueueContact>>
  /** Agents holding a reservation now (not yet connected). */
  readonly reservedAgents: () => Op<ReadonlyArray<string>>
}

export class RoutingStore extends Context.Tag('@ringlane/core/RoutingStore')<
  RoutingStore,
  RoutingStoreService
>() {}
