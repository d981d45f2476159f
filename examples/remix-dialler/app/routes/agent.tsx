import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet } from '@remix-run/react'
import { CallbackReminders } from '../components/callback-reminders'
import { app } from '../server/app.server'
import { requireRole } from '../server/auth.server'

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { db, publicBaseUrl } = await app()
  await requireRole(db, publicBaseUrl, request, ['agent'])
  return null
}

export default function AgentLayout() {
  return (
    <>
      <CallbackReminders />
      <Outlet />
    </>
  )
}
