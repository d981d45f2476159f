import type { Softphone } from '@ringlane/core'

/**
 * Hints worded for an agent on Twilio. Kept here rather than imported from `@ringlane/core` at runtime:
 * core's entry also carries Effect, which must stay out of the browser bundle.
 */
export const twilioHints: Readonly<Record<Softphone.SoftphoneErrorCode, string>> = {
  'not-registered': 'The softphone is not connected yet. Wait until it shows as ready, then dial again.',
  'invalid-number': 'Dial numbers in international form, e.g. +447700900123.',
  'call-in-progress': 'Finish or hang up the current call before dialing the next one.',
  'no-active-call': 'There is no call in progress; start a call first.',
  'invalid-digits': 'Keypad tones can only be 0-9, * and # (w waits half a second).',
  'token-unavailable':
    'The softphone could not get a Twilio access token from the server. Check that you are still signed in and the server is reachable, then reload.',
  'token-invalid':
    "Twilio rejected the access token. Check the server's TWILIO_ACCOUNT_SID, API key SID and secret, and the TwiML App SID.",
  'token-expired':
    'The Twilio access token expired and could not be renewed. Check that you are still signed in and the server clock is right, then reload.',
  'microphone-denied':
    "The browser is blocking the microphone. Allow microphone access in the browser's site settings, then dial again.",
  'microphone-unavailable':
    'No working microphone was found. Plug in or select a headset, check no other app is holding it, then dial again.',
  'audio-device': 'The audio device could not be selected. Pick another device or reconnect your headset.',
  network:
    'The connection to Twilio was lost. Check your network; the softphone reconnects by itself when it is back.',
  media:
    "Audio could not flow between you and the call. Check that your network, VPN or firewall allows Twilio's voice traffic (UDP 10000-60000).",
  'call-failed': 'Twilio could not connect the call. Check the number and try again later.',
  'sdk-unavailable':
    'The Twilio softphone could not start in this browser. Use a current Chrome, Edge, Firefox or Safari over HTTPS, and check @twilio/voice-sdk is installed.',
  destroyed: 'This softphone was shut down. Reload the page to start a new one.',
  unknown:
    'Something unexpected went wrong in the softphone. Reload the page; if it keeps happening, report it.',
}

export interface ErrorDetails {
  readonly hint?: string
  readonly providerCode?: number
  readonly cause?: unknown
}

/** Builds the `SoftphoneError` shape core's `Softphone.isSoftphoneError` recognizes. */
export const softphoneError = (
  code: Softphone.SoftphoneErrorCode,
  message: string,
  details: ErrorDetails = {},
): Softphone.SoftphoneError =>
  Object.assign(new Error(message, details.cause === undefined ? undefined : { cause: details.cause }), {
    name: 'SoftphoneError' as const,
    code,
    hint: details.hint ?? twilioHints[code],
    ...(details.providerCode === undefined ? {} : { providerCode: details.providerCode }),
  })
