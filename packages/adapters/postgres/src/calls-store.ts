import { type Agents, Calls, Compliance, type E164, type Leads, type Queues, Telephony } from '@ringlane/core'
import { Effect, Option } from 'effect'
import {
  CompiledQuery,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
} from 'kysely'
import { prepared } from './connection.js'
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
// Session ids arrive from webhooks and forms; a malformed one finds nothing instead of failing the
// uuid cast.
const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

const toSession = (row: Row): Calls.CallSession => ({
  id: row.id,
  agentId: row.agent_id as Agents.AgentId | null,
  campaignId: row.campaign_id,
  direction: row.direction,
  leadId: row.lead_id as Leads.LeadId,
  queueId: row.queue_id as Queues.QueueId,
  entryId: row.entry_id,
  phone: row.phone as E164,
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

/** Each failed attempt means another update of the same call succeeded, so this is only a backstop. */
const MAX_TRIES = 100

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

/**
 * Runs one call's updates in this process one after another, in the order they came, as a row lock's
 * queue would: webhooks of one call keep their arrival order and do not spend round trips failing
 * each other's version checks. Updates from other processes are kept honest by the version alone.
 */
const inTurn = () => {
  const tails = new Map<string, Promise<unknown>>()
  return <A>(key: string, run: () => Promise<A>): Promise<A> => {
    const result = (tails.get(key) ?? Promise.resolve()).then(run)
    const tail = result.then(
      () => undefined,
      () => undefined,
    )
    tails.set(key, tail)
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key)
    })
    return result
  }
}

/** Sessions remembered, at most this many: comfortably more than the calls open at once. */
const KNOWN_SESSIONS = 10_000

/**
 * The last row this store read or wrote for each recent session, least recently used dropped first. A
 * webhook's update starts from it instead of reading the session again. Only a guess: every write
 * checks the version it started from, so a row another instance changed costs one fresh read.
 */
const knownSessions = () => {
  const rows = new Map<string, Row>()
  return {
    remember: <R extends Row | undefined>(row: R): R => {
      if (!row) return row
      rows.delete(row.id)
      rows.set(row.id, row)
      if (rows.size > KNOWN_SESSIONS) rows.delete(rows.keys().next().value as string)
      return row
    },
    get: (id: string) => rows.get(id),
    forget: (id: string) => rows.delete(id),
  }
}

// Per Kysely instance, so each store keeps its own turns and known sessions.
const locals = new WeakMap<
  Kysely<DiallerDatabase>,
  { readonly turn: ReturnType<typeof inTurn>; readonly known: ReturnType<typeof knownSessions> }
>()
const localTo = (db: Kysely<DiallerDatabase>) => {
  const existing = locals.get(db)
  if (existing) return existing
  const created = { turn: inTurn(), known: knownSessions() }
  locals.set(db, created)
  return created
}

/** The row as written: `after` over the row it was computed from, one version on. */
const written = (row: Row, after: Calls.CallSession): Row => ({
  ...row,
  provider_call_id: after.providerCallId,
  status: after.status,
  answered_by: after.answeredBy,
  ringing_at: after.ringingAt,
  answered_at: after.answeredAt,
  ended_at: after.endedAt,
  ring_seconds: after.ringSeconds,
  talk_seconds: after.talkSeconds,
  end_reason: after.endReason,
  version: row.version + 1,
})

const readSession = async (db: Kysely<DiallerDatabase>, sessionId: string) =>
  isUuid(sessionId)
    ? localTo(db).known.remember(
        await db.selectFrom('call_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst(),
      )
    : undefined

// The statements a status webhook runs, written once: they are the hot path, and building them with
// the query builder on every webhook cost more CPU than running them. `$1`..`$7` are the event
// (all null for a transition without one, which then appends nothing); `$8` the session; `$9` the
// version read. Each answers the session's id, and whether its outcome is recorded (the agent has
// moved on: the call's end must not send them to wrap-up).
const APPEND_EVENT = `appended as (
  insert into call_events (session_id, provider_call_id, status, occurred_at, answered_by, duration_seconds, error_code)
  select at.id, $1::text, $2::text, $3::timestamptz, $4::text, $5::integer, $6::text from at where $7::boolean
  on conflict on constraint call_events_once do nothing)`
const ANSWER = `select id, exists (select 1 from call_outcomes o where o.session_id = at.id) as outcome_recorded from at`
/** Moves the session to `$10..$18` and bumps its version, only from the version read. */
const WRITE_SESSION = prepared(
  'ringlane_write_call_session',
  `with at as (
  update call_sessions set provider_call_id = $10, status = $11, answered_by = $12, ringing_at = $13,
    answered_at = $14, ended_at = $15, ring_seconds = $16, talk_seconds = $17, end_reason = $18,
    version = version + 1
  where id = $8 and version = $9 returning id),
${APPEND_EVENT}
${ANSWER}`,
)
/** Nothing to change: the session as read is the answer, if it is still at the version read. */
const KEEP_SESSION = prepared(
  'ringlane_keep_call_session',
  `with at as (select id from call_sessions where id = $8 and version = $9),
${APPEND_EVENT}
${ANSWER}`,
)

/**
 * Writes `after` over the session read as `row` (or nothing, with `after` null) and appends the
 * event, in one statement that does either only if the session is still at the version read. Null
 * when another update got there first; otherwise whether the session's outcome is recorded.
 */
const writeSession = async (
  db: Kysely<DiallerDatabase>,
  row: Row,
  after: Calls.CallSession | null,
  event: Telephony.CallEvent | null,
) => {
  const params: unknown[] = [
    event?.providerCallId ?? null,
    event?.status ?? null,
    event?.occurredAt ?? null,
    event?.answeredBy ?? null,
    event?.durationSeconds ?? null,
    event?.errorCode ?? null,
    event !== null,
    row.id,
    row.version,
  ]
  const query =
    after === null
      ? CompiledQuery.raw(KEEP_SESSION, params)
      : CompiledQuery.raw(WRITE_SESSION, [
          ...params,
          after.providerCallId,
          after.status,
          after.answeredBy,
          after.ringingAt,
          after.answeredAt,
          after.endedAt,
          after.ringSeconds,
          after.talkSeconds,
          after.endReason,
        ])
  const [answer] = (await db.executeQuery<{ outcome_recorded: boolean }>(query)).rows
  return answer ? { outcomeRecorded: answer.outcome_recorded } : null
}

/** A session whose outcome is not recorded: its agent still has it. */
const noOutcome = ({ not, exists, selectFrom }: ExpressionBuilder<DiallerDatabase, 'call_sessions'>) =>
  not(
    exists(
      selectFrom('call_outcomes as o')
        .select(sql`1`.as('one'))
        .whereRef('o.session_id', '=', 'call_sessions.id'),
    ),
  )

/** Call sessions, events and outcomes in the dialler store (Postgres or PGlite, migrated). */
export const callStore = (db: Kysely<DiallerDatabase>): Calls.CallStoreService => ({
  createSession: (session) =>
    attempt('open a call session', () =>
      db
        .transaction()
        .execute(async (tx) => {
          const row = await tx
            .insertInto('call_sessions')
            .values({
              agent_id: session.agentId,
              campaign_id: session.campaignId ?? null,
              direction: session.direction ?? 'outbound',
              provider_call_id: session.providerCallId ?? null,
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
          // A person calling in is no attempt to reach them.
          if (session.direction === 'inbound') return row
          // Attempt caps and frequency rules count calls placed: in total, and when, over the last days
          // (the lead's local day is the pre-dial check's business, in the lead's zone).
          const startedAt = sql`${session.startedAt.toISOString()}::timestamptz`
          const keepFrom = new Date(
            +session.startedAt - Compliance.ATTEMPT_HISTORY_DAYS * 86_400_000,
          ).toISOString()
          await tx
            .insertInto('lead_activity')
            .values({
              lead_id: session.leadId,
              attempts_total: 1,
              recent_attempts: sql`array[${startedAt}]`,
            })
            .onConflict((oc) =>
              oc.column('lead_id').doUpdateSet({
                attempts_total: sql`lead_activity.attempts_total + 1`,
                recent_attempts: sql`array(
                  select t from unnest(lead_activity.recent_attempts) as kept(t) where t > ${keepFrom}::timestamptz
                  union all select ${startedAt}
                  order by 1)`,
                updated_at: sql`now()`,
              }),
            )
            .execute()
          return row
        })
        .then((row) => toSession(localTo(db).known.remember(row))),
    ),

  findSession: (sessionId) =>
    attempt('find a call session', async () =>
      Option.fromNullable(await readSession(db, sessionId)).pipe(Option.map(toSession)),
    ),

  findSessionByProviderCall: (providerCallId) =>
    attempt('find a call by provider id', async () =>
      Option.fromNullable(
        localTo(db).known.remember(
          await db
            .selectFrom('call_sessions')
            .selectAll()
            .where('provider_call_id', '=', providerCallId)
            .executeTakeFirst(),
        ),
      ).pipe(Option.map(toSession)),
    ),

  activeSession: (agentId) =>
    attempt("find an agent's open call", async () =>
      Option.fromNullable(
        await db
          .selectFrom('call_sessions')
          .selectAll()
          .where('agent_id', '=', agentId)
          .where('status', 'in', Telephony.openCallStatuses)
          // An agent who recorded a call's outcome has moved on, whatever the provider still says.
          .where(noOutcome)
          .orderBy('started_at', 'desc')
          .executeTakeFirst(),
      ).pipe(Option.map(toSession)),
    ),

  // Optimistic concurrency: start from the session as last read or written here, apply the transition,
  // then write only if the session is still at that version, the event appended in the same
  // statement; if another update got there first, read again and re-apply. One round trip when the
  // session is known, and no lock held across round trips, where a locking transaction took five.
  updateSession: (sessionId, event, transition) =>
    attempt('update a call session', () =>
      localTo(db).turn(sessionId, async () => {
        const { known } = localTo(db)
        let row = known.get(sessionId) ?? (await readSession(db, sessionId))
        for (let tries = 1; row; tries++) {
          const before = toSession(row)
          const after = transition(before)
          const changed = after !== before
          const answer = await writeSession(db, row, changed ? after : null, event)
          if (answer) {
            if (changed) known.remember(written(row, after))
            return Option.some({ before, after, outcomeRecorded: answer.outcomeRecorded })
          }
          if (tries === MAX_TRIES) {
            throw new Error(
              `call session ${sessionId} changed under ${MAX_TRIES} attempts in a row to update it; try again`,
            )
          }
          known.forget(sessionId)
          row = await readSession(db, sessionId)
        }
        return Option.none()
      }),
    ),

  staleSessions: (startedBefore) =>
    attempt('list calls with no final status', async () =>
      (
        await db
          .selectFrom('call_sessions')
          .selectAll()
          .where('status', 'in', Telephony.openCallStatuses)
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
        isUuid(sessionId)
          ? await db
              .selectFrom('call_outcomes')
              .selectAll()
              .where('session_id', '=', sessionId)
              .executeTakeFirst()
          : undefined,
      ).pipe(Option.map(toOutcome)),
    ),

  callHistory: (leadId, limit) =>
    attempt("read a lead's calls", async () =>
      withOutcomes(
        db,
        await db
          .selectFrom('call_sessions')
          .selectAll()
          .where('lead_id', '=', leadId)
          .orderBy('started_at', 'desc')
          .limit(limit)
          .execute(),
      ),
    ),

  agentCalls: (agentId, { before, limit }) =>
    attempt("read an agent's calls", async () =>
      withOutcomes(
        db,
        await db
          .selectFrom('call_sessions')
          .selectAll()
          .where('agent_id', '=', agentId)
          .$if(before !== null, (q) => q.where('started_at', '<', before as Date))
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .execute(),
      ),
    ),

  searchCalls: (query) =>
    attempt('search the call log', async () => {
      const { number, leadIds, after } = query
      if (leadIds?.length === 0 || query.statuses?.length === 0) return []
      if (query.sessionId !== undefined && !isUuid(query.sessionId)) return []
      const rows = await db
        .selectFrom('call_sessions as s')
        .leftJoin('agents as a', 'a.id', 's.agent_id')
        .selectAll('s')
        .select('a.display_name as agent_name')
        // Costs are kept per leg; a call's are summed in their one currency (a call is priced by one provider).
        .select(
          sql<
            string | null
          >`(select sum(c.amount)::text from provider_costs c where c.kind = 'call' and c.session_id = s.id)`.as(
            'cost_amount',
          ),
        )
        .select(
          sql<
            string | null
          >`(select min(c.currency) from provider_costs c where c.kind = 'call' and c.session_id = s.id)`.as(
            'cost_currency',
          ),
        )
        .$if(query.sessionId !== undefined, (q) => q.where('s.id', '=', query.sessionId as string))
        .$if(number?._tag === 'Whole', (q) => q.where('s.phone', '=', (number as { e164: string }).e164))
        .$if(number?._tag === 'Part', (q) =>
          q.where(sql`replace(s.phone, '+', '')`, 'like', `%${(number as { digits: string }).digits}%`),
        )
        .$if(leadIds !== undefined, (q) => q.where('s.lead_id', 'in', [...(leadIds ?? [])]))
        .$if(query.agentId !== undefined, (q) => q.where('s.agent_id', '=', query.agentId as string))
        .$if(query.disposition !== undefined, (q) =>
          q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('call_outcomes as o')
                .select('o.id')
                .whereRef('o.session_id', '=', 's.id')
                .where('o.disposition', '=', query.disposition as string),
            ),
          ),
        )
        .$if(query.direction !== undefined, (q) => q.where('s.direction', '=', query.direction as 'inbound'))
        .$if(query.statuses !== undefined, (q) =>
          q.where('s.status', 'in', query.statuses as Telephony.CallStatus[]),
        )
        .$if(query.startedFrom !== undefined, (q) => q.where('s.started_at', '>=', query.startedFrom as Date))
        .$if(query.startedBefore !== undefined, (q) =>
          q.where('s.started_at', '<', query.startedBefore as Date),
        )
        // Keyset: strictly before the last call of the previous page, in (start, id) order.
        .$if(after !== null && isUuid(after.id), (q) =>
          q.where(sql`(s.started_at, s.id)`, '<', sql`(${after?.at}::timestamptz, ${after?.id}::uuid)`),
        )
        .$if(after !== null && !isUuid(after.id), (q) => q.where('s.started_at', '<', after?.at as Date))
        .orderBy('s.started_at', 'desc')
        .orderBy('s.id', 'desc')
        .limit(query.limit)
        .execute()
      const items = await withOutcomes(db, rows)
      return items.map((item, i) => {
        const row = rows[i]
        return {
          ...item,
          agentName: row?.agent_name ?? null,
          cost:
            row?.cost_amount && row.cost_currency
              ? { amount: row.cost_amount, currency: row.cost_currency.trim() }
              : null,
        }
      })
    }),

  callEvents: (sessionId) =>
    attempt("read a call's events", async () => {
      if (!isUuid(sessionId)) return []
      const rows = await db
        .selectFrom('call_events')
        .select([
          'provider_call_id',
          'status',
          'occurred_at',
          'answered_by',
          'duration_seconds',
          'error_code',
        ])
        .where('session_id', '=', sessionId)
        .orderBy('occurred_at')
        .orderBy('id')
        .execute()
      return rows.map((row) => ({
        providerCallId: row.provider_call_id,
        status: row.status as Telephony.CallStatus,
        occurredAt: new Date(row.occurred_at),
        answeredBy: row.answered_by,
        durationSeconds: row.duration_seconds,
        errorCode: row.error_code,
      }))
    }),

  assignAgent: (sessionId, agentId) =>
    attempt('give an engine call its agent', async () => {
      if (!isUuid(sessionId)) return Option.none()
      const row = await db
        .updateTable('call_sessions')
        .set({ agent_id: agentId, end_reason: null, version: sql`version + 1` })
        .where('id', '=', sessionId)
        .where('agent_id', 'is', null)
        // Compare-and-set on the call still open: one ended or abandoned meanwhile is nobody's; one an
        // AI agent handed over is the person's now.
        .where('status', 'in', Telephony.openCallStatuses)
        .where((eb) =>
          eb.or([eb('end_reason', 'is', null), eb('end_reason', 'like', `${Calls.AI_AGENT_HOLDS}%`)]),
        )
        .returningAll()
        .executeTakeFirst()
      return Option.fromNullable(localTo(db).known.remember(row)).pipe(Option.map(toSession))
    }),

  transferSession: (sessionId, from, to) =>
    attempt('transfer a call to another agent', async () => {
      if (!isUuid(sessionId)) return Option.none()
      const row = await db
        .updateTable('call_sessions')
        .set({ agent_id: to, version: sql`version + 1` })
        .where('id', '=', sessionId)
        .where('agent_id', '=', from)
        .where('status', 'in', Telephony.openCallStatuses)
        .where(noOutcome)
        .returningAll()
        .executeTakeFirst()
      return Option.fromNullable(localTo(db).known.remember(row)).pipe(Option.map(toSession))
    }),

  openCampaignCalls: (campaignId) =>
    attempt("read a campaign's open calls", async () =>
      (
        await db
          .selectFrom('call_sessions')
          .selectAll()
          .where('campaign_id', '=', campaignId)
          .where('status', 'in', Telephony.openCallStatuses)
          .orderBy('started_at')
          .execute()
      ).map(toSession),
    ),

  endedCampaignCalls: (campaignId, since, limit) =>
    attempt("read a campaign's ended calls", async () =>
      (
        await db
          .selectFrom('call_sessions')
          .selectAll()
          .where('campaign_id', '=', campaignId)
          .where('ended_at', '>=', since)
          .orderBy('ended_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .execute()
      )
        .reverse()
        .map(toSession),
    ),

  lastSessionForEntry: (agentId, entryId) =>
    attempt("find an entry's last call", async () =>
      // An entry id that is not one has no calls.
      Option.fromNullable(
        !isUuid(entryId)
          ? undefined
          : await db
              .selectFrom('call_sessions')
              .selectAll()
              .where('agent_id', '=', agentId)
              .where('entry_id', '=', entryId)
              .orderBy('started_at', 'desc')
              .orderBy('id', 'desc')
              .executeTakeFirst(),
      ).pipe(Option.map(toSession)),
    ),
})

/** Sessions, in their order, each with its outcome (one more query, none for no sessions). */
const withOutcomes = async (db: Kysely<DiallerDatabase>, sessions: ReadonlyArray<Row>) => {
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
}
