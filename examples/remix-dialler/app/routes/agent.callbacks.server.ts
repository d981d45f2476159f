import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'

/** Open callbacks (for whoever is free) show up this long before they are due. */
const OPEN_WINDOW_HOURS = 2

/** The agent's pending callbacks, and open ones coming due soon; overdue first. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const agent = await requireRole(running.db, running.publicBaseUrl, request, ['agent'])
  const soon = new Date(Date.now() + OPEN_WINDOW_HOURS * 3_600_000)
  const rows = await running.db
    .selectFrom('callbacks')
    .select(['id', 'phone', 'owner_agent_id', 'due_at', 'notes'])
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('owner_agent_id', '=', agent.id),
        eb.and([eb('owner_agent_id', 'is', null), eb('due_at', '<=', soon)]),
      ]),
    )
    .orderBy('due_at')
    .limit(200)
    .execute()
  const now = Date.now()
  return {
    openWindowHours: OPEN_WINDOW_HOURS,
    callbacks: rows.map((row) => ({
      id: row.id,
      phone: row.phone,
      mine: row.owner_agent_id === agent.id,
      dueAt: new Date(row.due_at).toISOString(),
      overdue: +new Date(row.due_at) < now,
      notes: row.notes,
    })),
  }
}
