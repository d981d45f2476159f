import { app } from './app.server'
import { checkOrigin, limitActions, type Role, requireRole } from './auth.server'
import type { DiallerApp } from './dialler.server'
import { run } from './run.server'

export const SUPERVISOR_ROLES: ReadonlyArray<Role> = ['supervisor', 'admin']
export const ADMIN_ROLES: ReadonlyArray<Role> = ['admin']

/** The gate for supervisor pages' loaders: signed in as a supervisor or admin. */
export const supervisorLoader = async (request: Request, roles: ReadonlyArray<Role> = SUPERVISOR_ROLES) => {
  const running = await app()
  const user = await requireRole(running, running.publicBaseUrl, request, roles)
  return { running, user }
}

/** The gate for supervisor pages' actions: our own origin, the rate limit, then the role. */
export const supervisorAction = async (
  { request, context }: { readonly request: Request; readonly context: unknown },
  roles: ReadonlyArray<Role> = SUPERVISOR_ROLES,
) => {
  const running = await app()
  checkOrigin(request, running.publicBaseUrl)
  limitActions(running, request, context)
  const user = await requireRole(running, running.publicBaseUrl, request, roles)
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

/** What the live dashboard shows first, before its event stream takes over: the SDK's view, as the page reads it. */
export const liveSnapshot = async ({ ringlane }: DiallerApp, viewerId?: string) => {
  const { agents, calls, levels } = await ringlane.analytics.liveSnapshot()
  // Names, not ids: each lead on a call as the viewer (a supervisor) would see them; the id if not found.
  const names = new Map<string, string>(
    viewerId
      ? await Promise.all(
          [...new Set(calls.map((c) => c.leadId as string))].map(async (leadId) => {
            const context = await ringlane.leads.context(viewerId, leadId).catch(() => null)
            const name = context && `${context.profile.firstName} ${context.profile.lastName}`.trim()
            return [leadId, name || `Lead ${leadId}`] as const
          }),
        )
      : [],
  )
  return {
    agents: agents.map((a) => ({
      id: a.agentId as string,
      name: a.displayName,
      state: a.state as string,
      reason: a.reason,
      since: a.since ? a.since.toISOString() : null,
    })),
    calls: calls.map((c) => ({
      sessionId: c.sessionId,
      agentId: c.agentId as string,
      agentName: c.agentName,
      leadId: c.leadId as string,
      leadName: names.get(c.leadId) ?? null,
      queueId: c.queueId as string,
      status: c.status as string,
      startedAt: c.startedAt.toISOString(),
      answeredAt: c.answeredAt ? c.answeredAt.toISOString() : null,
    })),
    levels: levels.map((level) => ({
      queueId: level.queueId as string,
      label: level.label,
      threshold: level.threshold,
      waiting: level.waiting,
      claimed: level.claimed,
    })),
  }
}

/** What the live dashboard shows (the server's view, then the page's as events arrive). */
export type LiveSnapshot = Awaited<ReturnType<typeof liveSnapshot>>
