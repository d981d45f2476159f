import { sql } from 'kysely'
import { OPEN_CALL_STATUSES } from '../utils/live-dashboard'
import { app } from './app.server'
import { checkOrigin, type Role, requireRole } from './auth.server'
import type { DiallerApp } from './dialler.server'
import { run } from './run.server'

export const SUPERVISOR_ROLES: ReadonlyArray<Role> = ['supervisor', 'admin']
export const ADMIN_ROLES: ReadonlyArray<Role> = ['admin']

/** The gate for supervisor pages' loaders: signed in as a supervisor or admin. */
export const supervisorLoader = async (request: Request, roles: ReadonlyArray<Role> = SUPERVISOR_ROLES) => {
  const running = await app()
  const user = await requireRole(running.db, running.publicBaseUrl, request, roles)
  return { running, user }
}

/** The gate for supervisor pages' actions: our own origin, then the role. */
export const supervisorAction = async (request: Request, roles: ReadonlyArray<Role> = SUPERVISOR_ROLES) => {
  const running = await app()
  checkOrigin(request, running.publicBaseUrl)
  const user = await requireRole(running.db, running.publicBaseUrl, request, roles)
  return { running, user }
}

/** Writes who looked at personal data; the audit log page lists these. */
export const auditAccess = (
  { audit }: DiallerApp,
  entry: {
    actor: string
    action: string
    subject: string
    detail?: Record<string, string | number | boolean | null>
  },
) => run(audit.record({ ...entry, detail: entry.detail ?? {}, at: new Date() }))

/** What the live dashboard shows first, before its event stream takes over. */
export const liveSnapshot = async ({ db, ringlane }: DiallerApp) => {
  const [agents, calls, levels, config] = await Promise.all([
    db
      .selectFrom('agents as a')
      .leftJoin('agent_states as st', 'st.agent_id', 'a.id')
      .select(['a.id', 'a.display_name', 'st.state', 'st.reason', 'st.since'])
      .where('a.role', '=', 'agent')
      .where('a.active', '=', true)
      .orderBy('a.display_name')
      .execute(),
    // Open calls from the last few hours: older ones are stale and the reconciler's business. A call
    // whose outcome is recorded is over for its agent, even while the provider has not said it ended.
    db
      .selectFrom('call_sessions as s')
      .innerJoin('agents as a', 'a.id', 's.agent_id')
      .select([
        's.id',
        's.agent_id',
        'a.display_name',
        's.lead_id',
        's.queue_id',
        's.status',
        's.started_at',
        's.answered_at',
      ])
      .where('s.status', 'in', OPEN_CALL_STATUSES)
      .where('s.started_at', '>', sql<Date>`now() - interval '4 hours'`)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('call_outcomes as o').select(sql`1`.as('one')).whereRef('o.session_id', '=', 's.id'),
          ),
        ),
      )
      .orderBy('s.started_at')
      .execute(),
    ringlane.queues.levels(),
    ringlane.config(),
  ])
  return {
    agents: agents.map((a) => ({
      id: a.id,
      name: a.display_name,
      state: (a.state ?? 'offline') as string,
      reason: a.reason,
      since: a.since ? new Date(a.since).toISOString() : null,
    })),
    calls: calls.map((c) => ({
      sessionId: c.id,
      agentId: c.agent_id,
      agentName: c.display_name,
      leadId: c.lead_id,
      queueId: c.queue_id,
      status: c.status as string,
      startedAt: new Date(c.started_at).toISOString(),
      answeredAt: c.answered_at ? new Date(c.answered_at).toISOString() : null,
    })),
    levels: levels.map((level) => {
      const queue = config.queues.find((q) => q.id === level.queueId)
      return {
        queueId: level.queueId,
        label: queue?.label ?? level.queueId,
        threshold: queue?.threshold ?? 0,
        waiting: level.waiting,
        claimed: level.claimed,
      }
    }),
  }
}

/** What the live dashboard shows (the server's view, then the page's as events arrive). */
export type LiveSnapshot = Awaited<ReturnType<typeof liveSnapshot>>
