import { Outlet } from '@remix-run/react'
import { CallbackReminders } from '../components/callback-reminders'

export { loader } from './agent.server'

export default function AgentLayout() {
  return (
    <>
      <CallbackReminders />
      <Outlet />
    </>
  )
}
