import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveWebhook } from '../server/webhooks.server'

/** The simulator voice webhook (signed; see webhooks.server.ts for the answers). */
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, 'simulator', 'voice')

export const loader = () => new Response('Webhooks are POSTed.', { status: 405 })
