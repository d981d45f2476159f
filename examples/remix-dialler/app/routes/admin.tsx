import { Outlet } from '@remix-run/react'

export { loader } from './admin.server'

export default function AdminLayout() {
  return <Outlet />
}
