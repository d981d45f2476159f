import type { Softphone } from '@ringlane/core'

/**
 * Hints worded for the simulator. Kept here rather than imported from `@ringlane/core` at runtime:
 * core's entry also carries Effect, which must stay out of the browser bundle.
 */
export const simulatorHints: Readonly<Record<Softphone.SoftphoneErrorCode, string>> = {
  'not-registered':
    'The simulated softphone is not connected yet. Wait until it shows as ready, then dial again.',
  'invalid-number': 'Dial numbers in international form, e.g. +447700900123.',
  'call-in-progress': 'Finish or hang up the current call before dialing the next one.',
  'no-active-call': 'There is no call in progress; start a call first.',
  'invalid-digits': 'Keypad tones can only be 0-9, * and # (w waits half a second).',
  'token-unavailable': 'The simulator did not accept your session. Sign in again, then reload.',
  'token-invalid': 'The simulator did not accept your session. Sign in again, then reload.',
  'token-expired': 'Your session expired. Sign in again, then reload.',
  'microphone-denied':
    'The simulator uses no microphone; this error came from the server and should not happen.',
  'microphone-unavailable':
    'The simulator uses no microphone; this error came from the server and should not happen.',
  'audio-device': 'Simulated calls have no audio devices to choose.',
  network:
    "The connection to the dialler's simulator was lost. Check the app is running; the softphone reconnects by itself.",
  media: 'The simulated call lost its line. Dial again.',
  'call-failed':
    'The simulator could not place the call. Check the number and that the simulator is running.',
  'sdk-unavailable':
    'This browser cannot hold a live connection (EventSource and fetch are needed). Use a current browser.',
  destroyed: 'This softphone was shut down. Reload the page to start a new one.',
  unknown: 'Something unexpected went wrong in the simulated softphone. Reload the page.',
}

const codes: ReadonlySet<string> = new Set(Object.keys(simulatorHints))
const isCode = (value: unknown): value is Softphone.SoftphoneErrorCode =>
  typeof value === 'string' && codes.has(value)

/** Builds the `SoftphoneError` shape core's `Softphone.isSoftphoneError` recognizes. */
export const softphoneError = (
  code: Softphone.SoftphoneErrorCode,
  message: string,
  cause?: unknown,
): Softphone.SoftphoneError =>
  Object.assign(new Error(message, cause === undefined ? undefined : { cause }), {
    name: 'SoftphoneError' as const,
    code,
    hint: simulatorHints[code],
  })

/** A transport failure as a `SoftphoneError`: the server's own code when it sent one, else `fallback`. */
export const fromTransportError = (
  error: unknown,
  fallback: Softphone.SoftphoneErrorCode,
): Softphone.SoftphoneError => {
  const code = error instanceof Error && 'code' in error && isCode(error.code) ? error.code : fallback
  if (error instanceof Error && error.name === 'SoftphoneError' && 'hint' in error) {
    return error as Softphone.SoftphoneError
  }
  const message = error instanceof Error ? error.message : String(error)
  return softphoneError(code, message, error)
}
