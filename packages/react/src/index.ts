/**
 * @ringlane/react: the browser softphone and live dialler events as React hooks. Server-render safe:
 * nothing here touches a browser API until it runs in an effect.
 */
export { formatCallDuration, useCallTimer } from './hooks/use-call-timer.js'
export type { DiallerEventMessage, LiveEventsStatus } from './live-events/live-event-stream.js'
export {
  type DiallerEvents,
  type UseDiallerEventsOptions,
  useDiallerEvents,
} from './live-events/use-dialler-events.js'
export { SoftphoneProvider, type SoftphoneProviderProps } from './softphone/softphone-provider.js'
export { type AudioDeviceControls, useAudioDevices } from './softphone/use-audio-devices.js'
export { type DialResult, type SoftphoneControls, useSoftphone } from './softphone/use-softphone.js'
