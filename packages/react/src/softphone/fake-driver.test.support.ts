// A SoftphoneDriver the test moves by hand: every hook is tested against it.
import { Softphone } from '@ringlane/core'

type Listeners = { [E in Softphone.SoftphoneEventName]?: Set<Softphone.SoftphoneListener<E>> }

export const softphoneError = (
  code: Softphone.SoftphoneErrorCode,
  message: string,
): Softphone.SoftphoneError =>
  Object.assign(new Error(message), { name: 'SoftphoneError' as const, code, hint: `hint for ${code}` })

export class FakeDriver implements Softphone.SoftphoneDriver {
  deviceState: Softphone.DeviceState = 'unregistered'
  call: Softphone.SoftphoneCall | null = null
  audioDevices: Softphone.AudioDevices = Softphone.noAudioDevices
  readonly log: string[] = []
  dialFailure: unknown = null
  selectFailure: Softphone.SoftphoneError | null = null
  private listeners: Listeners = {}

  on<E extends Softphone.SoftphoneEventName>(event: E, listener: Softphone.SoftphoneListener<E>): () => void {
    const set: Set<Softphone.SoftphoneListener<E>> = this.listeners[event] ?? new Set()
    ;(this.listeners as Record<E, Set<Softphone.SoftphoneListener<E>>>)[event] = set
    set.add(listener)
    return () => set.delete(listener)
  }

  emit<E extends Softphone.SoftphoneEventName>(event: E, payload: Softphone.SoftphoneEventMap[E]): void {
    const set = this.listeners[event] as Set<Softphone.SoftphoneListener<E>> | undefined
    for (const listener of [...(set ?? [])]) listener(payload)
  }

  listenerCount(): number {
    return Object.values(this.listeners).reduce((sum, set) => sum + (set?.size ?? 0), 0)
  }

  setDeviceState(state: Softphone.DeviceState): void {
    this.deviceState = state
    this.emit(state, undefined)
  }

  setCall(change: Partial<Softphone.SoftphoneCall>): Softphone.SoftphoneCall {
    const call: Softphone.SoftphoneCall = {
      to: '+447700900123',
      params: {},
      callId: null,
      state: 'connecting',
      muted: false,
      dialedAt: 0,
      answeredAt: null,
      endedAt: null,
      endReason: null,
      ...this.call,
      ...change,
    }
    this.call = call
    this.emit(change.muted === undefined ? call.state : 'mute', call)
    return call
  }

  fail(error: Softphone.SoftphoneError): Softphone.SoftphoneError {
    this.emit('error', error)
    return error
  }

  async register(): Promise<void> {
    this.log.push('register')
  }
  async unregister(): Promise<void> {
    this.log.push('unregister')
  }
  destroy(): void {
    this.log.push('destroy')
    this.setDeviceState('destroyed')
  }
  async dial(params: Softphone.DialParams): Promise<Softphone.SoftphoneCall> {
    this.log.push(`dial ${params.to}`)
    if (this.dialFailure) {
      if (this.dialFailure instanceof Error && this.dialFailure.name === 'SoftphoneError') {
        throw this.fail(this.dialFailure as Softphone.SoftphoneError)
      }
      throw this.dialFailure
    }
    this.call = null
    return this.setCall({ to: params.to, params: { ...params.params }, state: 'connecting' })
  }
  hangUp(): void {
    this.log.push('hangUp')
  }
  setMuted(muted: boolean): void {
    this.log.push(muted ? 'mute' : 'unmute')
  }
  sendDigits(digits: string): void {
    this.log.push(`digits ${digits}`)
  }
  async selectInput(deviceId: string): Promise<void> {
    this.log.push(`input ${deviceId}`)
    if (this.selectFailure) throw this.fail(this.selectFailure)
    this.audioDevices = { ...this.audioDevices, inputId: deviceId }
    this.emit('audioDevices', this.audioDevices)
  }
  async selectOutput(deviceId: string): Promise<void> {
    this.log.push(`output ${deviceId}`)
    if (this.selectFailure) throw this.fail(this.selectFailure)
    this.audioDevices = { ...this.audioDevices, outputId: deviceId }
    this.emit('audioDevices', this.audioDevices)
  }
}
