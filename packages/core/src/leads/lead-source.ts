import { Context, type Effect, type Option, Schema } from 'effect'
import type { LeadId, QueueId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { Candidate, Eligibility, LeadProfile } from './lead.js'

/** The source could not answer: down, slow, or the query failed. Nothing is dialled on this. */
export class LeadSourceError extends Schema.TaggedError<LeadSourceError>()('LeadSourceError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

export interface CandidateQuery {
  /** Leads created after this are still cooling and must not be returned. */
  readonly createdBefore: Date
  readonly limit: number
}

/** What an agent typed to find a lead: a name, a phone number or a case reference. */
export interface LeadSearch {
  /** Trimmed, 2 to 100 characters. */
  readonly text: string
  /** The text as a phone number, when it reads as one; the source matches it however it wrote numbers. */
  readonly phone: E164 | null
  readonly limit: number
}

/** A lead a search found, with just enough to tell people apart before opening one. */
export interface LeadMatch {
  readonly leadId: LeadId
  readonly firstName: string
  readonly lastName: string
  /** As the source wrote it. */
  readonly phone: string
  /** What matched: the person's name, their number, or a case of theirs (`detail` names it). */
  readonly matchedBy: 'name' | 'phone' | 'reference'
  /** E.g. the case reference that matched; null for a name or number. */
  readonly detail: string | null
}

/**
 * The read-only source of people and their open cases (in production a MySQL replica). Ringlane
 * never writes to it. `Details` is what its use case adds to a lead (see `LeadProfile`).
 */
export interface LeadSourceService<Details = unknown> {
  /** The leads a source queue would call, with what scoring needs. */
  readonly candidates: (
    queueId: QueueId,
    query: CandidateQuery,
  ) => Effect.Effect<ReadonlyArray<Candidate>, LeadSourceError>
  /**
   * Whether each lead still belongs in the queue, asked live. Leads missing from the source come back
   * as `not-found`, so every id asked about has an answer.
   */
  readonly recheck: (
    queueId: QueueId,
    leadIds: ReadonlyArray<LeadId>,
  ) => Effect.Effect<ReadonlyMap<LeadId, Eligibility>, LeadSourceError>
  /** The person, their address and the use case's details, as the agent sees them. */
  readonly profile: (leadId: LeadId) => Effect.Effect<Option.Option<LeadProfile<Details>>, LeadSourceError>
  /**
   * The leads whose number is this one (however the source wrote it), most recent first, so an inbound
   * text can be linked to its lead. Optional: a source without it leaves SMS conversations unlinked.
   */
  readonly findLeadsByPhone?: (phone: E164) => Effect.Effect<ReadonlyArray<LeadId>, LeadSourceError>
  /**
   * Leads by name (every word the start of a first or last name), number (any written form) or case
   * reference (exact, any case), newest first, at most `limit`. Optional: a source without it offers no
   * lead search on the desk.
   */
  readonly search?: (query: LeadSearch) => Effect.Effect<ReadonlyArray<LeadMatch>, LeadSourceError>
  /**
   * The leads whose first or last name (or both, "Ann Smith") contains the text, ignoring case, at most
   * `limit`. Optional: without it the call log cannot be searched by name.
   */
  readonly findLeadsByName?: (
    name: string,
    limit: number,
  ) => Effect.Effect<ReadonlyArray<LeadId>, LeadSourceError>
  /** Many leads' names ("First Last") at once; leads not found are left out. Optional: else one profile each. */
  readonly leadNames?: (
    leadIds: ReadonlyArray<LeadId>,
  ) => Effect.Effect<ReadonlyMap<LeadId, string>, LeadSourceError>
  /** A cheap round trip, for health checks. */
  readonly ping: Effect.Effect<void, LeadSourceError>
}

export class LeadSource extends Context.Tag('@ringlane/core/LeadSource')<LeadSource, LeadSourceService>() {}
