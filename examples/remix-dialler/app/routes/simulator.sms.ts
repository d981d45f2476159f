import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'
import { SUPERVISOR_ROLES } from '../server/supervisor.server'

/**
 * The simulated person's phone: the texts the simulator "delivered" to a number (`?to=+44…`), newest
 * last, as JSON, so a demo (or a test) can open the magic link a person got. Only while SMS is
 * simulated (no real person exists), and only for supervisors and admins.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  if (!running.simulatedSms) throw new Response('Texts are not simulated here.', { status: 404 })
  await requireRole(running, running.publicBaseUrl, request, SUPERVISOR_ROLES)
  const to = new URL(request.url).searchParams.get('to') ?? ''
  if (!/^\+\d{6,15}$/.test(to))
    throw new Response('Give the number as E.164, e.g. ?to=+447700900123', { status: 400 })
  const texts = running.simulatedSms
    .outbox()
    .filter((sms) => sms.to === to)
    .map((sms) => ({ body: sms.body }))
  return Response.json({ texts }, { headers: { 'Cache-Control': 'no-store' } })
}
