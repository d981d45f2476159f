import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'
import { run } from '../server/run.server'

/**
 * A Twilio access token (Voice grant) for the signed-in agent's browser softphone, as plain text, the
 * way `twilioSoftphone({ getToken })` reads it. The identity is the agent's id, so the voice webhook
 * knows whose call it is. Never cached; never logged.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const agent = await requireRole(running, running.publicBaseUrl, request, ['agent'])
  if (running.webhooks.provider !== 'twilio')
    return new Response('Telephony is simulated here: the simulator softphone needs no token.', {
      status: 404,
      headers: { 'Cache-Control': 'no-store' },
    })
  try {
    const token = await run(running.telephony.accessToken(agent.id))
    return new Response(token.token, {
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Token-Expires-At': token.expiresAt.toISOString(),
      },
    })
  } catch (error) {
    console.error(`softphone token for an agent failed: ${error instanceof Error ? error.name : 'error'}`)
    return new Response('The softphone token could not be made; check the Twilio settings.', {
      status: 503,
      headers: { 'Cache-Control': 'no-store' },
    })
  }
}
