import type { LoaderFunctionArgs } from '@remix-run/node'
import { app } from './server/app.server'
import { currentAgent } from './server/auth.server'

/** Who is signed in, for the header and its navigation: a name and a role, nothing more. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const { publicBaseUrl } = running
  const agent = await currentAgent(running, publicBaseUrl, request)
  return { agent: agent && { displayName: agent.displayName, role: agent.role } }
}
