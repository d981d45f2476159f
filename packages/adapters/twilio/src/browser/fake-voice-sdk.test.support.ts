// A stand-in for @twilio/voice-sdk's Device and Call, behaving as the SDK does for the events the driver
// listens to. Tests reach it through the driver's injectable `Device` option.
import type {
  MediaDeviceInfoLike,
  TwilioAudioLike,
  TwilioCallLike,
  TwilioDeviceLike,
  TwilioDeviceOptions,
  TwilioErrorLike,
} from './voice-sdk.js'

type Handler = (...args: never[]) => void

class Emitter {
  private handlers = new Map<string, Handler[]>()
  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler])
    return this
  }
  emit(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as (...a: unknown[]) => void)(...args)
  }
}

export const twilioError = (code: number, description: string, explanation = ''): TwilioErrorLike =>
  Object.assign(new Error(description), { name: 'TwilioError', code, description, explanation })

export class FakeCall extends Emitter implements TwilioCallLike {
  parameters: Record<string, string> = {}
  muted = false
  digits: string[] = []
  state = 'connecting'
  disconnects = 0
  constructor(readonly connectParams: Record<string, string>) {
    super()
  }
  mute(shouldMute = true): void {
    const changed = this.muted !== shouldMute
    this.muted = shouldMute
    if (changed) this.emit('mute', shouldMute, this)
  }
  isMuted(): boolean {
    return this.muted
  }
  sendDigits(digits: string): void {
    this.digits.push(digits)
  }
  disconnect(): void {
    this.disconnects++
    if (this.state === 'closed') return
    this.state = 'closed'
    this.emit('disconnect', this)
  }
  status(): string {
    return this.state
  }
  // What Twilio does as the far end progresses.
  ring(): void {
    this.state = 'ringing'
    this.emit('ringing', false)
  }
  answer(callSid = 'CA0123456789abcdef0123456789abcdef'): void {
    this.state = 'open'
    this.parameters = { CallSid: callSid }
    this.emit('accept', this)
  }
  fail(error: TwilioErrorLike): void {
    this.state = 'closed'
    this.emit('error', error)
  }
}

const mediaDevice = (deviceId: string, label: string): MediaDeviceInfoLike => ({ deviceId, label })

export class FakeAudio extends Emitter implements TwilioAudioLike {
  availableInputDevices = new Map([
    ['default', mediaDevice('default', 'Default')],
    ['headset', mediaDevice('headset', '')],
  ])
  availableOutputDevices = new Map([['default', mediaDevice('default', 'Speakers')]])
  inputDevice: MediaDeviceInfoLike | null = null
  isOutputSelectionSupported = true
  private speakers = new Set<MediaDeviceInfoLike>([mediaDevice('default', 'Speakers')])
  speakerDevices = {
    get: () => this.speakers,
    set: async (id: string | string[]) => {
      const [first] = [id].flat()
      const device = first === undefined ? undefined : this.availableOutputDevices.get(first)
      if (!device)
        throw Object.assign(new Error(`Device not found: ${String(first)}`), { name: 'NotFoundError' })
      this.speakers = new Set([device])
    },
  }
  async setInputDevice(deviceId: string): Promise<void> {
    const device = this.availableInputDevices.get(deviceId)
    if (!device) throw Object.assign(new Error(`Device not found: ${deviceId}`), { name: 'NotFoundError' })
    this.inputDevice = device
  }
}

/** How the next `register()` behaves. */
export type Registration = 'succeed' | 'hang' | { readonly fail: TwilioErrorLike }

export class FakeDevice extends Emitter implements TwilioDeviceLike {
  static created: FakeDevice[] = []
  static nextRegistrations: Registration[] = []
  static connectFailure: unknown = null
  static constructorFailure: unknown = null

  static reset(): void {
    FakeDevice.created = []
    FakeDevice.nextRegistrations = []
    FakeDevice.connectFailure = null
    FakeDevice.constructorFailure = null
  }

  static get last(): FakeDevice {
    const device = FakeDevice.created.at(-1)
    if (!device) throw new Error('no Device was created')
    return device
  }

  state = 'unregistered'
  tokens: string[]
  registerCalls = 0
  destroyed = false
  calls: FakeCall[] = []
  audio: FakeAudio | null = new FakeAudio()

  constructor(
    token: string,
    readonly options?: TwilioDeviceOptions,
  ) {
    super()
    if (FakeDevice.constructorFailure) throw FakeDevice.constructorFailure
    this.tokens = [token]
    FakeDevice.created.push(this)
  }

  private setState(state: string): void {
    this.state = state
    this.emit(state)
  }

  async register(): Promise<void> {
    this.registerCalls++
    if (this.state !== 'unregistered')
      throw new Error(`Attempt to register when device is in state "${this.state}"`)
    this.setState('registering')
    const next = FakeDevice.nextRegistrations.shift() ?? 'succeed'
    if (next === 'hang') return new Promise<void>(() => {})
    if (next === 'succeed') {
      this.setState('registered')
      return
    }
    this.emit('error', next.fail)
    this.setState('unregistered')
    throw next.fail
  }

  async unregister(): Promise<void> {
    this.setState('unregistered')
  }

  updateToken(token: string): void {
    this.tokens.push(token)
  }

  async connect(options: { params: Record<string, string> }): Promise<FakeCall> {
    if (FakeDevice.connectFailure) throw FakeDevice.connectFailure
    const call = new FakeCall(options.params)
    this.calls.push(call)
    return call
  }

  destroy(): void {
    this.destroyed = true
    this.setState('destroyed')
  }

  get lastCall(): FakeCall {
    const call = this.calls.at(-1)
    if (!call) throw new Error('no call was placed')
    return call
  }

  /** The signaling socket dropped, as when the agent's network goes away. */
  loseNetwork(): void {
    this.setState('unregistered')
  }
}

/** A Twilio-shaped JWT that expires at `expiresAt` (epoch ms). */
export const accessToken = (expiresAt: number, id = 'agent-42'): string => {
  const part = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  return `${part({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })}.${part({ exp: Math.floor(expiresAt / 1000), sub: id })}.signature`
}
