import type { Softphone } from '@ringlane/core'
import {
  browserNetwork,
  isDtmf,
  isE164,
  type NetworkEvents,
  type RetryOptions,
  retryDelay,
  SoftphoneEvents,
} from '@ringlane/core/softphone'
import { createHttpSimulatorTransport } from './http-transport.js'
import { fromTransportError, softphoneError } from './softphone-error.js'
import type { SimulatedCallUpdate, SimulatorConnection, SimulatorTransport } from './transport.js'

export interface SimulatorSoftphoneOptions {
  /** How to reach the simulator's server; HTTP + server-sent events on `/simulator` by default. */
  readonly transport?: SimulatorTransport
  /** A connection the server has not accepted by then is abandoned and retried. Default 15 s. */
  readonly registerTimeoutMs?: number
  /** Backoff between connection attempts after a failure. */
  readonly retry?: RetryOptions
  /** Where "back online" comes from; the browser's `online` event by default. */
  readonly network?: NetworkEvents
}

const ignore = () => {}

const noAudioDevices: Softphone.AudioDevices = {
  inputs: [],
  outputs: [],
  inputId: null,
  outputId: null,
  canSelectInput: false,
  canSelectOutput: false,
}

/**
 * A `SoftphoneDriver` for simulated calls: the same states and events as a real softphone, with no
 * microphone or speaker, driven by the simulator's server. Constructing it touches no browser API.
 *
 * ```ts
 * const softphone = createSimulatorSoftphone() // talks to /simulator on this origin
 * ```
 */
export const createSimulatorSoftphone = (
  options: SimulatorSoftphoneOptions = {},
): Softphone.SoftphoneDriver => new SimulatorSoftphone(options)

class SimulatorSoftphone implements Softphone.SoftphoneDriver {
  private readonly events = new SoftphoneEvents('@ringlane/simulator/browser')
  private readonly transport: SimulatorTransport
  private readonly network: NetworkEvents
  private readonly registerTimeoutMs: number

  private state: Softphone.DeviceState = 'unregistered'
  private current: Softphone.SoftphoneCall | null = null
  private callId: string | null = null
  /** Updates that arrived on the stream before the server's answer to "place call" did. */
  private early: SimulatedCallUpdate[] = []
  private placing = false
  private hangUpRequested = false

  private wantRegistered = false
  private connection: SimulatorConnection | null = null
  private attempt: symbol | null = null
  private abandonAttempt: (() => void) | null = null
  private registering: Promise<void> | null = null
  private attempts = 0
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private stopWatchingNetwork: (() => void) | null = null

  constructor(private readonly options: SimulatorSoftphoneOptions) {
    this.transport = options.transport ?? createHttpSimulatorTransport()
    this.network = options.network ?? browserNetwork
    this.registerTimeoutMs = options.registerTimeoutMs ?? 15_000
  }

  get deviceState(): Softphone.DeviceState {
    return this.state
  }

  get call(): Softphone.SoftphoneCall | null {
    return this.current
  }

  get audioDevices(): Softphone.AudioDevices {
    return noAudioDevices
  }

  on<E extends Softphone.SoftphoneEventName>(event: E, listener: Softphone.SoftphoneListener<E>): () => void {
    return this.events.on(event, listener)
  }

  // --- registration: an open event stream from the simulator's server ----------------------------

  async register(): Promise<void> {
    if (this.state === 'destroyed')
      throw this.fail(softphoneError('destroyed', 'register() after destroy().'))
    this.wantRegistered = true
    this.stopWatchingNetwork ??= this.network.onOnline(() => this.backOnline())
    if (this.state === 'registered') return
    return this.registerNow()
  }

  async unregister(): Promise<void> {
    this.wantRegistered = false
    this.stopConnecting()
    if (this.state !== 'destroyed') this.setDeviceState('unregistered')
  }

  destroy(): void {
    if (this.state === 'destroyed') return
    this.hangUp()
    this.wantRegistered = false
    this.stopConnecting()
    this.setDeviceState('destroyed')
    this.events.clear()
  }

  private stopConnecting(): void {
    clearTimeout(this.retryTimer)
    this.stopWatchingNetwork?.()
    this.stopWatchingNetwork = null
    this.attempt = null
    this.registering = null
    this.abandonAttempt?.()
    this.abandonAttempt = null
    this.connection?.close()
    this.connection = null
  }

  private registerNow(): Promise<void> {
    if (this.registering) return this.registering
    const attempt: Promise<void> = this.openStream().finally(() => {
      if (this.registering === attempt) this.registering = null
    })
    this.registering = attempt
    return attempt
  }

  private openStream(): Promise<void> {
    clearTimeout(this.retryTimer)
    this.connection?.close()
    this.connection = null
    // Identifies this attempt, so a late callback from an abandoned stream changes nothing.
    const attempt = Symbol('connection attempt')
    this.attempt = attempt
    this.setDeviceState('registering')
    return new Promise<void>((resolve, reject) => {
      let settled = false
      const failed = (error: Softphone.SoftphoneError) => {
        clearTimeout(timer)
        if (this.attempt !== attempt) return
        this.attempt = null
        this.connection?.close()
        this.connection = null
        if (this.state === 'destroyed') return
        this.setDeviceState('unregistered')
        // While a call is up, its line is unknown until the stream is back.
        if (this.current?.state === 'open') this.updateCall({ state: 'reconnecting' })
        if (!settled) {
          settled = true
          this.fail(error)
          reject(error)
        }
        this.scheduleRetry()
      }
      const timer = setTimeout(
        () =>
          failed(
            softphoneError(
              'network',
              `The simulator did not accept the connection within ${Math.round(this.registerTimeoutMs / 1000)} s.`,
            ),
          ),
        this.registerTimeoutMs,
      )
      this.abandonAttempt = () => {
        clearTimeout(timer)
        if (settled) return
        settled = true
        reject(softphoneError('not-registered', 'Unregistered before the simulator accepted the connection.'))
      }
      const connection = this.transport.connect({
        opened: () => {
          if (this.attempt !== attempt || settled) return
          clearTimeout(timer)
          this.attempts = 0
          settled = true
          this.setDeviceState('registered')
          resolve()
        },
        update: (update) => {
          if (this.attempt === attempt) this.receive(update)
        },
        lost: (error) => failed(fromTransportError(error, 'network')),
      })
      if (this.attempt === attempt) this.connection = connection
      else connection.close()
    })
  }

  private scheduleRetry(): void {
    if (!this.wantRegistered || this.state === 'destroyed') return
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(
      () => {
        if (this.state !== 'registered') this.registerNow().catch(ignore)
      },
      retryDelay(this.attempts++, this.options.retry),
    )
  }

  private backOnline(): void {
    if (!this.wantRegistered || this.state === 'registered' || this.state === 'destroyed') return
    this.attempts = 0
    this.registerNow().catch(ignore)
  }

  // --- calls --------------------------------------------------------------------------------------

  async dial(params: Softphone.DialParams): Promise<Softphone.SoftphoneCall> {
    const refusal = this.refusalToDial(params)
    if (refusal) throw this.fail(refusal)
    const dialed: Softphone.SoftphoneCall = {
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
    this.callId = null
    this.early = []
    this.hangUpRequested = false
    this.placing = true
    this.events.emit('connecting', dialed)
    let callId: string
    try {
      ;({ callId } = await this.transport.placeCall({ to: params.to, params: { ...params.params } }))
    } catch (cause) {
      this.placing = false
      this.closeCall('failed')
      throw this.fail(fromTransportError(cause, 'call-failed'))
    }
    this.placing = false
    if (this.current !== dialed) return dialed
    this.callId = callId
    this.current = { ...dialed, callId }
    for (const update of this.early.splice(0)) this.receive(update)
    if (this.hangUpRequested) this.hangUp()
    return this.current
  }

  private refusalToDial({ to }: Softphone.DialParams): Softphone.SoftphoneError | null {
    if (this.state === 'destroyed') return softphoneError('destroyed', 'dial() after destroy().')
    if (this.state !== 'registered') {
      return softphoneError('not-registered', `Cannot dial while the softphone is ${this.state}.`)
    }
    if (!isE164(to)) return softphoneError('invalid-number', `"${to}" is not a phone number in E.164 form.`)
    if (this.current && this.current.state !== 'closed') {
      return softphoneError(
        'call-in-progress',
        `A call to ${this.current.to} is still ${this.current.state}.`,
      )
    }
    return null
  }

  private receive(update: SimulatedCallUpdate): void {
    if (this.callId === null) {
      if (this.placing) this.early.push(update)
      return
    }
    if (update.callId !== this.callId) return
    if (update.state === 'closed') {
      this.closeCall(update.endReason ?? 'completed')
    } else if (update.state === 'open' && this.current?.answeredAt === null) {
      this.updateCall({ state: 'open', answeredAt: Date.now() })
    } else {
      this.updateCall({ state: update.state })
    }
  }

  private updateCall(change: Partial<Softphone.SoftphoneCall>): void {
    const previous = this.current
    if (!previous || previous.state === 'closed') return
    const next = { ...previous, ...change }
    this.current = next
    if (next.state !== previous.state) this.events.emit(next.state, next)
    if (next.muted !== previous.muted) this.events.emit('mute', next)
  }

  private closeCall(endReason: Softphone.CallEndReason): void {
    this.callId = null
    this.updateCall({ state: 'closed', endedAt: Date.now(), endReason })
  }

  hangUp(): void {
    const callId = this.callId
    if (callId === null) {
      if (this.placing) this.hangUpRequested = true
      return
    }
    this.transport.hangUp(callId).catch((cause) => this.fail(fromTransportError(cause, 'network')))
    // The agent hung up: the call is over for them whatever the server answers.
    this.closeCall('completed')
  }

  setMuted(muted: boolean): void {
    // Nothing is heard on a simulated call, so muting is the call's state alone.
    if (!this.current || this.current.state === 'closed') {
      this.fail(softphoneError('no-active-call', `Cannot ${muted ? 'mute' : 'unmute'}: there is no call.`))
      return
    }
    this.updateCall({ muted })
  }

  sendDigits(digits: string): void {
    if (!isDtmf(digits)) {
      this.fail(softphoneError('invalid-digits', `"${digits}" has characters a keypad cannot send.`))
      return
    }
    const callId = this.callId
    if (callId === null || this.current?.state !== 'open') {
      this.fail(softphoneError('no-active-call', 'Keypad tones need a call that has been answered.'))
      return
    }
    this.transport
      .sendDigits(callId, digits)
      .catch((cause) => this.fail(fromTransportError(cause, 'network')))
  }

  // --- audio devices: none on a simulated line ----------------------------------------------------

  async selectInput(): Promise<void> {
    throw this.fail(softphoneError('audio-device', 'Simulated calls use no microphone.'))
  }

  async selectOutput(): Promise<void> {
    throw this.fail(softphoneError('audio-device', 'Simulated calls use no speaker.'))
  }

  // --- state and errors ---------------------------------------------------------------------------

  private setDeviceState(state: Softphone.DeviceState): void {
    if (state === this.state) return
    this.state = state
    this.events.emit(state, undefined)
  }

  private fail(error: Softphone.SoftphoneError): Softphone.SoftphoneError {
    this.events.emit('error', error)
    return error
  }
}
