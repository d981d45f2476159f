import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'
import { eventStream, type LiveEvent } from '../server/events.server'

/**
 * The live-event stream. Supervisors and admins hear everything (agent states, calls, queue levels,
 * SMS); an agent hears only their own state and calls (and transfers to them) and the callbacks that
 * are theirs to make.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const user = await requireRole(running, running.publicBaseUrl, request, ['agent', 'supervisor', 'admin'])
  if (user.role === 'agent') {
    const own = (event: LiveEvent) =>
      ((event.type === 'call' || event.type === 'call-offered' || event.type === 'agent-state') &&
        event.agentId === user.id) ||
      (event.type === 'callback-due' && event.ownerAgentId === user.id) ||
      // A transfer or three-way call concerns both agents' desks; a supervisor listening is not shown.
      (event.type === 'call-control' &&
        !event.action.startsWith('supervisor') &&
        (event.agentId === user.id || event.otherAgentId === user.id))
    return eventStream(running.events, request, own)
  }
  // Supervisors start from the queue levels now; everything else arrives as it changes.
  const levels = await running.ringlane.queues.levels()
  return eventStream(running.events, request, () => true, {
    type: 'queue-levels',
    levels: levels.map(({ queueId, waiting, claimed }) => ({ queueId, waiting, claimed })),
  })
}
