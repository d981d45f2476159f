import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveWebhook } from '../server/webhooks.server'

/** The simulator "transcript ready" callback (signed; see webhooks.server.ts for the answers). */
export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, 'simulator', 'transcript-ready')

export const loader = () => new Response('Webhooks are POSTed.', { status: 405 })
