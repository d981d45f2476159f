import type { ActionFunctionArgs } from '@remix-run/node'
import { refusal, simulatorAgent } from '../server/simulator-routes.server'

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { simulator, agent } = await simulatorAgent(request)
  const body = (await request.json().catch(() => null)) as { digits?: unknown } | null
  try {
    await simulator.sendDigits(
      agent.id,
      params.callId ?? '',
      typeof body?.digits === 'string' ? body.digits : '',
    )
    return new Response(null, { status: 204 })
  } catch (error) {
    return refusal(error)
  }
}
