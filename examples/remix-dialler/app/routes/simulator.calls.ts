import type { ActionFunctionArgs } from '@remix-run/node'
import { Either, Schema } from 'effect'
import { browserLeg, refusal, simulatorAgent } from '../server/simulator-routes.server'

const PlaceCall = Schema.Struct({
  to: Schema.String,
  params: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), {
    default: () => ({}),
  }),
  leg: Schema.optional(Schema.String),
})

/** The agent's browser places a simulated call; the simulator asks the dialler's voice webhook what to dial. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { simulator, agent } = await simulatorAgent(request)
  const body = Schema.decodeUnknownEither(PlaceCall)(await request.json().catch(() => null))
  if (Either.isLeft(body))
    return Response.json(
      { error: { code: 'call-failed', message: `The request is malformed: ${body.left.message}` } },
      { status: 400 },
    )
  try {
    return Response.json(
      await simulator.placeBrowserCall(agent.id, body.right.params, browserLeg(body.right.leg)),
      { status: 201 },
    )
  } catch (error) {
    return refusal(error)
  }
}
