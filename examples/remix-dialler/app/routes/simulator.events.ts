import type { LoaderFunctionArgs } from '@remix-run/node'
import type { BrowserCallEvent } from '@ringlane/simulator'
import { browserLeg, simulatorAgent } from '../server/simulator-routes.server'
import { lastEventId, sseResponse } from '../server/sse.server'

/** Server-sent call updates for the agent's simulated softphone, resumable after a break. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { simulator, agent } = await simulatorAgent(request)
  return sseResponse(request, (send) => {
    const sendCall = ({ id, ...call }: BrowserCallEvent) => send('call', call, id)
    send('ready', {})
    const { replay, unsubscribe } = simulator.browserEvents(
      agent.id,
      lastEventId(request),
      sendCall,
      browserLeg(new URL(request.url).searchParams.get('leg')),
    )
    for (const event of replay) sendCall(event)
    return unsubscribe
  })
}
