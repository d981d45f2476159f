import { SimulatorRefusal } from '@ringlane/simulator'
import { app } from './app.server'
import { checkOrigin, requireRole } from './auth.server'

/** The simulator's browser protocol (see @ringlane/simulator's README), for the signed-in agent. */
export const simulatorAgent = async (request: Request) => {
  const running = await app()
  if (!running.simulator) throw new Response('Telephony is not simulated here.', { status: 404 })
  if (request.method !== 'GET') checkOrigin(request, running.publicBaseUrl)
  const agent = await requireRole(running, running.publicBaseUrl, request, ['agent'])
  return { simulator: running.simulator, agent }
}

export const refusal = (error: unknown) => {
  if (error instanceof SimulatorRefusal) {
    return Response.json(
      { error: { code: error.code === 'unknown-call' ? 'call-failed' : error.code, message: error.message } },
      { status: error.status },
    )
  }
  throw error
}

/** The page's leg id as the browser sent it, when it is one (anything else: no leg, the call is not tied). */
export const browserLeg = (leg: string | null | undefined) => (leg && /^[\w-]{8,64}$/.test(leg) ? leg : null)
