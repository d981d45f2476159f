import type { Softphone } from '@ringlane/core'
import type { MediaDeviceInfoLike, TwilioAudioLike } from './voice-sdk.js'

// Browsers hide device labels until the page has had microphone access; number them meanwhile.
const listed = (devices: Map<string, MediaDeviceInfoLike>, kind: string): Softphone.AudioDevice[] =>
  [...devices.values()].map((device, index) => ({
    id: device.deviceId,
    label: device.label || `${kind} ${index + 1}`,
  }))

/** The headset as Twilio's AudioHelper sees it. Output selection depends on the browser (setSinkId). */
export const readAudioDevices = (audio: TwilioAudioLike): Softphone.AudioDevices => {
  const [speaker] = audio.speakerDevices.get()
  return {
    inputs: listed(audio.availableInputDevices, 'Microphone'),
    outputs: listed(audio.availableOutputDevices, 'Speaker'),
    inputId: audio.inputDevice?.deviceId ?? null,
    outputId: speaker?.deviceId ?? null,
    canSelectInput: true,
    canSelectOutput: audio.isOutputSelectionSupported,
  }
}
