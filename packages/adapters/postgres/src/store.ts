import { type Agents, type Compliance, type Leads, type Queues, Store } from '@ringlane/core'
import { Effect, Layer, Option } from 'effect'
import { CompiledQuery, type Kysely, type Selectable, sql } from 'kysely'
import { type ConnectionOptions, connectDiallerStore, prepared, type StoreClient } from './connection.js'
import { migrateToLatest } from './migrations/index.js'
import type { DiallerDatabase } from './schema.js'

type AgentId = Agents.AgentId
type LeadId = Leads.LeadId
type QueueId = Queues.QueueId
type E164 = Compliance.E164

const isUniqueViolation = (cause: unknown, constraint?: string) =>
  typeof cause === 'object' &&
  cause !== null &&
  (cause as { code?: string }).code === '23505' &&
  (constraint === undefined ||
    String((cause as { constraint?: string }).constraint ?? (cause as Error).message).includes(constraint))

const attempt = <A>(operation: string, run: () => Promise<A>) =>
  Effect.tryPromise({
    try: run,
    catch: (cause) =>
      new Store.DiallerStoreError({
        operation,
        message: `The dialler store could not ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      }),
  })

type AgentStateRow = Pick<Selectable<DiallerDatabase['agent_states']>, 'state' | 'reason' | 'since'>

/**
 * An agent's move from `$2` to `$3` (reason `$4`, since `$5`), or, if they are no longer in `$2`, the
 * state they are in: one round trip either way (every call's end moves its agent to wrap-up). Its
 * columns are named, not `*`: a prepared plan must keep its result shape across migrations.
 */
const MOVE_AGENT = prepared(
  'ringlane_move_agent',
  `with moved as (
  update agent_states set state = $3, reason = $4, since = $5
  where agent_id = $1 and state = $2 returning state, reason, since)
select state, reason, since from moved
union all
select state, reason, since from agent_states where agent_id = $1 and not exists (select 1 from moved)`,
)

const toAgent = (row: Selectable<DiallerDatabase['agents']>): Agents.Agent => ({
  id: row.id as AgentId,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  active: row.active,
  queueIds: row.queue_ids,
})

const toEntry = (row: Selectable<DiallerDatabase['queue_entries']>): Store.QueueEntry => ({
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * `preDialFacts` in one statement: `$1` the agent, `$2` the entry (null when not a UUID), `$3` the
 * conversions cutoff. Always one row; the agent's and entry's columns are null when they do not exist.
 */
const PRE_DIAL_FACTS = prepared(
  'ringlane_pre_dial_facts',
  `select
  a.id as agent_id, a.email as agent_email, a.display_name as agent_display_name, a.role as agent_role,
  a.active as agent_active, a.queue_ids as agent_queue_ids,
  e.id, e.queue_id, e.lead_id, e.phone, e.score, e.reasons, e.lead_created_at, e.status, e.claimed_by,
  e.claimed_at, e.reserved_for, e.callback_id,
  l.lead_id as activity_lead_id, l.last_contact_at, l.attempts_total, l.attempts_today,
  l.attempts_day::text as attempts_day, l.last_outcome, l.next_call_after,
  exists (select 1 from lead_conversions c
    where c.queue_id = e.queue_id and c.lead_id = e.lead_id and c.converted_at >= $3) as converted,
  exists (select 1 from opt_outs o where o.phone = e.phone) as opted_out
from (select 1) as one
left join agents a on a.id = $1
left join queue_entries e on e.id = $2
left join lead_activity l on l.lead_id = e.lead_id`,
)

type EntryRow = Selectable<DiallerDatabase['queue_entries']>
type AgentRow = Selectable<DiallerDatabase['agents']>
type ActivityRow = Pick<
  Selectable<DiallerDatabase['lead_activity']>,
  | 'lead_id'
  | 'last_contact_at'
  | 'attempts_total'
  | 'attempts_today'
  | 'attempts_day'
  | 'last_outcome'
  | 'next_call_after'
>

const toActivity = (row: ActivityRow): Store.LeadActivity => ({
  leadId: row.lead_id as LeadId,
  lastContactAt: row.last_contact_at === null ? null : new Date(row.last_contact_at),
  attemptsTotal: row.attempts_total,
  attemptsToday: row.attempts_today,
  attemptsDay: row.attempts_day,
  lastOutcome: row.last_outcome,
  nextCallAfter: row.next_call_after === null ? null : new Date(row.next_call_after),
})

type PreDialRow = { [K in keyof EntryRow]: EntryRow[K] | null } & {
  readonly agent_id: string | null
  readonly agent_email: string
  readonly agent_display_name: string
  readonly agent_role: AgentRow['role']
  readonly agent_active: boolean
  readonly agent_queue_ids: string[]
  readonly activity_lead_id: string | null
  readonly converted: boolean
  readonly opted_out: boolean
} & Omit<ActivityRow, 'lead_id'>

const toPreDialFacts = (row: PreDialRow): Store.PreDialFacts => ({
  agent:
    row.agent_id === null
      ? Option.none()
      : Option.some(
          toAgent({
            id: row.agent_id,
            email: row.agent_email,
            display_name: row.agent_display_name,
            role: row.agent_role,
            active: row.agent_active,
            queue_ids: row.agent_queue_ids,
          } as AgentRow),
        ),
  entry: row.id === null ? Option.none() : Option.some(toEntry(row as EntryRow)),
  activity: row.activity_lead_id === null ? null : toActivity({ ...row, lead_id: row.activity_lead_id }),
  converted: row.converted,
  optedOut: row.opted_out,
})

const toDueCallback = (
  row: Pick<
    Selectable<DiallerDatabase['callbacks']>,
    'id' | 'lead_id' | 'phone' | 'owner_agent_id' | 'due_at'
  >,
): Store.DueCallback => ({
  id: row.id,
  leadId: row.lead_id as LeadId,
  phone: row.phone as E164,
  ownerAgentId: row.owner_agent_id as AgentId | null,
  dueAt: new Date(row.due_at),
})

const REGENERATION = 'queues'

/** The dialler store over a Kysely instance on Postgres or PGlite whose schema is migrated. */
export const diallerStore = (db: Kysely<DiallerDatabase>): Store.DiallerStoreService => {
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
    createAgent: (agent) =>
      Effect.tryPromise({
        try: async () =>
          toAgent(
            await db
              .insertInto('agents')
              .values({
                email: agent.email,
                display_name: agent.displayName,
                role: agent.role,
                queue_ids: [...agent.queueIds],
                password_hash: agent.passwordHash,
              })
              .returningAll()
              .executeTakeFirstOrThrow(),
          ),
        catch: (cause) =>
          isUniqueViolation(cause)
            ? new Store.AgentEmailTaken({
                field: 'email',
                message: `email: ${agent.email} already has an account`,
              })
            : new Store.DiallerStoreError({
                operation: 'create an agent',
                message: `Could not create the agent: ${String(cause)}`,
                cause,
              }),
      }),

    findAgent: (agentId) =>
      attempt('find an agent', async () =>
        Option.fromNullable(
          await db.selectFrom('agents').selectAll().where('id', '=', agentId).executeTakeFirst(),
        ).pipe(Option.map(toAgent)),
      ),

    agentState: (agentId) =>
      attempt('read an agent state', async () => {
        const row = await db
          .selectFrom('agent_states')
          .selectAll()
          .where('agent_id', '=', agentId)
          .executeTakeFirst()
        return row
          ? { state: row.state, reason: row.reason, since: new Date(row.since) }
          : { state: 'offline' as const, reason: null, since: new Date(0) }
      }),

    setAgentState: (agentId, from, to, now) =>
      attempt('change an agent state', async () => {
        // Compare-and-set: a change made meanwhile (another tab, the call flow) wins and is returned.
        // An agent without a row is offline, so only a move from offline may create one.
        const values = { state: to.state, reason: to.reason, since: now }
        const row =
          from === 'offline'
            ? ((await db
                .insertInto('agent_states')
                .values({ agent_id: agentId, ...values })
                .onConflict((oc) =>
                  oc.column('agent_id').doUpdateSet(values).where('agent_states.state', '=', from),
                )
                .returningAll()
                .executeTakeFirst()) ??
              (await db
                .selectFrom('agent_states')
                .selectAll()
                .where('agent_id', '=', agentId)
                .executeTakeFirst()))
            : (
                await db.executeQuery<AgentStateRow>(
                  CompiledQuery.raw(MOVE_AGENT, [agentId, from, to.state, to.reason, now]),
                )
              ).rows[0]
        return row
          ? { state: row.state, reason: row.reason, since: new Date(row.since) }
          : { state: 'offline' as const, reason: null, since: new Date(0) }
      }),

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

    heldEntry,

    findEntry: (entryId) =>
      attempt('find a queue entry', async () => {
        if (!/^[0-9a-f-]{36}$/i.test(entryId)) return Option.none()
        return Option.fromNullable(
          await db.selectFrom('queue_entries').selectAll().where('id', '=', entryId).executeTakeFirst(),
        ).pipe(Option.map(toEntry))
      }),

    preDialFacts: (agentId, entryId, convertedSince) =>
      attempt('read what decides a dial', async () => {
        const { rows } = await db.executeQuery<PreDialRow>(
          CompiledQuery.raw(PRE_DIAL_FACTS, [
            UUID.test(agentId) ? agentId : null,
            UUID.test(entryId) ? entryId : null,
            convertedSince,
          ]),
        )
        return toPreDialFacts(rows[0] as PreDialRow)
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

    leadActivity: (leadIds) =>
      attempt('read lead activity', async () => {
        if (leadIds.length === 0) return new Map<LeadId, Store.LeadActivity>()
        const rows = await db
          .selectFrom('lead_activity')
          .select([
            'lead_id',
            'last_contact_at',
            'attempts_total',
            'attempts_today',
            sql<string | null>`attempts_day::text`.as('attempts_day'),
            'last_outcome',
            'next_call_after',
          ])
          .where(sql<boolean>`lead_id = any(${[...leadIds]}::text[])`)
          .execute()
        return new Map(rows.map((row) => [row.lead_id as LeadId, toActivity(row)]))
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

    optedOut: (phones) =>
      attempt('check opt-outs', async () => {
        if (phones.length === 0) return new Set<E164>()
        const rows = await db
          .selectFrom('opt_outs')
          .select('phone')
          .where(sql<boolean>`phone = any(${[...phones]}::text[])`)
          .execute()
        return new Set(rows.map((r) => r.phone as E164))
      }),

    recordOptOut: (phone, source, now) =>
      attempt('record an opt-out', async () => {
        await db
          .insertInto('opt_outs')
          .values({ phone, source, opted_out_at: now })
          .onConflict((oc) => oc.column('phone').doNothing())
          .execute()
      }),

    removeOptOut: (phone) =>
      attempt('remove an opt-out', async () => {
        await db.deleteFrom('opt_outs').where('phone', '=', phone).execute()
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
  }
}

export interface PostgresDiallerStoreOptions extends ConnectionOptions {
  /** A `pg` Pool or a PGlite instance; you keep ownership and close it. */
  readonly client: StoreClient
  /** Bring the schema up to date first (default true). */
  readonly migrate?: boolean
}

/** Promise API: a migrated dialler store, ready for `createDialler({ store })`. */
export const createPostgresDiallerStore = async ({
  client,
  migrate = true,
  ...connection
}: PostgresDiallerStoreOptions) => {
  const db = connectDiallerStore<DiallerDatabase>(client, connection)
  if (migrate) await migrateToLatest(db as Kysely<unknown>)
  return diallerStore(db)
}

/** Effect API: provides `DiallerStore` on the given client, migrated first. */
export const layer = (options: PostgresDiallerStoreOptions) =>
  Layer.effect(
    Store.DiallerStore,
    Effect.tryPromise({
      try: () => createPostgresDiallerStore(options),
      catch: (cause) =>
        new Store.DiallerStoreError({
          operation: 'migrate',
          message: `The dialler store could not start: ${String(cause)}`,
          cause,
        }),
    }),
  )
