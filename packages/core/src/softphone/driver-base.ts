import type {
  AudioDevices,
  DialParams,
  SoftphoneCall,
  SoftphoneDriver,
  SoftphoneEventName,
  SoftphoneListener,
} from './driver.js'
import type { SoftphoneError, SoftphoneErrorCode } from './errors.js'
import { SoftphoneEvents } from './events.js'
import { isE164 } from './phone-number.js'
import { type NetworkEvents, type RetryOptions, retryDelay } from './reconnect.js'
import type { DeviceState } from './states.js'

/** A driver with no microphone or speaker to offer (yet). */
export const noAudioDevices: AudioDevices = {
  inputs: [],
  outputs: [],
  inputId: null,
  outputId: null,
  canSelectInput: false,
  canSelectOutput: false,
}

const ignore = () => {}

/**
 * What every browser softphone driver does the same way, whatever line it drives: the device state
 * and the call with their events, the checks before a dial, and registration that retries with
 * backoff and again as soon as the network is back. A driver words its own errors (`error`) and
 * makes one registration attempt (`attemptRegistration`); the rest of the contract is its own.
 */
export abstract class SoftphoneDriverBase implements SoftphoneDriver {
  protected readonly events: SoftphoneEvents
  protected state: DeviceState = 'unregistered'
  protected current: SoftphoneCall | null = null

  /** The agent asked to be registered: keep trying after failures and network loss. */
  protected wantRegistered = false
  protected registering: Promise<void> | null = null
  protected attempts = 0
  protected retryTimer: ReturnType<typeof setTimeout> | undefined
  private stopWatchingNetwork: (() => void) | null = null

  /** `source` names the driver in the log line when one of its listeners throws. */
  constructor(
    source: string,
    private readonly network: NetworkEvents,
    private readonly retry: RetryOptions | undefined,
  ) {
    this.events = new SoftphoneEvents(source)
  }

  get deviceState(): DeviceState {
    return this.state
  }

  get call(): SoftphoneCall | null {
    return this.current
  }

  abstract get audioDevices(): AudioDevices

  on<E extends SoftphoneEventName>(event: E, listener: SoftphoneListener<E>): () => void {
    return this.events.on(event, listener)
  }

  abstract register(): Promise<void>
  abstract unregister(): Promise<void>
  abstract destroy(): void
  abstract dial(params: DialParams): Promise<SoftphoneCall>
  abstract hangUp(): void
  abstract setMuted(muted: boolean): void
  abstract sendDigits(digits: string): void
  abstract selectInput(deviceId: string): Promise<void>
  abstract selectOutput(deviceId: string): Promise<void>

  /** The driver's `SoftphoneError` for `code`, with its own wording of the hint. */
  protected abstract error(code: SoftphoneErrorCode, message: string): SoftphoneError

  /** One attempt to register; `registerNow` makes sure only one runs at a time. */
  protected abstract attemptRegistration(): Promise<void>

  // --- registration -------------------------------------------------------------------------------

  /**
   * The start of `register()`: refuses after `destroy()`, keeps the agent's wish to be registered and
   * watches for the network coming back. False when the device is registered already.
   */
  protected wantRegistration(): boolean {
    if (this.state === 'destroyed') throw this.fail(this.error('destroyed', 'register() after destroy().'))
    this.wantRegistered = true
    this.stopWatchingNetwork ??= this.network.onOnline(() => this.backOnline())
    return this.state !== 'registered'
  }

  /** The agent no longer wants to be registered: no more retries, no more watching the network. */
  protected giveUpRegistration(): void {
    this.wantRegistered = false
    clearTimeout(this.retryTimer)
    this.stopWatchingNetwork?.()
    this.stopWatchingNetwork = null
  }

  protected registerNow(): Promise<void> {
    if (this.registering) return this.registering
    const attempt: Promise<void> = this.attemptRegistration().finally(() => {
      if (this.registering === attempt) this.registering = null
    })
    this.registering = attempt
    return attempt
  }

  protected scheduleRetry(): void {
    if (!this.wantRegistered || this.state === 'destroyed') return
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(
      () => {
        if (this.state !== 'registered') this.registerNow().catch(ignore)
      },
      retryDelay(this.attempts++, this.retry),
    )
  }

  private backOnline(): void {
    if (!this.wantRegistered || this.state === 'registered' || this.state === 'destroyed') return
    this.attempts = 0
    clearTimeout(this.retryTimer)
    this.registerNow().catch(ignore)
  }

  // --- calls --------------------------------------------------------------------------------------

  /** Why `dial(params)` cannot go ahead now, or null; `connected` is false while the line is not up. */
  protected refusalToDial({ to }: DialParams, connected = true): SoftphoneError | null {
    if (this.state === 'destroyed') return this.error('destroyed', 'dial() after destroy().')
    if (this.state !== 'registered' || !connected) {
      return this.error('not-registered', `Cannot dial while the softphone is ${this.state}.`)
    }
    if (!isE164(to)) return this.error('invalid-number', `"${to}" is not a phone number in E.164 form.`)
    if (this.current && this.current.state !== 'closed') {
      return this.error('call-in-progress', `A call to ${this.current.to} is still ${this.current.state}.`)
    }
    return null
  }

  /** The dialed call, connecting: it becomes the current call and its `connecting` event is emitted. */
  protected startCall(params: DialParams): SoftphoneCall {
    const dialed: SoftphoneCall = {
      to: params.to,
      params: { ...params.params },
      callId: null,
      state: 'connecting',
      muted: false,
      dialedAt: Date.now(),
      answeredAt: null,
      endedAt: null,
      endReason: null,
    }
    this.current = dialed
    this.events.emit('connecting', dialed)
    return dialed
  }

  protected updateCall(change: Partial<SoftphoneCall>): void {
    const previous = this.current
    if (!previous || previous.state === 'closed') return
    const next = { ...previous, ...change }
    this.current = next
    if (next.state !== previous.state) this.events.emit(next.state, next)
    if (next.muted !== previous.muted) this.events.emit('mute', next)
  }

  // --- state and errors ---------------------------------------------------------------------------

  protected setDeviceState(state: DeviceState): void {
    if (state === this.state) return
    this.state = state
    this.events.emit(state, undefined)
  }

  /** Emits the error for the app to show, and returns it so callers can also reject with it. */
  protected fail(error: SoftphoneError): SoftphoneError {
    this.events.emit('error', error)
    return error
  }
}
