/**
 * @ringlane/twilio/browser: the agent's softphone on Twilio's Voice SDK, as a `SoftphoneDriver` for
 * `@ringlane/react`. Safe to import during a server render: `@twilio/voice-sdk` loads on `register()`.
 */
export type { NetworkEvents, RetryOptions } from '@ringlane/core/softphone'
export { createTwilioSoftphone, type TwilioSoftphoneOptions } from './twilio-softphone.js'
export type {
  MediaDeviceInfoLike,
  TwilioAudioLike,
  TwilioCallLike,
  TwilioCodec,
  TwilioDeviceConstructor,
  TwilioDeviceLike,
  TwilioDeviceOptions,
  TwilioErrorLike,
} from './voice-sdk.js'
