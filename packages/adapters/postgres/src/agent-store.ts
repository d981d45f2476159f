import { Agents } from '@ringlane/core'
import { Effect, Option } from 'effect'
import { CompiledQuery, type Kysely, type Selectable, sql } from 'kysely'
import { prepared } from './connection.js'
import { attemptWith, isUniqueViolation, toAgent } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Agents.AgentStoreError, 'agent store')

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
select state, reason, since, true as moved from moved
union all
select state, reason, since, false as moved from agent_states
where agent_id = $1 and not exists (select 1 from moved)`,
)

export interface AgentStoreOptions {
  /**
   * How long a found agent is reused without asking the database again, in milliseconds (default
   * 1000; 0 turns it off). Every SDK method that acts for an agent checks the account first, so one
   * desk page asked for the same row eight to ten times. A change made through this store is seen at
   * once; one made by another instance (deactivating an account) within this time.
   */
  readonly agentCacheMs?: number
}

/** Agents and their states, found agents reused for `agentCacheMs` (decision 0034). */
export const agentStore = (
  db: Kysely<DiallerDatabase>,
  { agentCacheMs = 1000 }: AgentStoreOptions = {},
): Agents.AgentStoreService => reusingFoundAgents(storedAgents(db), agentCacheMs)

/** `store` with `findAgent` answered from a short-lived copy, forgotten when this store changes it. */
const reusingFoundAgents = (store: Agents.AgentStoreService, ms: number): Agents.AgentStoreService => {
  if (ms <= 0) return store
  const found = new Map<string, { readonly agent: Agents.Agent; readonly until: number }>()
  return {
    ...store,
    findAgent: (agentId) =>
      Effect.suspend(() => {
        const hit = found.get(agentId)
        if (hit && hit.until > Date.now()) return Effect.succeed(Option.some(hit.agent))
        return Effect.tap(store.findAgent(agentId), (agent) =>
          Effect.sync(() => {
            if (Option.isNone(agent)) return
            // Bounded: a floor has hundreds of agents, so a full map only holds stale ones.
            if (found.size >= 10_000) found.clear()
            found.set(agentId, { agent: agent.value, until: Date.now() + ms })
          }),
        )
      }),
    // Forgotten before and after, so a look-up running meanwhile cannot keep the old account.
    updateAgent: (agentId, changes) =>
      Effect.suspend(() => {
        found.delete(agentId)
        return Effect.ensuring(
          store.updateAgent(agentId, changes),
          Effect.sync(() => found.delete(agentId)),
        )
      }),
  }
}

/** Agents and their states on a Kysely instance over Postgres or PGlite whose schema is migrated. */
const storedAgents = (db: Kysely<DiallerDatabase>): Agents.AgentStoreService => ({
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
          ? new Agents.AgentEmailTaken({
              field: 'email',
              message: `email: ${agent.email} already has an account`,
            })
          : new Agents.AgentStoreError({
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

  findCredentials: (email) =>
    attempt('find an account by email', async () =>
      Option.fromNullable(
        await db
          .selectFrom('agents')
          .selectAll()
          .where('email', '=', email.trim().toLowerCase())
          .executeTakeFirst(),
      ).pipe(Option.map((row) => ({ agent: toAgent(row), passwordHash: row.password_hash }))),
    ),

  updateAgent: (agentId, changes) =>
    attempt('change an account', async () => {
      const set = {
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.active !== undefined && { active: changes.active }),
      }
      const row =
        Object.keys(set).length === 0
          ? await db.selectFrom('agents').selectAll().where('id', '=', agentId).executeTakeFirst()
          : await db
              .updateTable('agents')
              .set(set)
              .where('id', '=', agentId)
              .returningAll()
              .executeTakeFirst()
      return Option.fromNullable(row).pipe(Option.map(toAgent))
    }),

  setPasswordHash: (agentId, passwordHash) =>
    attempt('set a password', async () => {
      const set = await db
        .updateTable('agents')
        .set({ password_hash: passwordHash })
        .where('id', '=', agentId)
        .executeTakeFirst()
      return set.numUpdatedRows > 0n
    }),

  listAgents: () =>
    attempt('list the agents', async () =>
      (await db.selectFrom('agents').selectAll().orderBy('display_name').orderBy('id').execute()).map(
        (row) => ({
          ...toAgent(row),
          createdAt: new Date(row.created_at),
        }),
      ),
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

  agentStates: (agentIds) =>
    attempt('read agent states', async () => {
      const states = new Map<Agents.AgentId, Agents.AgentState>(
        agentIds.map((id) => [id, { state: 'offline', reason: null, since: new Date(0) }]),
      )
      if (agentIds.length === 0) return states
      const rows = await db
        .selectFrom('agent_states')
        .selectAll()
        .where('agent_id', 'in', [...new Set(agentIds)])
        .execute()
      for (const row of rows)
        states.set(row.agent_id as Agents.AgentId, {
          state: row.state,
          reason: row.reason,
          since: new Date(row.since),
        })
      return states
    }),

  setAgentState: (agentId, from, to, now) =>
    attempt('change an agent state', async () => {
      // Compare-and-set: a change made meanwhile (another tab, the call flow) wins and is returned.
      // An agent without a row is offline, so only a move from offline may create one.
      const values = { state: to.state, reason: to.reason, since: now }
      const inserted =
        from === 'offline'
          ? await db
              .insertInto('agent_states')
              .values({ agent_id: agentId, ...values })
              .onConflict((oc) =>
                oc.column('agent_id').doUpdateSet(values).where('agent_states.state', '=', from),
              )
              .returningAll()
              .executeTakeFirst()
          : undefined
      const row: (AgentStateRow & { moved: boolean }) | undefined = inserted
        ? { ...inserted, moved: true }
        : from === 'offline'
          ? await db
              .selectFrom('agent_states')
              .select(['state', 'reason', 'since', sql<boolean>`false`.as('moved')])
              .where('agent_id', '=', agentId)
              .executeTakeFirst()
          : (
              await db.executeQuery<AgentStateRow & { moved: boolean }>(
                CompiledQuery.raw(MOVE_AGENT, [agentId, from, to.state, to.reason, now]),
              )
            ).rows[0]
      return row
        ? { state: row.state, reason: row.reason, since: new Date(row.since), moved: row.moved }
        : { state: 'offline' as const, reason: null, since: new Date(0), moved: false }
    }),
  stateHistory: ({ agentId, since, until }) =>
    attempt('read agent state history', async () => {
      let query = db
        .selectFrom('agent_state_history')
        .select(['agent_id', 'state', 'reason', 'started_at', 'ended_at'])
        .where('started_at', '<', until)
        .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', since)]))
      if (agentId !== null) query = query.where('agent_id', '=', agentId)
      const rows = await query.orderBy('started_at').orderBy('id').execute()
      return rows.map((row) => ({
        agentId: row.agent_id as Agents.AgentId,
        state: row.state,
        reason: row.reason,
        startedAt: new Date(row.started_at),
        endedAt: row.ended_at === null ? null : new Date(row.ended_at),
      }))
    }),
  recordSignIn: (agentId, at) =>
    attempt('record a sign-in', async () => {
      // One open stretch per agent (a unique partial index): a second browser signs in to the same one.
      await db
        .insertInto('agent_sign_ins')
        .values({ agent_id: agentId, signed_in_at: at })
        .onConflict((oc) => oc.column('agent_id').where('signed_out_at', 'is', null).doNothing())
        .execute()
    }),
  recordSignOut: (agentId, at, reason) =>
    attempt('record a sign-out', async () => {
      const closed = await db
        .updateTable('agent_sign_ins')
        .set((eb) => ({
          signed_out_at: eb.fn('greatest', [eb.ref('signed_in_at'), eb.val(at)]),
          sign_out_reason: reason,
        }))
        .where('agent_id', '=', agentId)
        .where('signed_out_at', 'is', null)
        .executeTakeFirst()
      return Number(closed.numUpdatedRows) > 0
    }),
  signIns: ({ agentId, since, until }) =>
    attempt('read sign-ins', async () => {
      let query = db
        .selectFrom('agent_sign_ins')
        .select(['agent_id', 'signed_in_at', 'signed_out_at', 'sign_out_reason'])
        .where('signed_in_at', '<', until)
        .where((eb) => eb.or([eb('signed_out_at', 'is', null), eb('signed_out_at', '>', since)]))
      if (agentId !== null) query = query.where('agent_id', '=', agentId)
      const rows = await query.orderBy('signed_in_at').orderBy('id').execute()
      return rows.map((row) => ({
        agentId: row.agent_id as Agents.AgentId,
        signedInAt: new Date(row.signed_in_at),
        signedOutAt: row.signed_out_at === null ? null : new Date(row.signed_out_at),
        signOutReason: row.sign_out_reason,
      }))
    }),
})
