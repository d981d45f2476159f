import type { Softphone } from '@ringlane/core'

/** What the hooks render from: the driver's state plus the last error it reported. */
export interface SoftphoneSnapshot {
  readonly deviceState: Softphone.DeviceState
  readonly call: Softphone.SoftphoneCall | null
  readonly audioDevices: Softphone.AudioDevices
  readonly error: Softphone.SoftphoneError | null
}

// Every event that can change what the snapshot reads.
const watched: ReadonlyArray<Exclude<Softphone.SoftphoneEventName, 'error'>> = [
  'unregistered',
  'registering',
  'registered',
  'destroyed',
  'connecting',
  'ringing',
  'open',
  'reconnecting',
  'closed',
  'mute',
  'audioDevices',
]

/**
 * A `useSyncExternalStore` source over a driver. The snapshot reads the driver's getters, so a change
 * made before React subscribed is never missed; it is a new object only when something in it changed.
 */
export const createSoftphoneStore = (driver: Softphone.SoftphoneDriver) => {
  let error: Softphone.SoftphoneError | null = null
  let snapshot: SoftphoneSnapshot = {
    deviceState: driver.deviceState,
    call: driver.call,
    audioDevices: driver.audioDevices,
    error,
  }
  const listeners = new Set<() => void>()
  const notify = () => {
    for (const listener of [...listeners]) listener()
  }

  const getSnapshot = (): SoftphoneSnapshot => {
    const { deviceState, call, audioDevices } = driver
    if (
      snapshot.deviceState !== deviceState ||
      snapshot.call !== call ||
      snapshot.audioDevices !== audioDevices ||
      snapshot.error !== error
    ) {
      snapshot = { deviceState, call, audioDevices, error }
    }
    return snapshot
  }

  const setError = (next: Softphone.SoftphoneError | null) => {
    if (next === error) return
    error = next
    notify()
  }

  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener)
    if (listeners.size > 1) return () => unsubscribe(listener)
    const stops = [
      ...watched.map((event) => driver.on(event, notify)),
      driver.on('error', setError),
      // A fresh registration or a new call makes the previous error old news.
      driver.on('registered', () => setError(null)),
      driver.on('connecting', () => setError(null)),
    ]
    stopDriver = () => {
      for (const stop of stops) stop()
    }
    return () => unsubscribe(listener)
  }

  let stopDriver: (() => void) | null = null
  const unsubscribe = (listener: () => void) => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      stopDriver?.()
      stopDriver = null
    }
  }

  return {
    subscribe,
    getSnapshot,
    /** The snapshot a server render (and hydration) uses: the driver as it was created. */
    getServerSnapshot: getSnapshot,
    dismissError: () => setError(null),
    reportError: setError,
  }
}

export type SoftphoneStore = ReturnType<typeof createSoftphoneStore>
