import { type Agents, Calls, type Compliance, type Leads, type Queues } from '@ringlane/core'
import { Effect, Layer, Option } from 'effect'
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import { connectDiallerStore, type StoreClient } from './connection.js'
import type { DiallerDatabase } from './schema.js'

type Row = Selectable<DiallerDatabase['call_sessions']>
type OutcomeRow = Selectable<DiallerDatabase['call_outcomes']>

const attempt = <A>(operation: string, run: () => Promise<A>) =>
  Effect.tryPromise({
    try: run,
    catch: (cause) =>
      new Calls.CallStoreError({
        operation,
        message: `The call store could not ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      }),
  })

const date = (value: Date | string | null) => (value === null ? null : new Date(value))

const toSession = (row: Row): Calls.CallSession => ({
  id: row.id,
  agentId: row.agent_id as Agents.AgentId,
  leadId: row.lead_id as Leads.LeadId,
  queueId: row.queue_id as Queues.QueueId,
  entryId: row.entry_id,
  phone: row.phone as Compliance.E164,
  provider: row.provider,
  providerCallId: row.provider_call_id,
  status: row.status,
  answeredBy: row.answered_by,
  startedAt: new Date(row.started_at),
  ringingAt: date(row.ringing_at),
  answeredAt: date(row.answered_at),
  endedAt: date(row.ended_at),
  ringSeconds: row.ring_seconds,
  talkSeconds: row.talk_seconds,
  endReason: row.end_reason,
})

const toOutcome = (row: OutcomeRow): Calls.RecordedOutcome => ({
  id: row.id,
  sessionId: row.session_id,
  agentId: row.agent_id as Agents.AgentId,
  disposition: row.disposition,
  notes: row.notes,
  callbackId: row.callback_id,
  recordedAt: new Date(row.recorded_at),
})

const OPEN = ['initiated', 'queued', 'ringing', 'in-progress'] as const

const upsertActivity = (
  tx: Transaction<DiallerDatabase>,
  leadId: string,
  values: Partial<{ last_contact_at: Date; last_outcome: string; next_call_after: Date | null }>,
) =>
  tx
    .insertInto('lead_activity')
    .values({ lead_id: leadId, ...values })
    .onConflict((oc) => oc.column('lead_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute()

/** Call sessions, events and outcomes in the dialler store (Postgres or PGlite, migrated). */
export const callStore = (db: Kysely<DiallerDatabase>): Calls.CallStoreService => ({
  createSession: (session) =>
    attempt('open a call session', () =>
      db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('call_sessions')
          .values({
            agent_id: session.agentId,
            lead_id: session.leadId,
            queue_id: session.queueId,
            entry_id: session.entryId,
            phone: session.phone,
            provider: session.provider,
            status: 'initiated',
            started_at: session.startedAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        // Attempt caps count calls placed, today (UTC) and in total.
        const day = session.startedAt.toISOString().slice(0, 10)
        await tx
          .insertInto('lead_activity')
          .values({ lead_id: session.leadId, attempts_total: 1, attempts_today: 1, attempts_day: day })
          .onConflict((oc) =>
            oc.column('lead_id').doUpdateSet({
              attempts_total: sql`lead_activity.attempts_total + 1`,
              attempts_today: sql`case when lead_activity.attempts_day = ${day}::date then lead_activity.attempts_today + 1 else 1 end`,
              attempts_day: day,
              updated_at: sql`now()`,
            }),
          )
          .execute()
        return toSession(row)
      }),
    ),

  findSession: (sessionId) =>
    attempt('find a call session', async () =>
      Option.fromNullable(
        await db.selectFrom('call_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst(),
      ).pipe(Option.map(toSession)),
    ),

  findSessionByProviderCall: (providerCallId) =>
    attempt('find a call by provider id', async () =>
      Option.fromNullable(
        await db
          .selectFrom('call_sessions')
          .selectAll()
          .where('provider_call_id', '=', providerCallId)
          .executeTakeFirst(),
      ).pipe(Option.map(toSession)),
    ),

  activeSession: (agentId) =>
    attempt("find an agent's open call", async () =>
      Option.fromNullable(
        await db
          .selectFrom('call_sessions')
          .selectAll()
          .where('agent_id', '=', agentId)
          .where('status', 'in', OPEN)
          .orderBy('started_at', 'desc')
          .executeTakeFirst(),
      ).pipe(Option.map(toSession)),
    ),

  updateSession: (sessionId, event, transition) =>
    attempt('update a call session', () =>
      db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom('call_sessions')
          .selectAll()
          .where('id', '=', sessionId)
          .forUpdate()
          .executeTakeFirstOrThrow()
        if (event) {
          await tx
            .insertInto('call_events')
            .values({
              session_id: sessionId,
              provider_call_id: event.providerCallId,
              status: event.status,
              occurred_at: event.occurredAt,
              answered_by: event.answeredBy,
              duration_seconds: event.durationSeconds,
              error_code: event.errorCode,
            })
            .onConflict((oc) => oc.constraint('call_events_once').doNothing())
            .execute()
        }
        const before = toSession(row)
        const after = transition(before)
        if (after !== before) {
          await tx
            .updateTable('call_sessions')
            .set({
              provider_call_id: after.providerCallId,
              status: after.status,
              answered_by: after.answeredBy,
              ringing_at: after.ringingAt,
              answered_at: after.answeredAt,
              ended_at: after.endedAt,
              ring_seconds: after.ringSeconds,
              talk_seconds: after.talkSeconds,
              end_reason: after.endReason,
            })
            .where('id', '=', sessionId)
            .execute()
        }
        return { before, after }
      }),
    ),

  staleSessions: (startedBefore) =>
    attempt('list calls with no final status', async () =>
      (
        await db
          .selectFrom('call_sessions')
          .selectAll()
          .where('status', 'in', OPEN)
          .where('started_at', '<', startedBefore)
          .orderBy('started_at')
          .limit(500)
          .execute()
      ).map(toSession),
    ),

  recordOutcome: (outcome) =>
    attempt('record an outcome', () =>
      db.transaction().execute(async (tx) => {
        // The outcome row goes first: a second submit of the same call stops here, writing nothing.
        const inserted = await tx
          .insertInto('call_outcomes')
          .values({
            session_id: outcome.sessionId,
            agent_id: outcome.agentId,
            lead_id: outcome.leadId,
            disposition: outcome.disposition,
            notes: outcome.notes,
            recorded_at: outcome.recordedAt,
          })
          .onConflict((oc) => oc.column('session_id').doNothing())
          .returningAll()
          .executeTakeFirst()
        if (!inserted) {
          const existing = await tx
            .selectFrom('call_outcomes')
            .selectAll()
            .where('session_id', '=', outcome.sessionId)
            .executeTakeFirstOrThrow()
          return { outcome: toOutcome(existing), created: false }
        }
        let callbackId: string | null = null
        if (outcome.callback) {
          const callback = await tx
            .insertInto('callbacks')
            .values({
              lead_id: outcome.callback.leadId,
              phone: outcome.callback.phone,
              owner_agent_id: outcome.callback.ownerAgentId,
              due_at: outcome.callback.dueAt,
              notes: outcome.callback.notes,
              created_by: outcome.callback.createdBy,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          callbackId = callback.id
          await tx
            .updateTable('call_outcomes')
            .set({ callback_id: callbackId })
            .where('id', '=', inserted.id)
            .execute()
        }
        await upsertActivity(tx, outcome.leadId, {
          ...(outcome.contact && { last_contact_at: outcome.recordedAt }),
          last_outcome: outcome.disposition,
          next_call_after: outcome.nextCallAfter,
        })
        if (outcome.conversion) {
          await tx
            .insertInto('lead_conversions')
            .values({
              lead_id: outcome.leadId,
              queue_id: outcome.queueId,
              entry_id: outcome.entryId,
              detail: outcome.conversion,
              converted_at: outcome.recordedAt,
            })
            .execute()
        }
        if (outcome.optOut) {
          await tx
            .insertInto('opt_outs')
            .values({ phone: outcome.optOut, source: 'agent', opted_out_at: outcome.recordedAt })
            .onConflict((oc) => oc.column('phone').doNothing())
            .execute()
        }
        // The call is worked: its queue entry is done, and a callback it answered is kept.
        const entry = await tx
          .updateTable('queue_entries')
          .set({ status: 'done', finished_at: outcome.recordedAt })
          .where('id', '=', outcome.entryId)
          .where('status', 'in', ['claimed', 'waiting'])
          .returning('callback_id')
          .executeTakeFirst()
        if (entry?.callback_id) {
          await tx
            .updateTable('callbacks')
            .set({ status: 'done', completed_at: outcome.recordedAt })
            .where('id', '=', entry.callback_id)
            .where('status', '=', 'pending')
            .execute()
        }
        return { outcome: toOutcome({ ...inserted, callback_id: callbackId }), created: true }
      }),
    ),

  findOutcome: (sessionId) =>
    attempt('find an outcome', async () =>
      Option.fromNullable(
        await db
          .selectFrom('call_outcomes')
          .selectAll()
          .where('session_id', '=', sessionId)
          .executeTakeFirst(),
      ).pipe(Option.map(toOutcome)),
    ),

  callHistory: (leadId, limit) =>
    attempt("read a lead's calls", async () => {
      const sessions = await db
        .selectFrom('call_sessions')
        .selectAll()
        .where('lead_id', '=', leadId)
        .orderBy('started_at', 'desc')
        .limit(limit)
        .execute()
      const outcomes =
        sessions.length === 0
          ? []
          : await db
              .selectFrom('call_outcomes')
              .selectAll()
              .where(
                'session_id',
                'in',
                sessions.map((s) => s.id),
              )
              .execute()
      return sessions.map((row) => {
        const outcome = outcomes.find((o) => o.session_id === row.id)
        return { session: toSession(row), outcome: outcome ? toOutcome(outcome) : null }
      })
    }),
})

/** Promise API: the call store on a client whose schema is migrated (e.g. by createPostgresDiallerStore). */
export const createPostgresCallStore = (client: StoreClient) =>
  callStore(connectDiallerStore<DiallerDatabase>(client))

/** Effect API: provides `CallStore`. */
export const callStoreLayer = (client: StoreClient) =>
  Layer.sync(Calls.CallStore, () => createPostgresCallStore(client))
