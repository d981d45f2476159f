import {
  errorHints,
  softphoneError as neutralError,
  type SoftphoneError,
  type SoftphoneErrorCode,
  type SoftphoneErrorOptions,
} from '@ringlane/core/softphone'

/** Core's hints, with those Twilio's settings and network needs make sharper worded for Twilio. */
export const twilioHints: Readonly<Record<SoftphoneErrorCode, string>> = {
  ...errorHints,
  'token-unavailable':
    'The softphone could not get a Twilio access token from the server. Check that you are still signed in and the server is reachable, then reload.',
  'token-invalid':
    "Twilio rejected the access token. Check the server's TWILIO_ACCOUNT_SID, API key SID and secret, and the TwiML App SID.",
  'token-expired':
    'The Twilio access token expired and could not be renewed. Check that you are still signed in and the server clock is right, then reload.',
  network:
    'The connection to Twilio was lost. Check your network; the softphone reconnects by itself when it is back.',
  media:
    "Audio could not flow between you and the call. Check that your network, VPN or firewall allows Twilio's voice traffic (UDP 10000-60000).",
  'call-failed': 'Twilio could not connect the call. Check the number and try again later.',
  'sdk-unavailable':
    'The Twilio softphone could not start in this browser. Use a current Chrome, Edge, Firefox or Safari over HTTPS, and check @twilio/voice-sdk is installed.',
}

/** Builds the softphone's `SoftphoneError` with the Twilio hint for its code unless a better one is given. */
export const softphoneError = (
  code: SoftphoneErrorCode,
  message: string,
  options: SoftphoneErrorOptions = {},
): SoftphoneError => neutralError(code, message, { ...options, hint: options.hint ?? twilioHints[code] })
