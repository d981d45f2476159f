import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet } from '@remix-run/react'
import { ADMIN_ROLES, supervisorLoader } from '../server/supervisor.server'

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await supervisorLoader(request, ADMIN_ROLES)
  return null
}

export default function AdminLayout() {
  return <Outlet />
}
