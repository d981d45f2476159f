/**
 * The browser softphone's contract: the driver interface, its typed events, states and error codes.
 * Types, small pure helpers and the drivers' shared base, with no dependency, so browser code can use them.
 */
export type {
  AudioDevice,
  AudioDevices,
  DialParams,
  SoftphoneCall,
  SoftphoneDriver,
  SoftphoneEventMap,
  SoftphoneEventName,
  SoftphoneListener,
} from './driver.js'
export { noAudioDevices, SoftphoneDriverBase } from './driver-base.js'
export {
  errorCodes,
  errorHints,
  isSoftphoneError,
  type SoftphoneError,
  type SoftphoneErrorCode,
  type SoftphoneErrorOptions,
  softphoneError,
} from './errors.js'
export { SoftphoneEvents } from './events.js'
export { isDtmf, isE164 } from './phone-number.js'
export { browserNetwork, type NetworkEvents, type RetryOptions, retryDelay } from './reconnect.js'
export {
  type CallEndReason,
  type CallState,
  callEndReasons,
  callStates,
  type DeviceState,
  deviceStates,
  isCallActive,
} from './states.js'
