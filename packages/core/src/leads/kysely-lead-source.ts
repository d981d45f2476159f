import { Effect, Option } from 'effect'
import { type Kysely, sql } from 'kysely'
import type { LeadId, QueueId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { Candidate, Eligibility, LeadProfile } from './lead.js'
import {
  type CandidateQuery,
  type LeadMatch,
  type LeadSearch,
  LeadSourceError,
  type LeadSourceService,
} from './lead-source.js'

/** A source queue's two queries: the leads it would call, and the live re-check before a dial. */
export interface SourceQueries<Source, Facts = unknown> {
  readonly id: string
  readonly candidates?: (
    db: Kysely<Source>,
    query: CandidateQuery,
  ) => Promise<ReadonlyArray<Candidate<Facts>>>
  readonly recheck?: (
    db: Kysely<Source>,
    leadIds: ReadonlyArray<LeadId>,
  ) => Promise<ReadonlyMap<LeadId, Eligibility>>
}

/**
 * What a source schema brings: its queues' queries, the agent's view of a lead, and whether a lead can
 * be called at all (the re-check for queues the dialler owns, such as callbacks).
 */
export interface LeadSourcePreset<Source, Details = unknown, Facts = unknown> {
  readonly queues: ReadonlyArray<SourceQueries<Source, Facts>>
  readonly profile: (db: Kysely<Source>, leadId: LeadId) => Promise<LeadProfile<Details> | undefined>
  readonly reachable: (
    db: Kysely<Source>,
    leadIds: ReadonlyArray<LeadId>,
  ) => Promise<ReadonlyMap<LeadId, Eligibility>>
  /** The leads with this number, most recent first; without it, inbound texts stay unlinked. */
  readonly findLeadsByPhone?: (db: Kysely<Source>, phone: E164) => Promise<ReadonlyArray<LeadId>>
  /** Leads by name, number or case reference; without it, the desk has no lead search. */
  readonly searchLeads?: (db: Kysely<Source>, query: LeadSearch) => Promise<ReadonlyArray<LeadMatch>>
  /** The leads whose name contains the text (case ignored), at most `limit`; without it, no search by name. */
  readonly findLeadsByName?: (
    db: Kysely<Source>,
    name: string,
    limit: number,
  ) => Promise<ReadonlyArray<LeadId>>
  /** Many leads' names at once ("First Last"); without it, names are read one profile at a time. */
  readonly leadNames?: (
    db: Kysely<Source>,
    leadIds: ReadonlyArray<LeadId>,
  ) => Promise<ReadonlyMap<LeadId, string>>
}

const attempt = <A>(operation: string, run: () => Promise<A>) =>
  Effect.tryPromise({
    try: run,
    catch: (cause) =>
      new LeadSourceError({
        operation,
        message: `The lead source could not ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      }),
  })

/** A lead source over any Kysely dialect: MySQL for a replica, Postgres or PGlite for a demo. */
export const kyselyLeadSource = <Source, Details, Facts>(
  db: Kysely<Source>,
  preset: LeadSourcePreset<Source, Details, Facts>,
): LeadSourceService<Details> => {
  const queueOf = (queueId: QueueId, operation: string) => {
    const queue = preset.queues.find((q) => q.id === queueId)
    return queue
      ? Effect.succeed(queue)
      : Effect.fail(new LeadSourceError({ operation, message: `The lead source has no queue "${queueId}"` }))
  }
  const findByPhone = preset.findLeadsByPhone
  const searchLeads = preset.searchLeads
  const findByName = preset.findLeadsByName
  const names = preset.leadNames
  return {
    candidates: (queueId, query) =>
      Effect.flatMap(queueOf(queueId, 'list candidates'), (queue) => {
        const candidates = queue.candidates
        return candidates
          ? attempt(`list candidates for ${queueId}`, () => candidates(db, query))
          : Effect.succeed([])
      }),
    recheck: (queueId, leadIds) =>
      Effect.flatMap(queueOf(queueId, 're-check leads'), (queue) =>
        leadIds.length === 0
          ? Effect.succeed(new Map<LeadId, Eligibility>())
          : attempt(`re-check leads for ${queueId}`, () =>
              queue.recheck ? queue.recheck(db, leadIds) : preset.reachable(db, leadIds),
            ),
      ),
    profile: (leadId) =>
      Effect.map(
        attempt('load the lead', () => preset.profile(db, leadId)),
        Option.fromNullable,
      ),
    ...(findByPhone && {
      findLeadsByPhone: (phone: E164) => attempt('find leads by phone', () => findByPhone(db, phone)),
    }),
    ...(searchLeads && {
      search: (query: LeadSearch) => attempt('search leads', () => searchLeads(db, query)),
    }),
    ...(findByName && {
      findLeadsByName: (name: string, limit: number) =>
        attempt('find leads by name', () => findByName(db, name, limit)),
    }),
    ...(names && {
      leadNames: (leadIds: ReadonlyArray<LeadId>) =>
        leadIds.length === 0
          ? Effect.succeed(new Map<LeadId, string>())
          : attempt("read leads' names", () => names(db, leadIds)),
    }),
    ping: Effect.asVoid(attempt('answer a ping', () => sql`select 1`.execute(db))),
  }
}
