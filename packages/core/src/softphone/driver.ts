import type { SoftphoneError } from './errors.js'
import type { CallEndReason, CallState, DeviceState } from './states.js'

/** What the agent asked to dial. */
export interface DialParams {
  /** The number in E.164 form, as the server validated it (`+447700900123`). */
  readonly to: string
  /**
   * Extra parameters for the provider's call instructions, e.g. the call session id so the server's
   * webhook ties the provider's call to the dialler's. Names and values are strings.
   */
  readonly params?: Readonly<Record<string, string>>
}

/** A snapshot of the agent's call. Every change produces a new snapshot, so it can be React state. */
export interface SoftphoneCall {
  readonly to: string
  readonly params: Readonly<Record<string, string>>
  /** The provider's id for the call (Twilio's CallSid), once the provider has given one. */
  readonly callId: string | null
  readonly state: CallState
  readonly muted: boolean
  /** Epoch milliseconds. */
  readonly dialedAt: number
  readonly answeredAt: number | null
  readonly endedAt: number | null
  /** Set once the call is closed. */
  readonly endReason: CallEndReason | null
}

export interface AudioDevice {
  readonly id: string
  readonly label: string
}

/** The headset's microphones and speakers, and whether the driver (and browser) can switch them. */
export interface AudioDevices {
  readonly inputs: ReadonlyArray<AudioDevice>
  readonly outputs: ReadonlyArray<AudioDevice>
  readonly inputId: string | null
  readonly outputId: string | null
  readonly canSelectInput: boolean
  readonly canSelectOutput: boolean
}

/**
 * Every event a softphone emits. Device and call events are named after the state they enter, as in
 * twilio-voice.js; call events carry the call's new snapshot.
 */
export interface SoftphoneEventMap {
  readonly unregistered: undefined
  readonly registering: undefined
  readonly registered: undefined
  readonly destroyed: undefined
  readonly connecting: SoftphoneCall
  readonly ringing: SoftphoneCall
  readonly open: SoftphoneCall
  readonly reconnecting: SoftphoneCall
  readonly closed: SoftphoneCall
  readonly mute: SoftphoneCall
  readonly error: SoftphoneError
  readonly audioDevices: AudioDevices
}
export type SoftphoneEventName = keyof SoftphoneEventMap
export type SoftphoneListener<E extends SoftphoneEventName> = (payload: SoftphoneEventMap[E]) => void

/**
 * The browser softphone, whatever the provider. `@ringlane/react` drives one; `@ringlane/twilio/browser`
 * and `@ringlane/simulator/browser` provide one each.
 *
 * Contract:
 * - Constructing a driver touches no browser global, so it can be created during a server render.
 * - `register()` keeps the device registered until `unregister()` or `destroy()`: after a network loss
 *   or a failed attempt the driver registers again by itself, with backoff.
 * - Every failure is emitted as an `error` event with a code and hint; calls that fail also reject with
 *   the same `SoftphoneError`. No provider exception escapes unmapped.
 */
export interface SoftphoneDriver {
  readonly deviceState: DeviceState
  /** The current call, or the last one once it closed, until the next dial. */
  readonly call: SoftphoneCall | null
  readonly audioDevices: AudioDevices
  register(): Promise<void>
  unregister(): Promise<void>
  /** Hangs up, unregisters and releases everything; the driver cannot be used again. */
  destroy(): void
  /** Rejects with `not-registered`, `invalid-number` or `call-in-progress` before touching the provider. */
  dial(params: DialParams): Promise<SoftphoneCall>
  /** Ends the call; does nothing when there is none, so a double click is harmless. */
  hangUp(): void
  setMuted(muted: boolean): void
  sendDigits(digits: string): void
  selectInput(deviceId: string): Promise<void>
  selectOutput(deviceId: string): Promise<void>
  /** Returns a function that removes the listener. */
  on<E extends SoftphoneEventName>(event: E, listener: SoftphoneListener<E>): () => void
}
