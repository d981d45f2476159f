import type { Agents, E164, LeadId, Leads, QueueId, Queues } from '@ringlane/core'
import { Effect, Option } from 'effect'
import type { Selectable } from 'kysely'
import type { DiallerDatabase } from './schema.js'

type AgentId = Agents.AgentId

/** A Postgres unique violation, optionally of one constraint. */
export const isUniqueViolation = (cause: unknown, constraint?: string) =>
  typeof cause === 'object' &&
  cause !== null &&
  (cause as { code?: string }).code === '23505' &&
  (constraint === undefined ||
    String((cause as { constraint?: string }).constraint ?? (cause as Error).message).includes(constraint))

/** Runs a query, turning a driver failure into the port's own error (it names the operation). */
export const attemptWith =
  <E>(failure: new (fields: { operation: string; message: string; cause: unknown }) => E, store: string) =>
  <A>(operation: string, run: () => Promise<A>) =>
    Effect.tryPromise({
      try: run,
      catch: (cause) =>
        new failure({
          operation,
          message: `The ${store} could not ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
          cause,
        }),
    })

// Ids arrive from webhooks, forms and SDK calls; a malformed one finds nothing instead of failing the
// uuid cast.
export const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

/** A timestamp column that may be null, as a `Date`. */
export const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value))

export const toAgent = (row: Selectable<DiallerDatabase['agents']>): Agents.Agent => ({
  id: row.id as AgentId,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  active: row.active,
  queueIds: row.queue_ids,
})

export const toEntry = (row: Selectable<DiallerDatabase['queue_entries']>): Queues.QueueEntry => ({
  id: row.id,
  queueId: row.queue_id as QueueId,
  leadId: row.lead_id as LeadId,
  phone: row.phone as E164,
  score: row.score,
  reasons: row.reasons as ReadonlyArray<Queues.ScoreReason>,
  leadCreatedAt: new Date(row.lead_created_at),
  status: row.status,
  claimedBy: row.claimed_by as AgentId | null,
  claimedAt: row.claimed_at === null ? null : new Date(row.claimed_at),
  reservedFor: row.reserved_for as AgentId | null,
  callbackId: row.callback_id,
})

export type ActivityRow = Pick<
  Selectable<DiallerDatabase['lead_activity']>,
  'lead_id' | 'last_contact_at' | 'attempts_total' | 'last_outcome' | 'next_call_after'
> & {
  /** `to_json(recent_attempts)`: ISO strings, read the same on pg and PGlite. */
  readonly recent_attempts: ReadonlyArray<string> | null
}

export const toActivity = (row: ActivityRow): Leads.LeadActivity => ({
  leadId: row.lead_id as LeadId,
  lastContactAt: row.last_contact_at === null ? null : new Date(row.last_contact_at),
  attemptsTotal: row.attempts_total,
  recentAttempts: (row.recent_attempts ?? []).map((at) => new Date(at)),
  lastOutcome: row.last_outcome,
  nextCallAfter: row.next_call_after === null ? null : new Date(row.next_call_after),
})

export const toDueCallback = (
  row: Pick<
    Selectable<DiallerDatabase['callbacks']>,
    'id' | 'lead_id' | 'phone' | 'owner_agent_id' | 'due_at'
  >,
): Leads.DueCallback => ({
  id: row.id,
  leadId: row.lead_id as LeadId,
  phone: row.phone as E164,
  ownerAgentId: row.owner_agent_id as AgentId | null,
  dueAt: new Date(row.due_at),
})

export const optionOf = Option.fromNullable
