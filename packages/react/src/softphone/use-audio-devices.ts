import type { Softphone } from '@ringlane/core'
import { useMemo, useSyncExternalStore } from 'react'
import { useSoftphoneContext } from './softphone-context.js'

export interface AudioDeviceControls extends Softphone.AudioDevices {
  /** Resolves false when the switch failed; the reason is in `useSoftphone().error`. */
  selectInput(deviceId: string): Promise<boolean>
  selectOutput(deviceId: string): Promise<boolean>
}

/**
 * The agent's microphones and speakers, and switching between them where the driver and browser allow
 * (`canSelectInput`, `canSelectOutput`). Labels appear once the page has had microphone access.
 */
export const useAudioDevices = (): AudioDeviceControls => {
  const { driver, store } = useSoftphoneContext('useAudioDevices')
  const { audioDevices } = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot)
  const actions = useMemo(
    () => ({
      selectInput: (deviceId: string) =>
        driver.selectInput(deviceId).then(
          () => true,
          () => false,
        ),
      selectOutput: (deviceId: string) =>
        driver.selectOutput(deviceId).then(
          () => true,
          () => false,
        ),
    }),
    [driver],
  )
  return { ...audioDevices, ...actions }
}
