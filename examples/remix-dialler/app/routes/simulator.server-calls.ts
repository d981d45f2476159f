import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'
import { run } from '../server/run.server'

/**
 * What the simulated carrier did with the calls the engine placed (answered, joined to an agent,
 * the message it played, who is in the conference with it and how), as a provider's call logs and
 * conference views would show. Supervisors and admins, simulator only.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  await requireRole(running, running.publicBaseUrl, request, ['supervisor', 'admin'])
  if (!running.simulator) throw new Response('Telephony is not simulated here.', { status: 404 })
  const { telephony } = running.simulator
  const calls = await Promise.all(
    running.simulator
      .serverCalls()
      .map(async ({ callId, sessionId, status, answeredBy, conference, played }) => ({
        callId,
        sessionId,
        status,
        answeredBy,
        joinedAgent: conference !== null,
        // The agent whose conference the call is in now, and everyone there.
        agentId: conference?.replace(/^ringlane-agent-/, '') ?? null,
        participants: conference
          ? (await run(telephony.conferenceParticipants(conference))).map(
              ({ label, hold, muted, coaching }) => ({
                label,
                hold,
                muted,
                coaching: coaching !== null,
              }),
            )
          : [],
        played,
      })),
  )
  return Response.json({ calls })
}
