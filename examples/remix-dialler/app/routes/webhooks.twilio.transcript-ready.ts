import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveWebhook } from '../server/webhooks.server'

/** The twilio "transcript ready" callback (signed; see webhooks.server.ts for the answers). */
export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, 'twilio', 'transcript-ready')

export const loader = () => new Response('Webhooks are POSTed.', { status: 405 })
