import { type LeadId, Leads } from '@ringlane/core'
import { Option } from 'effect'
import { type Kysely, sql } from 'kysely'
import { attemptWith, toActivity, toDueCallback } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const attempt = attemptWith(Leads.ContactHistoryError, 'contact history')

/** Lead activity, callbacks and conversions on a Kysely instance over Postgres or PGlite. */
export const contactHistoryStore = (db: Kysely<DiallerDatabase>): Leads.ContactHistoryStoreService => ({
  leadActivity: (leadIds) =>
    attempt('read lead activity', async () => {
      if (leadIds.length === 0) return new Map<LeadId, Leads.LeadActivity>()
      const rows = await db
        .selectFrom('lead_activity')
        .select([
          'lead_id',
          'last_contact_at',
          'attempts_total',
          sql<string[] | null>`to_json(recent_attempts)`.as('recent_attempts'),
          'last_outcome',
          'next_call_after',
        ])
        .where(sql<boolean>`lead_id = any(${[...leadIds]}::text[])`)
        .execute()
      return new Map(rows.map((row) => [row.lead_id as LeadId, toActivity(row)]))
    }),

  convertedLeads: (queueId, leadIds, since) =>
    attempt('read conversions', async () => {
      if (leadIds.length === 0) return new Set<LeadId>()
      const rows = await db
        .selectFrom('lead_conversions')
        .select('lead_id')
        .distinct()
        .where('queue_id', '=', queueId)
        .where('converted_at', '>=', since)
        .where(sql<boolean>`lead_id = any(${[...leadIds]}::text[])`)
        .execute()
      return new Set(rows.map((r) => r.lead_id as LeadId))
    }),

  scheduleCallback: (callback) =>
    attempt('schedule a callback', () =>
      db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('callbacks')
          .values({
            lead_id: callback.leadId,
            phone: callback.phone,
            owner_agent_id: callback.ownerAgentId,
            due_at: callback.dueAt,
            notes: callback.notes,
            created_by: callback.createdBy,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        // Other queues leave the lead alone until the callback is due.
        await tx
          .insertInto('lead_activity')
          .values({ lead_id: callback.leadId, next_call_after: callback.dueAt })
          .onConflict((oc) =>
            oc.column('lead_id').doUpdateSet({
              next_call_after: sql`greatest(lead_activity.next_call_after, excluded.next_call_after)`,
              updated_at: sql`now()`,
            }),
          )
          .execute()
        return { id: row.id }
      }),
    ),

  dueCallbacks: (now) =>
    attempt('list due callbacks', async () =>
      (
        await db
          .selectFrom('callbacks')
          .select(['id', 'lead_id', 'phone', 'owner_agent_id', 'due_at'])
          .where('status', '=', 'pending')
          .where('due_at', '<=', now)
          .orderBy('due_at')
          .execute()
      ).map(toDueCallback),
    ),

  takeCallbackReminders: (dueBefore, now) =>
    attempt('take callback reminders', async () =>
      (
        await db
          .updateTable('callbacks')
          .set({ reminded_at: now })
          .where('status', '=', 'pending')
          .where('reminded_at', 'is', null)
          .where('due_at', '<=', dueBefore)
          .returning(['id', 'lead_id', 'phone', 'owner_agent_id', 'due_at'])
          .execute()
      ).map(toDueCallback),
    ),

  agentCallbacks: (agentId, { openDueBefore, limit }) =>
    attempt("list an agent's callbacks", async () =>
      (
        await db
          .selectFrom('callbacks')
          .select(['id', 'lead_id', 'phone', 'owner_agent_id', 'due_at', 'notes'])
          .where('status', '=', 'pending')
          .where((eb) =>
            eb.or([
              eb('owner_agent_id', '=', agentId),
              eb.and([eb('owner_agent_id', 'is', null), eb('due_at', '<=', openDueBefore)]),
            ]),
          )
          .orderBy('due_at')
          .orderBy('id')
          .limit(limit)
          .execute()
      ).map((row) => ({ ...toDueCallback(row), notes: row.notes })),
    ),

  findCallback: (callbackId) =>
    attempt('find a callback', async () => {
      if (!UUID.test(callbackId)) return Option.none()
      const row = await db
        .selectFrom('callbacks')
        .select(['id', 'lead_id', 'phone', 'owner_agent_id', 'due_at', 'notes'])
        .where('id', '=', callbackId)
        .where('status', '=', 'pending')
        .executeTakeFirst()
      return row ? Option.some({ ...toDueCallback(row), notes: row.notes }) : Option.none()
    }),

  changeCallback: (callbackId, expectedOwner, change, now) =>
    attempt('change a callback', () =>
      db.transaction().execute(async (tx) => {
        if (!UUID.test(callbackId)) return Option.none()
        const set =
          change._tag === 'Move'
            ? { due_at: change.dueAt, reminded_at: null }
            : change._tag === 'HandOver'
              ? { owner_agent_id: change.ownerAgentId, reminded_at: null }
              : { status: 'cancelled' as const, completed_at: now }
        const row = await tx
          .updateTable('callbacks')
          .set(set)
          .where('id', '=', callbackId)
          .where('status', '=', 'pending')
          .where((eb) =>
            expectedOwner === null
              ? eb('owner_agent_id', 'is', null)
              : eb('owner_agent_id', '=', expectedOwner),
          )
          .returning(['id', 'lead_id', 'phone', 'owner_agent_id', 'due_at', 'notes'])
          .executeTakeFirst()
        if (!row) return Option.none()
        // A moved callback holds the lead back until its new time, as a new one would.
        if (change._tag === 'Move')
          await tx
            .updateTable('lead_activity')
            .set({ next_call_after: change.dueAt, updated_at: sql`now()` })
            .where('lead_id', '=', row.lead_id)
            .execute()
        return Option.some({ ...toDueCallback(row), notes: row.notes })
      }),
    ),
})
