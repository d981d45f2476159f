/**
 * What went wrong in the softphone, as a code the app can branch on and a hint a person can act on.
 * Drivers map their provider's errors onto these codes; nothing reaches the agent as a bare exception.
 */
export const errorCodes = [
  'not-registered',
  'invalid-number',
  'call-in-progress',
  'no-active-call',
  'invalid-digits',
  'token-unavailable',
  'token-invalid',
  'token-expired',
  'microphone-denied',
  'microphone-unavailable',
  'audio-device',
  'network',
  'media',
  'call-failed',
  'sdk-unavailable',
  'destroyed',
  'unknown',
] as const
export type SoftphoneErrorCode = (typeof errorCodes)[number]

/**
 * Provider-neutral hints. Drivers may word a hint for their provider (naming its settings), but every
 * code has one here, for drivers and apps that have nothing better to say.
 */
export const errorHints: Readonly<Record<SoftphoneErrorCode, string>> = {
  'not-registered': 'The softphone is not connected yet. Wait until it shows as ready, then dial again.',
  'invalid-number': 'Dial numbers in international form, e.g. +447700900123.',
  'call-in-progress': 'Finish or hang up the current call before dialing the next one.',
  'no-active-call': 'There is no call in progress; start a call first.',
  'invalid-digits': 'Keypad tones can only be 0-9, * and # (w waits half a second).',
  'token-unavailable':
    'The softphone could not get an access token from the server. Check that you are still signed in and the server is reachable, then reload.',
  'token-invalid':
    'The provider rejected the access token. Check the server-side provider credentials and application settings.',
  'token-expired':
    'The access token expired and could not be renewed. Check that you are still signed in, then reload.',
  'microphone-denied':
    "The browser is blocking the microphone. Allow microphone access in the browser's site settings, then dial again.",
  'microphone-unavailable':
    'No working microphone was found. Plug in or select a headset, check no other app is holding it, then dial again.',
  'audio-device': 'The audio device could not be selected. Pick another device or reconnect your headset.',
  network:
    'The connection to the phone service was lost. Check your network; the softphone reconnects by itself when it is back.',
  media:
    'Audio could not flow between you and the call. Check your network or VPN and firewall settings for voice traffic.',
  'call-failed': 'The call could not be connected. Check the number and try again later.',
  'sdk-unavailable':
    'The softphone could not start in this browser. Use a current Chrome, Edge, Firefox or Safari over HTTPS.',
  destroyed: 'This softphone was shut down. Reload the page to start a new one.',
  unknown:
    'Something unexpected went wrong in the softphone. Reload the page; if it keeps happening, report it.',
}

/** An error from the softphone: an `Error` (so it has a stack) carrying a code and a human hint. */
export interface SoftphoneError extends Error {
  readonly name: 'SoftphoneError'
  readonly code: SoftphoneErrorCode
  readonly hint: string
  /** The provider's own code, e.g. Twilio's 31401, when there is one. */
  readonly providerCode?: number | string
}

export interface SoftphoneErrorOptions {
  readonly hint?: string
  readonly providerCode?: number | string
  readonly cause?: unknown
}

/** Builds a `SoftphoneError`, with the neutral hint for its code unless a better one is given. */
export const softphoneError = (
  code: SoftphoneErrorCode,
  message: string,
  options: SoftphoneErrorOptions = {},
): SoftphoneError => {
  const error = new Error(message, options.cause === undefined ? undefined : { cause: options.cause })
  return Object.assign(error, {
    name: 'SoftphoneError' as const,
    code,
    hint: options.hint ?? errorHints[code],
    ...(options.providerCode === undefined ? {} : { providerCode: options.providerCode }),
  })
}

const codes: ReadonlySet<string> = new Set(errorCodes)

/** True for errors built by `softphoneError` or shaped like one (e.g. from another copy of a driver). */
export const isSoftphoneError = (value: unknown): value is SoftphoneError =>
  value instanceof Error &&
  value.name === 'SoftphoneError' &&
  'code' in value &&
  typeof value.code === 'string' &&
  codes.has(value.code) &&
  'hint' in value &&
  typeof value.hint === 'string'
