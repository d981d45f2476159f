import type { LoaderFunctionArgs } from '@remix-run/node'
import { liveSnapshot, supervisorLoader } from '../server/supervisor.server'

/** The live dashboard's first view; its event stream keeps it current. Supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  return liveSnapshot(running)
}
