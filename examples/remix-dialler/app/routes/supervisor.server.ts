import type { LoaderFunctionArgs } from '@remix-run/node'
import { supervisorLoader } from '../server/supervisor.server'

/** Every supervisor page: supervisors and admins. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await supervisorLoader(request)
  return null
}
