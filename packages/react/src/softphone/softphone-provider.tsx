import type { Softphone } from '@ringlane/core'
import { type ReactNode, useEffect, useMemo } from 'react'
import { SoftphoneContext } from './softphone-context.js'
import { createSoftphoneStore } from './softphone-store.js'

export interface SoftphoneProviderProps {
  /**
   * The softphone, e.g. `createTwilioSoftphone(...)` or `createSimulatorSoftphone()`. Create it once
   * (module scope or `useState`); the app owns it and calls `destroy()` when the agent signs out.
   */
  readonly driver: Softphone.SoftphoneDriver
  /** Register while mounted (and unregister when unmounted). Default true. */
  readonly register?: boolean
  readonly children?: ReactNode
}

/**
 * Gives its children the softphone through `useSoftphone()` and `useAudioDevices()`, and keeps it
 * registered while mounted. Renders on the server as an unregistered softphone.
 */
export const SoftphoneProvider = ({ driver, register = true, children }: SoftphoneProviderProps) => {
  const store = useMemo(() => createSoftphoneStore(driver), [driver])
  const value = useMemo(() => ({ driver, store }), [driver, store])

  useEffect(() => {
    if (!register) return
    // Failures reach the hooks through the driver's error event; the promise has nothing more to say.
    driver.register().catch(() => {})
    return () => {
      if (driver.deviceState !== 'destroyed') driver.unregister().catch(() => {})
    }
  }, [driver, register])

  return <SoftphoneContext.Provider value={value}>{children}</SoftphoneContext.Provider>
}
