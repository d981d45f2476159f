/**
 * The slice of `@twilio/voice-sdk` the driver uses, typed here so the SDK stays an optional peer: a
 * type test checks the real `Device` still satisfies it. The SDK is imported only when the agent
 * registers, so a server render never evaluates it (it reads `window` as it loads).
 */

/** Twilio's `TwilioError`, or whatever else the SDK throws. */
export interface TwilioErrorLike {
  readonly message: string
  readonly name?: string
  readonly code?: number
  readonly description?: string
  readonly explanation?: string
}

export type TwilioCodec = 'opus' | 'pcmu'

export interface TwilioCallLike {
  readonly parameters: Record<string, string>
  on(event: 'accept' | 'reconnected' | 'disconnect' | 'cancel', listener: () => void): unknown
  on(event: 'ringing', listener: (hasEarlyMedia: boolean) => void): unknown
  on(event: 'reconnecting' | 'error', listener: (error: TwilioErrorLike) => void): unknown
  on(event: 'mute', listener: (isMuted: boolean) => void): unknown
  mute(shouldMute?: boolean): void
  isMuted(): boolean
  sendDigits(digits: string): void
  disconnect(): void
  status(): string
}

export interface MediaDeviceInfoLike {
  readonly deviceId: string
  readonly label: string
}

export interface TwilioAudioLike {
  readonly availableInputDevices: Map<string, MediaDeviceInfoLike>
  readonly availableOutputDevices: Map<string, MediaDeviceInfoLike>
  readonly inputDevice: MediaDeviceInfoLike | null
  readonly isOutputSelectionSupported: boolean
  readonly speakerDevices: {
    get(): Set<MediaDeviceInfoLike>
    set(deviceIdOrIds: string | string[]): Promise<void>
  }
  setInputDevice(deviceId: string): Promise<void>
  on(event: 'deviceChange', listener: () => void): unknown
}

export interface TwilioDeviceOptions {
  codecPreferences?: TwilioCodec[]
  edge?: string | string[]
  maxCallSignalingTimeoutMs?: number
  tokenRefreshMs?: number
  closeProtection?: boolean | string
  appName?: string
  appVersion?: string
}

export interface TwilioDeviceLike {
  readonly state: string
  readonly audio: TwilioAudioLike | null
  on(event: 'registered' | 'registering' | 'unregistered' | 'destroyed', listener: () => void): unknown
  on(event: 'error', listener: (error: TwilioErrorLike, call?: TwilioCallLike) => void): unknown
  on(event: 'tokenWillExpire', listener: () => void): unknown
  register(): Promise<void>
  unregister(): Promise<void>
  updateToken(token: string): void
  connect(options: { params: Record<string, string> }): Promise<TwilioCallLike>
  destroy(): void
}

export type TwilioDeviceConstructor = new (token: string, options?: TwilioDeviceOptions) => TwilioDeviceLike

/**
 * Loads the SDK's `Device` on first use. The subclass only turns codec names into the SDK's `Codec`
 * enum members (the same strings, typed nominally).
 */
export const loadTwilioDevice = async (): Promise<TwilioDeviceConstructor> => {
  const { Call, Device } = await import('@twilio/voice-sdk')
  const codecs = { opus: Call.Codec.Opus, pcmu: Call.Codec.PCMU } as const
  return class RinglaneTwilioDevice extends Device {
    constructor(token: string, { codecPreferences, ...options }: TwilioDeviceOptions = {}) {
      super(
        token,
        codecPreferences ? { ...options, codecPreferences: codecPreferences.map((c) => codecs[c]) } : options,
      )
    }
  }
}
