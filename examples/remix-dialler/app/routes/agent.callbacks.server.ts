import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'

/** Open callbacks (for whoever is free) show up this long before they are due. */
const OPEN_WINDOW_HOURS = 2

/** The agent's pending callbacks, and open ones coming due soon; overdue first. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const agent = await requireRole(running.db, running.publicBaseUrl, request, ['agent'])
  const callbacks = await running.ringlane.calls.callbacks(agent.id, OPEN_WINDOW_HOURS * 60)
  const now = Date.now()
  return {
    openWindowHours: OPEN_WINDOW_HOURS,
    callbacks: callbacks.map((callback) => ({
      id: callback.id,
      phone: callback.phone as string,
      mine: callback.ownerAgentId === agent.id,
      dueAt: callback.dueAt.toISOString(),
      overdue: +callback.dueAt < now,
      notes: callback.notes,
    })),
  }
}
