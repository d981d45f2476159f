import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveWebhook } from '../server/webhooks.server'

/** The twilio IVR flow webhook: an inbound call's menu answers, messages and hold loop (signed). */
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, 'twilio', 'ivr')

export const loader = () => new Response('Webhooks are POSTed.', { status: 405 })
