import type { Softphone } from '@ringlane/core'
import { useMemo, useSyncExternalStore } from 'react'
import { useSoftphoneContext } from './softphone-context.js'

export type DialResult =
  | { readonly ok: true; readonly call: Softphone.SoftphoneCall }
  | { readonly ok: false; readonly error: Softphone.SoftphoneError }

export interface SoftphoneControls {
  readonly deviceState: Softphone.DeviceState
  /** The current call, or the last one once it closed (for the outcome form), until the next dial. */
  readonly call: Softphone.SoftphoneCall | null
  /** The last thing that went wrong, with `code` to branch on and `hint` to show. */
  readonly error: Softphone.SoftphoneError | null
  /** Registered and not on a call: the dial button can be enabled. */
  readonly ready: boolean
  /** Never throws: a refused or failed dial resolves with the error (which is also in `error`). */
  dial(params: Softphone.DialParams): Promise<DialResult>
  hangUp(): void
  mute(): void
  unmute(): void
  sendDigits(digits: string): void
  dismissError(): void
}

// Only for a third-party driver that breaks the contract and rejects with something else.
const unexpected = (cause: unknown): Softphone.SoftphoneError =>
  Object.assign(new Error(cause instanceof Error ? cause.message : String(cause), { cause }), {
    name: 'SoftphoneError' as const,
    code: 'unknown' as const,
    hint: 'Something unexpected went wrong in the softphone. Reload the page; if it keeps happening, report it.',
  })

const isSoftphoneError = (value: unknown): value is Softphone.SoftphoneError =>
  value instanceof Error && value.name === 'SoftphoneError' && 'code' in value && 'hint' in value

/** The agent's softphone: its state, the call, and one-line actions. */
export const useSoftphone = (): SoftphoneControls => {
  const { driver, store } = useSoftphoneContext('useSoftphone')
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot)
  const actions = useMemo(
    () => ({
      dial: async (params: Softphone.DialParams): Promise<DialResult> => {
        try {
          return { ok: true, call: await driver.dial(params) }
        } catch (cause) {
          if (isSoftphoneError(cause)) return { ok: false, error: cause }
          const error = unexpected(cause)
          store.reportError(error)
          return { ok: false, error }
        }
      },
      hangUp: () => driver.hangUp(),
      mute: () => driver.setMuted(true),
      unmute: () => driver.setMuted(false),
      sendDigits: (digits: string) => driver.sendDigits(digits),
      dismissError: store.dismissError,
    }),
    [driver, store],
  )
  const { deviceState, call, error } = snapshot
  const ready = deviceState === 'registered' && (call === null || call.state === 'closed')
  return { deviceState, call, error, ready, ...actions }
}
