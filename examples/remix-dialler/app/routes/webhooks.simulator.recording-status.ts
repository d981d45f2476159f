import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveWebhook } from '../server/webhooks.server'

/** The simulator recording-status webhook (signed; see webhooks.server.ts for the answers). */
export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, 'simulator', 'recording-status')

export const loader = () => new Response('Webhooks are POSTed.', { status: 405 })
