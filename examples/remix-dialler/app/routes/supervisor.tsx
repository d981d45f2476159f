import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet } from '@remix-run/react'
import { supervisorLoader } from '../server/supervisor.server'

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await supervisorLoader(request)
  return null
}

export default function SupervisorLayout() {
  return <Outlet />
}
