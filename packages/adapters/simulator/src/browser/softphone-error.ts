import {
  errorHints,
  isSoftphoneError,
  softphoneError as neutralError,
  type SoftphoneError,
  type SoftphoneErrorCode,
} from '@ringlane/core/softphone'

/** Core's hints, with those that mean something else for a simulated call worded for the simulator. */
export const simulatorHints: Readonly<Record<SoftphoneErrorCode, string>> = {
  ...errorHints,
  'not-registered':
    'The simulated softphone is not connected yet. Wait until it shows as ready, then dial again.',
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
  unknown: 'Something unexpected went wrong in the simulated softphone. Reload the page.',
}

const codes: ReadonlySet<string> = new Set(Object.keys(simulatorHints))
const isCode = (value: unknown): value is SoftphoneErrorCode => typeof value === 'string' && codes.has(value)

/** Builds the softphone's `SoftphoneError` with the simulator's hint for its code. */
export const softphoneError = (code: SoftphoneErrorCode, message: string, cause?: unknown): SoftphoneError =>
  neutralError(code, message, { hint: simulatorHints[code], cause })

/** A transport failure as a `SoftphoneError`: the server's own code when it sent one, else `fallback`. */
export const fromTransportError = (error: unknown, fallback: SoftphoneErrorCode): SoftphoneError => {
  if (isSoftphoneError(error)) return error
  const code = error instanceof Error && 'code' in error && isCode(error.code) ? error.code : fallback
  const message = error instanceof Error ? error.message : String(error)
  return softphoneError(code, message, error)
}
