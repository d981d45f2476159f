import { Outlet } from '@remix-run/react'

export { loader } from './supervisor.server'

export default function SupervisorLayout() {
  return <Outlet />
}
