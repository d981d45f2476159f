import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'

/**
 * What the simulated carrier did with the calls the engine placed (answered, joined to an agent,
 * the message it played), as a provider's call logs would show. Supervisors and admins, simulator only.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  await requireRole(running, running.publicBaseUrl, request, ['supervisor', 'admin'])
  if (!running.simulator) throw new Response('Telephony is not simulated here.', { status: 404 })
  return Response.json({
    calls: running.simulator
      .serverCalls()
      .map(({ callId, sessionId, status, answeredBy, conference, played }) => ({
        callId,
        sessionId,
        status,
        answeredBy,
        joinedAgent: conference !== null,
        played,
      })),
  })
}
