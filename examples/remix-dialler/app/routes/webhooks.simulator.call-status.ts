import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveWebhook } from '../server/webhooks.server'

/** The simulator call-status webhook (signed; see webhooks.server.ts for the answers). */
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, 'simulator', 'call-status')

export const loader = () => new Response('Webhooks are POSTed.', { status: 405 })
