import { SoftphoneProvider } from '@ringlane/react'
import { createSimulatorSoftphone } from '@ringlane/simulator/browser'
import { type ReactNode, useState } from 'react'

/** The simulator's browser softphone, created once per page; a Twilio driver would slot in the same way. */
export const AgentSoftphone = ({ children }: { children: ReactNode }) => {
  const [driver] = useState(() => createSimulatorSoftphone())
  return <SoftphoneProvider driver={driver}>{children}</SoftphoneProvider>
}
