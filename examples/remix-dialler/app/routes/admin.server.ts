import type { LoaderFunctionArgs } from '@remix-run/node'
import { ADMIN_ROLES, supervisorLoader } from '../server/supervisor.server'

/** Every admin page: admins only. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await supervisorLoader(request, ADMIN_ROLES)
  return null
}
