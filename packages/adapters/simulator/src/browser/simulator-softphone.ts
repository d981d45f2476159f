import type { Softphone } from '@ringlane/core'
import {
  browserNetwork,
  isDtmf,
  type NetworkEvents,
  noAudioDevices,
  type RetryOptions,
  SoftphoneDriverBase,
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

class SimulatorSoftphone extends SoftphoneDriverBase {
  private readonly transport: SimulatorTransport
  private readonly registerTimeoutMs: number

  private callId: string | null = null
  /** Updates that arrived on the stream before the server's answer to "place call" did. */
  private early: SimulatedCallUpdate[] = []
  private placing = false
  private hangUpRequested = false

  private connection: SimulatorConnection | null = null
  private attempt: symbol | null = null
  private abandonAttempt: (() => void) | null = null

  constructor(options: SimulatorSoftphoneOptions) {
    super('@ringlane/simulator/browser', options.network ?? browserNetwork, options.retry)
    this.transport = options.transport ?? createHttpSimulatorTransport()
    this.registerTimeoutMs = options.registerTimeoutMs ?? 15_000
  }

  get audioDevices(): Softphone.AudioDevices {
    return noAudioDevices
  }

  protected error(code: Softphone.SoftphoneErrorCode, message: string): Softphone.SoftphoneError {
    return softphoneError(code, message)
  }

  // --- registration: an open event stream from the simulator's server ----------------------------

  async register(): Promise<void> {
    if (this.wantRegistration()) return this.registerNow()
  }

  async unregister(): Promise<void> {
    this.stopConnecting()
    if (this.state !== 'destroyed') this.setDeviceState('unregistered')
  }

  destroy(): void {
    if (this.state === 'destroyed') return
    this.hangUp()
    this.stopConnecting()
    this.setDeviceState('destroyed')
    this.events.clear()
  }

  private stopConnecting(): void {
    this.giveUpRegistration()
    this.attempt = null
    this.registering = null
    this.abandonAttempt?.()
    this.abandonAttempt = null
    this.connection?.close()
    this.connection = null
  }

  protected attemptRegistration(): Promise<void> {
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

  // --- calls --------------------------------------------------------------------------------------

  async dial(params: Softphone.DialParams): Promise<Softphone.SoftphoneCall> {
    const refusal = this.refusalToDial(params)
    if (refusal) throw this.fail(refusal)
    this.callId = null
    this.early = []
    this.hangUpRequested = false
    this.placing = true
    const dialed = this.startCall(params)
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
}
