import { type Agents, type LeadId, type QueueId, Queues } from '@ringlane/core'
import { Effect, Option } from 'effect'
import { type Kysely, type Selectable, sql } from 'kysely'
import { attemptWith, isUniqueViolation, isUuid, toEntry } from './rows.js'
import type { DiallerDatabase } from './schema.js'

type AgentId = Agents.AgentId
const attempt = attemptWith(Queues.QueueStoreError, 'queue store')
const REGENERATION = 'queues'

/** Queues, entries and claims on a Kysely instance over Postgres or PGlite whose schema is migrated. */
export const queueStore = (db: Kysely<DiallerDatabase>): Queues.QueueStoreService => {
  const claimFrom = (agentId: AgentId, queueId: QueueId, now: Date) =>
    sql<Selectable<DiallerDatabase['queue_entries']>>`
      update queue_entries set status = 'claimed', claimed_by = ${agentId}, claimed_at = ${now}
      where id = (
        select id from queue_entries
        where queue_id = ${queueId}
          and generation = (select current_generation from queues where id = ${queueId})
          and status = 'waiting'
          and (reserved_for is null or reserved_for = ${agentId})
        order by score desc, lead_created_at desc, lead_id
        limit 1
        for update skip locked
      )
      returning *`.execute(db)

  const heldEntry = (agentId: AgentId) =>
    attempt('find the entry an agent holds', async () =>
      Option.fromNullable(
        await db
          .selectFrom('queue_entries')
          .selectAll()
          .where('claimed_by', '=', agentId)
          .where('status', '=', 'claimed')
          .executeTakeFirst(),
      ).pipe(Option.map(toEntry)),
    )

  return {
    saveQueueSettings: (queues) =>
      attempt('save queue settings', async () => {
        for (const queue of queues) {
          const values = {
            label: queue.label,
            kind: queue.kind,
            priority: queue.priority,
            threshold: queue.threshold,
            cooling_minutes: queue.coolingMinutes,
            max_entries: queue.maxEntries,
            weights: JSON.stringify(queue.weights),
          }
          await db
            .insertInto('queues')
            .values({ id: queue.id, ...values })
            .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: sql`now()` }))
            .execute()
        }
      }),

    queueLevels: () =>
      attempt('read queue levels', async () => {
        const rows = await db
          .selectFrom('queues as q')
          .leftJoin('queue_entries as e', (join) =>
            join
              .onRef('e.queue_id', '=', 'q.id')
              .on((eb) =>
                eb.or([
                  eb.and([
                    eb('e.status', '=', 'waiting'),
                    eb('e.generation', '=', eb.ref('q.current_generation')),
                  ]),
                  eb('e.status', '=', 'claimed'),
                ]),
              ),
          )
          .select((eb) => [
            'q.id',
            'q.current_generation',
            'q.regenerated_at',
            eb.fn.count<string>('e.id').filterWhere('e.status', '=', 'waiting').as('waiting'),
            eb.fn.count<string>('e.id').filterWhere('e.status', '=', 'claimed').as('claimed'),
          ])
          .groupBy(['q.id', 'q.current_generation', 'q.regenerated_at', 'q.priority'])
          .orderBy('q.priority')
          .execute()
        return rows.map((row) => ({
          queueId: row.id as QueueId,
          waiting: Number(row.waiting),
          claimed: Number(row.claimed),
          generation: row.current_generation,
          regeneratedAt: row.regenerated_at === null ? null : new Date(row.regenerated_at),
        }))
      }),

    startRegeneration: (holder, now, leaseMs) =>
      attempt('take the regeneration lease', async () => {
        const row = await db
          .insertInto('regeneration_leases')
          .values({ name: REGENERATION, holder, expires_at: new Date(+now + leaseMs) })
          .onConflict((oc) =>
            oc
              .column('name')
              .doUpdateSet({ holder, expires_at: new Date(+now + leaseMs) })
              .where('regeneration_leases.expires_at', '<', now),
          )
          .returning('holder')
          .executeTakeFirst()
        return row?.holder === holder
      }),

    finishRegeneration: (holder) =>
      attempt('give back the regeneration lease', async () => {
        await db
          .deleteFrom('regeneration_leases')
          .where('name', '=', REGENERATION)
          .where('holder', '=', holder)
          .execute()
      }),

    replaceQueueEntries: (queueId, entries) =>
      attempt(`regenerate queue ${queueId}`, async () => {
        const queue = await db
          .selectFrom('queues')
          .select('current_generation')
          .where('id', '=', queueId)
          .executeTakeFirstOrThrow()
        const generation = queue.current_generation + 1
        // Built aside: rows of a generation that is not current are invisible to claims.
        await db
          .deleteFrom('queue_entries')
          .where('queue_id', '=', queueId)
          .where('generation', '=', generation)
          .execute()
        for (let i = 0; i < entries.length; i += 5000) {
          const batch = entries.slice(i, i + 5000)
          await sql`
            insert into queue_entries
              (queue_id, generation, status, lead_id, phone, score, reasons, lead_created_at, reserved_for, callback_id)
            select ${queueId}, ${generation}, 'waiting', lead_id, phone, score, reasons::jsonb, lead_created_at, reserved_for, callback_id
            from unnest(
              ${batch.map((e) => e.leadId)}::text[],
              ${batch.map((e) => e.phone)}::text[],
              ${batch.map((e) => e.score)}::float8[],
              ${batch.map((e) => JSON.stringify(e.reasons))}::text[],
              ${batch.map((e) => e.leadCreatedAt.toISOString())}::timestamptz[],
              ${batch.map((e) => e.reservedFor)}::uuid[],
              ${batch.map((e) => e.callbackId)}::uuid[]
            ) as t(lead_id, phone, score, reasons, lead_created_at, reserved_for, callback_id)`.execute(db)
        }
        // The swap: one single-row update. Then the old generation's unclaimed rows are cleared.
        await db
          .updateTable('queues')
          .set({ current_generation: generation, regenerated_at: sql`now()` })
          .where('id', '=', queueId)
          .execute()
        await db
          .deleteFrom('queue_entries')
          .where('queue_id', '=', queueId)
          .where('generation', '<', generation)
          .where('status', '=', 'waiting')
          .execute()
        return { generation, inserted: entries.length }
      }),

    claimNextEntry: (agentId, queueIds, now) =>
      Effect.flatMap(
        attempt('claim a lead', async () => {
          const refused = (cause: unknown) => {
            // The same lead waiting twice (a regeneration raced a claim) or this agent claiming in
            // two tabs: the unique indexes refuse the second claim.
            if (isUniqueViolation(cause, 'one_claim_per_lead')) return 'retry' as const
            if (isUniqueViolation(cause, 'one_claim_per_agent')) return 'already-holds' as const
            throw cause
          }
          // One round trip: the database tries the queues in order (migration 0003), so empty
          // higher-priority queues cost no extra trips.
          const first = await sql<Selectable<DiallerDatabase['queue_entries']>>`
            select * from claim_next_entry(${agentId}, ${[...queueIds]}::text[], ${now})`
            .execute(db)
            .then((result) => result.rows[0] ?? ('empty' as const), refused)
          if (first === 'already-holds') return first
          if (first === 'empty') return undefined
          if (first !== 'retry') return toEntry(first)
          // Refused for a duplicate lead: queue by queue, retrying each a few times.
          for (const queueId of queueIds) {
            for (let tries = 0; tries < 5; tries++) {
              const outcome = await claimFrom(agentId, queueId, now).then(
                (result) => result.rows[0] ?? ('empty' as const),
                refused,
              )
              if (outcome === 'already-holds') return outcome
              if (outcome === 'empty') break
              if (outcome !== 'retry') return toEntry(outcome)
            }
          }
          return undefined
        }),
        (outcome) =>
          outcome === 'already-holds' ? heldEntry(agentId) : Effect.succeed(Option.fromNullable(outcome)),
      ),

    takeLead: (agentId, queueId, lead, now) =>
      attempt('take a chosen lead', async () => {
        const take = () =>
          db.transaction().execute(async (tx): Promise<Queues.TakenLead> => {
            const held = await tx
              .selectFrom('queue_entries')
              .selectAll()
              .where('status', '=', 'claimed')
              .where((eb) => eb.or([eb('claimed_by', '=', agentId), eb('lead_id', '=', lead.leadId)]))
              .execute()
            const mine = held.find((row) => row.claimed_by === agentId)
            if (mine?.lead_id === lead.leadId) return { _tag: 'Taken', entry: toEntry(mine) }
            if (held.some((row) => row.lead_id === lead.leadId)) return { _tag: 'HeldByOther' }
            if (mine) return { _tag: 'AgentBusy', entry: toEntry(mine) }
            // Its waiting entry, wherever it waits (not one reserved for someone else), else a new one.
            const waiting = await sql<Selectable<DiallerDatabase['queue_entries']>>`
              update queue_entries set status = 'claimed', claimed_by = ${agentId}, claimed_at = ${now}
              where id = (
                select e.id from queue_entries e join queues q on q.id = e.queue_id
                where e.lead_id = ${lead.leadId} and e.status = 'waiting'
                  and e.generation = q.current_generation
                  and (e.reserved_for is null or e.reserved_for = ${agentId})
                limit 1 for update of e
              )
              returning *`.execute(tx)
            const row =
              waiting.rows[0] ??
              (
                await sql<Selectable<DiallerDatabase['queue_entries']>>`
                  insert into queue_entries
                    (queue_id, generation, status, lead_id, phone, score, reasons, lead_created_at,
                     reserved_for, callback_id, claimed_by, claimed_at)
                  select ${queueId}, q.current_generation, 'claimed', ${lead.leadId}, ${lead.phone}, ${lead.score},
                    ${JSON.stringify(lead.reasons)}::jsonb, ${lead.leadCreatedAt}, ${agentId}, null, ${agentId}, ${now}
                  from queues q where q.id = ${queueId}
                  returning *`.execute(tx)
              ).rows[0]
            if (!row) throw new Error(`There is no queue "${queueId}" to put the lead in`)
            return { _tag: 'Taken', entry: toEntry(row) }
          })
        // A claim of the same lead, or a second one by this agent, that committed meanwhile: the unique
        // indexes refuse ours, and a second look says which.
        for (let tries = 0; ; tries++) {
          try {
            return await take()
          } catch (cause) {
            const raced =
              isUniqueViolation(cause, 'one_claim_per_lead') ||
              isUniqueViolation(cause, 'one_claim_per_agent')
            if (!raced || tries >= 3) throw cause
          }
        }
      }),

    heldEntry,

    findEntry: (entryId) =>
      attempt('find a queue entry', async () => {
        if (!isUuid(entryId)) return Option.none()
        return Option.fromNullable(
          await db.selectFrom('queue_entries').selectAll().where('id', '=', entryId).executeTakeFirst(),
        ).pipe(Option.map(toEntry))
      }),

    claimForEngine: (queueIds, count, now) =>
      attempt('claim leads for the call engine', async () => {
        const claimed: Queues.QueueEntry[] = []
        for (const queueId of queueIds) {
          const wanted = count - claimed.length
          if (wanted <= 0) break
          const rows = await sql<Selectable<DiallerDatabase['queue_entries']>>`
            update queue_entries set status = 'claimed', claimed_by = null, claimed_at = ${now}
            where id in (
              select id from queue_entries
              where queue_id = ${queueId}
                and generation = (select current_generation from queues where id = ${queueId})
                and status = 'waiting'
                and reserved_for is null
              order by score desc, lead_created_at desc, lead_id
              limit ${wanted}
              for update skip locked
            )
            returning *`
            .execute(db)
            .then(
              (result) => result.rows,
              (cause) => {
                // The same lead waiting twice (a regeneration raced a claim): take none now, the
                // next round claims again.
                if (isUniqueViolation(cause, 'one_claim_per_lead')) return []
                throw cause
              },
            )
          claimed.push(...rows.map(toEntry))
        }
        return claimed
      }),

    handEntryTo: (entryId, agentId) =>
      attempt('hand an entry to an agent', async () => {
        const result = await sql`
          update queue_entries set claimed_by = ${agentId}
          where id = ${entryId} and claimed_by is null and status = 'claimed'`
          .execute(db)
          .catch((cause) => {
            if (isUniqueViolation(cause, 'one_claim_per_agent')) return { numAffectedRows: 0n }
            throw cause
          })
        return Number(result.numAffectedRows ?? 0) > 0
      }),

    passEntry: (entryId, from, to) =>
      attempt('pass a lead to another agent', async () => {
        const result = await sql`
          update queue_entries set claimed_by = ${to}
          where id = ${entryId} and claimed_by = ${from} and status = 'claimed'`
          .execute(db)
          .catch((cause) => {
            // The receiving agent holds another lead.
            if (isUniqueViolation(cause, 'one_claim_per_agent')) return { numAffectedRows: 0n }
            throw cause
          })
        return Number(result.numAffectedRows ?? 0) > 0
      }),

    finishEngineEntry: (entryId, ended) =>
      attempt("finish an engine call's entry", () =>
        db.transaction().execute(async (tx) => {
          const result = await sql`
            update queue_entries set status = 'done', finished_at = now()
            where id = ${entryId} and claimed_by is null and status = 'claimed'`.execute(tx)
          const finished = Number(result.numAffectedRows ?? 0) > 0
          if (finished && ended) {
            const values = { last_outcome: ended.outcome, next_call_after: ended.nextCallAfter }
            await tx
              .insertInto('lead_activity')
              .values({ lead_id: ended.leadId, ...values })
              .onConflict((oc) =>
                oc.column('lead_id').doUpdateSet({
                  last_outcome: ended.outcome,
                  // A later deferral (a skip, a callback) is kept.
                  next_call_after: sql`greatest(lead_activity.next_call_after, excluded.next_call_after)`,
                  updated_at: sql`now()`,
                }),
              )
              .execute()
          }
          return finished
        }),
      ),

    releaseEngineEntry: (entryId) =>
      attempt('give an engine entry back', async () => {
        // Into the current generation, as `releaseEntry`: a regeneration meanwhile must not drop it.
        const result = await sql`
          update queue_entries e
          set status = 'waiting', claimed_by = null, claimed_at = null,
              generation = (select current_generation from queues q where q.id = e.queue_id)
          where e.id = ${entryId} and e.claimed_by is null and e.status = 'claimed'`.execute(db)
        return Number(result.numAffectedRows ?? 0) > 0
      }),

    releaseEntry: (entryId, agentId) =>
      attempt('release a lead', async () => {
        // Back into the current generation, so the lead stays queued even if a regeneration ran meanwhile.
        const result = await sql`
          update queue_entries e
          set status = 'waiting', claimed_by = null, claimed_at = null,
              generation = (select current_generation from queues q where q.id = e.queue_id)
          where e.id = ${entryId} and e.claimed_by = ${agentId} and e.status = 'claimed'`.execute(db)
        return Number(result.numAffectedRows ?? 0) > 0
      }),

    skipEntry: (entryId, agentId, reason, nextCallAfter) =>
      attempt('skip a lead', () =>
        db.transaction().execute(async (tx) => {
          const entry = await tx
            .updateTable('queue_entries')
            .set({ status: 'skipped', skip_reason: reason, finished_at: sql`now()` })
            .where('id', '=', entryId)
            .where('claimed_by', '=', agentId)
            .where('status', '=', 'claimed')
            .returning('lead_id')
            .executeTakeFirst()
          if (!entry) return false
          await tx
            .insertInto('lead_activity')
            .values({ lead_id: entry.lead_id, next_call_after: nextCallAfter })
            .onConflict((oc) =>
              oc.column('lead_id').doUpdateSet({
                next_call_after: sql`greatest(lead_activity.next_call_after, excluded.next_call_after)`,
                updated_at: sql`now()`,
              }),
            )
            .execute()
          return true
        }),
      ),

    finishEntry: (entryId, agentId) =>
      attempt('finish a queue entry', async () => {
        const result = await db
          .updateTable('queue_entries')
          .set({ status: 'done', finished_at: sql`now()` })
          .where('id', '=', entryId)
          .where('claimed_by', '=', agentId)
          .where('status', '=', 'claimed')
          .executeTakeFirst()
        return Number(result.numUpdatedRows) > 0
      }),

    expireStaleClaims: (claimedBefore) =>
      attempt('expire stale claims', async () => {
        const result = await sql`
          update queue_entries e
          set status = 'waiting', claimed_by = null, claimed_at = null,
              generation = (select current_generation from queues q where q.id = e.queue_id)
          where e.status = 'claimed' and e.claimed_at < ${claimedBefore}`.execute(db)
        return Number(result.numAffectedRows ?? 0)
      }),

    waitingEntries: (queueId) =>
      attempt('list waiting entries', async () =>
        (
          await db
            .selectFrom('queue_entries as e')
            .innerJoin('queues as q', (join) =>
              join.onRef('q.id', '=', 'e.queue_id').onRef('q.current_generation', '=', 'e.generation'),
            )
            .select(['e.id', 'e.lead_id'])
            .where('e.queue_id', '=', queueId)
            .where('e.status', '=', 'waiting')
            .execute()
        ).map((row) => ({ entryId: row.id, leadId: row.lead_id as LeadId })),
      ),

    recordConversions: (conversions, now) =>
      attempt('record conversions', async () => {
        if (conversions.length === 0) return 0
        return db.transaction().execute(async (tx) => {
          const removed = await tx
            .deleteFrom('queue_entries')
            .where(
              'id',
              'in',
              conversions.map((c) => c.entryId),
            )
            .where('status', '=', 'waiting')
            .returning('id')
            .execute()
          const gone = new Set(removed.map((r) => r.id))
          const recorded = conversions.filter((c) => gone.has(c.entryId))
          if (recorded.length > 0) {
            await tx
              .insertInto('lead_conversions')
              .values(
                recorded.map((c) => ({
                  lead_id: c.leadId,
                  queue_id: c.queueId,
                  entry_id: c.entryId,
                  detail: c.detail,
                  converted_at: now,
                })),
              )
              .execute()
          }
          return recorded.length
        })
      }),

    removeEntries: (entryIds) =>
      attempt('remove queue entries', async () => {
        if (entryIds.length === 0) return 0
        const result = await db
          .deleteFrom('queue_entries')
          .where('id', 'in', [...entryIds])
          .where('status', '=', 'waiting')
          .executeTakeFirst()
        return Number(result.numDeletedRows)
      }),

    busyLeads: () =>
      attempt('list leads held by agents', async () => {
        const rows = await db
          .selectFrom('queue_entries')
          .select('lead_id')
          .where('status', '=', 'claimed')
          .execute()
        return new Set(rows.map((r) => r.lead_id as LeadId))
      }),
  }
}
