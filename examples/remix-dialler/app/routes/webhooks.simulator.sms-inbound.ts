import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveWebhook } from '../server/webhooks.server'

/** The simulator sms-inbound webhook (signed; see webhooks.server.ts for the answers). */
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, 'simulator', 'sms-inbound')

export const loader = () => new Response('Webhooks are POSTed.', { status: 405 })
