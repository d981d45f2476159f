import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { app } from '../server/app.server'
import { currentAgent } from '../server/auth.server'

/** The start page sends people where their role works. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const { publicBaseUrl } = running
  const agent = await currentAgent(running, publicBaseUrl, request)
  if (!agent) throw redirect('/login')
  throw redirect(agent.role === 'agent' ? '/agent' : '/supervisor')
}
