import type { ActionFunctionArgs } from '@remix-run/node'
import { refusal, simulatorAgent } from '../server/simulator-routes.server'

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { simulator, agent } = await simulatorAgent(request)
  try {
    await simulator.hangUp(agent.id, params.callId ?? '')
    return new Response(null, { status: 204 })
  } catch (error) {
    return refusal(error)
  }
}
