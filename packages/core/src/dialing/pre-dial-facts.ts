import { Context, type Effect, type Option, Schema } from 'effect'
import type { Agent } from '../agents/agent.js'
import type { ScreeningFacts } from '../compliance/contact-decision.js'
import type { AgentId } from '../kernel/ids.js'
import type { LeadActivity } from '../leads/contact-history.js'
import type { QueueEntry } from '../queues/queue-store.js'

export class PreDialFactsError extends Schema.TaggedError<PreDialFactsError>()('PreDialFactsError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** What the dialler's own stores know that decides whether an agent may dial a held entry. */
export interface PreDialFacts {
  readonly agent: Option.Option<Agent>
  readonly entry: Option.Option<QueueEntry>
  /** The entry's lead's calls, skips and retry rules; null if it has none (or there is no entry). */
  readonly activity: LeadActivity | null
  /** The entry's lead converted for the entry's queue since the date asked about. */
  readonly converted: boolean
  /** The entry's number is suppressed (opted out). */
  readonly optedOut: boolean
  /** The entry's number's entries on the suppression lists, and every list's copy date (read now, never cached). */
  readonly screening: ScreeningFacts
}

/**
 * One read across the agent, queue, contact-history, suppression and suppression-list stores, made right before every
 * dial: the hot path's single round trip to the dialler's database (see decision 0012). A store that
 * has no cheaper way can answer it from the four ports in turn.
 */
export interface PreDialFactsReaderService {
  /** An entry id that is not one gives no entry; no agent (the call engine's dial) gives none. */
  readonly preDialFacts: (
    agentId: AgentId | null,
    entryId: string,
    convertedSince: Date,
  ) => Effect.Effect<PreDialFacts, PreDialFactsError>
}

export class PreDialFactsReader extends Context.Tag('@ringlane/core/PreDialFactsReader')<
  PreDialFactsReader,
  PreDialFactsReaderService
>() {}
