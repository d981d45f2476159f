import type { Softphone } from '@ringlane/core'
import { softphoneError } from './softphone-error.js'
import type { TwilioErrorLike } from './voice-sdk.js'

type Mapping = readonly [Softphone.SoftphoneErrorCode, string?]

/**
 * Twilio Voice SDK error codes (https://www.twilio.com/docs/api/errors) onto the softphone's codes,
 * with a sharper hint where Twilio's code says more than ours.
 */
const byTwilioCode: ReadonlyMap<number, Mapping> = new Map<number, Mapping>([
  [20101, ['token-invalid']],
  [20102, ['token-invalid']],
  [20103, ['token-invalid']],
  [20105, ['token-invalid', 'The access token is not valid yet: check the server clock is right.']],
  [20106, ['token-invalid']],
  [20151, ['token-invalid']],
  [31102, ['token-invalid']],
  [31201, ['token-invalid']],
  [31202, ['token-invalid', 'The access token signature is wrong: check the API key secret on the server.']],
  [31203, ['token-invalid', 'The Twilio account in the token is suspended or closed.']],
  [31204, ['token-invalid']],
  [
    31207,
    [
      'token-invalid',
      'The access token lives longer than Twilio allows (24 hours): lower its TTL on the server.',
    ],
  ],
  [20104, ['token-expired']],
  [31205, ['token-expired']],
  [31208, ['microphone-denied']],
  [31401, ['microphone-denied']],
  [31402, ['microphone-unavailable']],
  [31003, ['network']],
  [31005, ['network']],
  [31009, ['network']],
  [31209, ['network']],
  [53000, ['network']],
  [53001, ['network']],
  [53400, ['media']],
  [53402, ['media']],
  [53405, ['media']],
  [
    31001,
    [
      'call-failed',
      'Twilio has no TwiML App with the SID in the access token: check TWILIO_TWIML_APP_SID on the server.',
    ],
  ],
  [31000, ['call-failed']],
  [31002, ['call-failed', 'The call was declined.']],
  [31008, ['call-failed', 'The call was cancelled before it connected.']],
  [31100, ['call-failed']],
  [31101, ['call-failed']],
  [31103, ['call-failed', 'A call parameter is too long; send shorter values in the dial params.']],
  [31206, ['call-failed', 'Too many calls were started too quickly; wait a moment and dial again.']],
  [31400, ['call-failed']],
  [31404, ['call-failed', 'Twilio could not find that number or route: check the number.']],
  [31480, ['call-failed', 'The person is temporarily unavailable; try again later.']],
  [31486, ['call-failed', 'The line is busy; try again later.']],
  [31603, ['call-failed', 'The person declined the call.']],
])

/** Browser media errors from getUserMedia, thrown before Twilio wraps them. */
const byDomName: Readonly<Record<string, Softphone.SoftphoneErrorCode>> = {
  NotAllowedError: 'microphone-denied',
  PermissionDeniedError: 'microphone-denied',
  SecurityError: 'microphone-denied',
  NotFoundError: 'microphone-unavailable',
  NotReadableError: 'microphone-unavailable',
  OverconstrainedError: 'microphone-unavailable',
  AbortError: 'microphone-unavailable',
}

const isErrorLike = (value: unknown): value is TwilioErrorLike =>
  typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string'

/** Any failure from the SDK (or the browser under it) as a `SoftphoneError` with a code and a hint. */
export const fromTwilioError = (
  error: unknown,
  fallback: Softphone.SoftphoneErrorCode = 'unknown',
): Softphone.SoftphoneError => {
  if (!isErrorLike(error))
    return softphoneError(fallback, `Twilio softphone failed: ${String(error)}`, { cause: error })
  const mapped = error.code === undefined ? undefined : byTwilioCode.get(error.code)
  const code = mapped?.[0] ?? (error.name ? byDomName[error.name] : undefined) ?? fallback
  const what = error.description || error.message
  const why = error.explanation && error.explanation !== what ? ` ${error.explanation}` : ''
  const message = error.code === undefined ? `${what}${why}` : `Twilio ${error.code}: ${what}.${why}`
  return softphoneError(code, message.replace(/\.\.+/g, '.'), {
    cause: error,
    ...(mapped?.[1] === undefined ? {} : { hint: mapped[1] }),
    ...(error.code === undefined ? {} : { providerCode: error.code }),
  })
}

/** How a failed call ended, from the Twilio error that ended it. */
export const endReasonOf = (error: TwilioErrorLike): Softphone.CallEndReason => {
  switch (error.code) {
    case 31486:
      return 'busy'
    case 31480:
      return 'no-answer'
    case 31008:
      return 'canceled'
    default:
      return 'failed'
  }
}
