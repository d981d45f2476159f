import type { Softphone } from '@ringlane/core'
import {
  browserNetwork,
  isDtmf,
  isSoftphoneError,
  type NetworkEvents,
  noAudioDevices,
  type RetryOptions,
  retryDelay,
  SoftphoneDriverBase,
} from '@ringlane/core/softphone'
import { accessTokenExpiresAt } from './access-token-expiry.js'
import { readAudioDevices } from './audio-devices.js'
import { softphoneError } from './softphone-error.js'
import { endReasonOf, fromTwilioError } from './twilio-errors.js'
import {
  loadTwilioDevice,
  type TwilioCallLike,
  type TwilioCodec,
  type TwilioDeviceConstructor,
  type TwilioDeviceLike,
  type TwilioDeviceOptions,
  type TwilioErrorLike,
} from './voice-sdk.js'

export interface TwilioSoftphoneOptions {
  /**
   * Fetches a Voice access token for the signed-in agent from your server (e.g. a route that calls
   * `createAccessToken` from `@ringlane/twilio`). Called to register and again before each token
   * expires, also during a call.
   */
  readonly getToken: () => Promise<string>
  /** Codecs in order of preference. Default `['opus', 'pcmu']`. */
  readonly codecPreferences?: ReadonlyArray<TwilioCodec>
  /**
   * Twilio edge(s) to connect through, e.g. `'dublin'`. A list is tried in order: when one edge is
   * unreachable the SDK falls back to the next.
   */
  readonly edge?: string | ReadonlyArray<string>
  /**
   * How long a call may try to reconnect its signaling (possibly through the next edge) before it is
   * dropped. Default 30 s when `edge` is a list (fallback needs it), else the SDK's default.
   */
  readonly maxCallSignalingTimeoutMs?: number
  /** How long before the token expires to fetch a new one. Default 60 s. */
  readonly tokenRefreshMs?: number
  /** A registration that has not finished by then is abandoned and retried. Default 20 s. */
  readonly registerTimeoutMs?: number
  /** Backoff between registration attempts after a failure. */
  readonly retry?: RetryOptions
  /** Ask before the agent leaves the page during a call; a string sets the prompt. Default true. */
  readonly closeProtection?: boolean | string
  readonly appName?: string
  readonly appVersion?: string
  /** The SDK's `Device`, for tests; by default it is imported from `@twilio/voice-sdk` on first register. */
  readonly Device?: TwilioDeviceConstructor
  /** Where "back online" comes from; the browser's `online` event by default. */
  readonly network?: NetworkEvents
}

const ignore = () => {}

/**
 * A `SoftphoneDriver` on Twilio's Voice SDK. Constructing it touches no browser API; the SDK is loaded
 * on `register()`.
 *
 * ```ts
 * const softphone = createTwilioSoftphone({
 *   getToken: () => fetch('/softphone/token').then((r) => r.text()),
 *   edge: ['dublin', 'frankfurt'],
 * })
 * ```
 */
export const createTwilioSoftphone = (options: TwilioSoftphoneOptions): Softphone.SoftphoneDriver =>
  new TwilioSoftphone(options)

class TwilioSoftphone extends SoftphoneDriverBase {
  private readonly tokenRefreshMs: number
  private readonly registerTimeoutMs: number

  private devices: Softphone.AudioDevices = noAudioDevices

  private device: TwilioDeviceLike | null = null
  private twilioCall: TwilioCallLike | null = null
  /** How the call will end, learned from an error before Twilio reports the disconnect. */
  private pendingEndReason: Softphone.CallEndReason | null = null
  private hangUpRequested = false

  private deviceErrorWhileRegistering: Softphone.SoftphoneError | null = null
  private registeredWaiters: Array<() => void> = []

  private refreshing: Promise<void> | null = null
  private refreshAttempts = 0
  private refreshTimer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly options: TwilioSoftphoneOptions) {
    super('@ringlane/twilio/browser', options.network ?? browserNetwork, options.retry)
    this.tokenRefreshMs = options.tokenRefreshMs ?? 60_000
    this.registerTimeoutMs = options.registerTimeoutMs ?? 20_000
  }

  get audioDevices(): Softphone.AudioDevices {
    return this.devices
  }

  protected error(code: Softphone.SoftphoneErrorCode, message: string): Softphone.SoftphoneError {
    return softphoneError(code, message)
  }

  // --- registration -------------------------------------------------------------------------------

  async register(): Promise<void> {
    if (!this.wantRegistration()) return
    // Registered again while an attempt is still under way (React's StrictMode does this): join it.
    if (this.registering) this.setDeviceState('registering')
    return this.registerNow()
  }

  async unregister(): Promise<void> {
    this.giveUpRegistration()
    const device = this.device
    if (device?.state === 'registered') {
      try {
        await device.unregister()
      } catch (cause) {
        this.fail(fromTwilioError(cause, 'network'))
      }
    }
    if (this.state !== 'destroyed') this.setDeviceState('unregistered')
  }

  destroy(): void {
    if (this.state === 'destroyed') return
    this.giveUpRegistration()
    clearTimeout(this.refreshTimer)
    try {
      this.twilioCall?.disconnect()
    } catch {
      // The call is being torn down with the device either way.
    }
    this.closeCall('completed')
    this.dropDevice()
    this.setDeviceState('destroyed')
    this.events.clear()
  }

  protected async attemptRegistration(): Promise<void> {
    clearTimeout(this.retryTimer)
    this.deviceErrorWhileRegistering = null
    this.setDeviceState('registering')
    try {
      const token = await this.fetchToken()
      if (!this.wantRegistered) {
        if (this.state === 'registering') this.setDeviceState('unregistered')
        return
      }
      const device = await this.deviceWith(token)
      this.scheduleTokenRefresh(token)
      if (device.state === 'unregistered') {
        await this.withinRegisterTimeout(device.register())
      } else if (device.state !== 'registered') {
        // The SDK is re-registering by itself after a reconnect; give it the same time limit.
        await this.withinRegisterTimeout(new Promise<void>((resolve) => this.registeredWaiters.push(resolve)))
      }
      if (!this.wantRegistered) {
        // unregister() was called while this attempt was under way.
        await device.unregister().catch(ignore)
        this.setDeviceState('unregistered')
        return
      }
      this.registered()
    } catch (cause) {
      const error =
        this.deviceErrorWhileRegistering ?? (isSoftphoneError(cause) ? cause : fromTwilioError(cause))
      if (this.state === 'destroyed') throw error
      this.setDeviceState('unregistered')
      if (error !== this.deviceErrorWhileRegistering) this.fail(error)
      this.scheduleRetry()
      throw error
    }
  }

  private registered(): void {
    this.attempts = 0
    clearTimeout(this.retryTimer)
    for (const resolve of this.registeredWaiters.splice(0)) resolve()
    this.setDeviceState('registered')
  }

  private async withinRegisterTimeout(registration: Promise<void>): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // A registration that hangs (the SDK's signaling socket died without saying so) never recovers:
        // start over with a fresh Device, unless that would cut off the agent's call.
        if (!this.twilioCall) this.dropDevice()
        reject(
          softphoneError(
            'network',
            `Registering with Twilio did not finish within ${Math.round(this.registerTimeoutMs / 1000)} s.`,
          ),
        )
      }, this.registerTimeoutMs)
    })
    try {
      await Promise.race([registration, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  // --- the SDK's Device ---------------------------------------------------------------------------

  private async deviceWith(token: string): Promise<TwilioDeviceLike> {
    if (this.device) {
      this.device.updateToken(token)
      return this.device
    }
    let Device: TwilioDeviceConstructor
    try {
      Device = this.options.Device ?? (await loadTwilioDevice())
    } catch (cause) {
      throw softphoneError(
        'sdk-unavailable',
        'The Twilio Voice SDK (@twilio/voice-sdk) could not be loaded.',
        {
          cause,
        },
      )
    }
    let device: TwilioDeviceLike
    try {
      device = new Device(token, this.deviceOptions())
    } catch (cause) {
      throw fromTwilioError(cause, 'sdk-unavailable')
    }
    this.device = device
    this.watchDevice(device)
    return device
  }

  private deviceOptions(): TwilioDeviceOptions {
    const { edge, maxCallSignalingTimeoutMs, closeProtection, appName, appVersion } = this.options
    const signalingTimeout = maxCallSignalingTimeoutMs ?? (Array.isArray(edge) ? 30_000 : undefined)
    return {
      codecPreferences: [...(this.options.codecPreferences ?? ['opus', 'pcmu'])],
      tokenRefreshMs: this.tokenRefreshMs,
      closeProtection: closeProtection ?? true,
      ...(edge === undefined ? {} : { edge: typeof edge === 'string' ? edge : [...edge] }),
      ...(signalingTimeout === undefined ? {} : { maxCallSignalingTimeoutMs: signalingTimeout }),
      ...(appName === undefined ? {} : { appName }),
      ...(appVersion === undefined ? {} : { appVersion }),
    }
  }

  private watchDevice(device: TwilioDeviceLike): void {
    const mine = (handler: () => void) => () => {
      if (device === this.device) handler()
    }
    device.on(
      'registering',
      mine(() => this.setDeviceState('registering')),
    )
    device.on(
      'registered',
      mine(() => this.registered()),
    )
    device.on(
      'unregistered',
      mine(() => {
        // Twilio reports a lost signaling connection as unregistered; while we are not registering on
        // purpose, that is a network loss to recover from.
        if (this.state === 'destroyed' || this.registering) return
        this.setDeviceState('unregistered')
        this.scheduleRetry()
      }),
    )
    device.on('error', (twilioError, call) => {
      // Errors that belong to a call arrive on the call too, and are handled there.
      if (device !== this.device || call) return
      const error = fromTwilioError(twilioError)
      if (this.registering) this.deviceErrorWhileRegistering = error
      this.fail(error)
      if (error.code === 'token-expired') this.refreshToken().catch(ignore)
    })
    device.on(
      'tokenWillExpire',
      mine(() => {
        this.refreshToken().catch(ignore)
      }),
    )
    const audio = device.audio
    if (audio) {
      audio.on(
        'deviceChange',
        mine(() => this.setAudioDevices(readAudioDevices(audio))),
      )
      this.setAudioDevices(readAudioDevices(audio))
    }
  }

  private dropDevice(): void {
    const device = this.device
    this.device = null
    try {
      device?.destroy()
    } catch {
      // Nothing useful to tell the agent about a device that is being thrown away.
    }
    this.setAudioDevices(noAudioDevices)
  }

  // --- access tokens ------------------------------------------------------------------------------

  private async fetchToken(): Promise<string> {
    let token: unknown
    try {
      token = await this.options.getToken()
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause)
      throw softphoneError('token-unavailable', `Fetching the Twilio access token failed: ${why}`, { cause })
    }
    if (typeof token !== 'string' || token.split('.').length !== 3) {
      throw softphoneError(
        'token-unavailable',
        'getToken() did not return a Twilio access token (a JWT string).',
      )
    }
    return token
  }

  /** One refresh at a time, whether the SDK's tokenWillExpire, our own timer or an expiry error asked. */
  private refreshToken(): Promise<void> {
    this.refreshing ??= this.renewToken().finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  private async renewToken(): Promise<void> {
    try {
      const token = await this.fetchToken()
      if (!this.device || this.state === 'destroyed') return
      // updateToken reaches the signaling connection, so a call in progress keeps its token fresh too.
      this.device.updateToken(token)
      this.refreshAttempts = 0
      this.scheduleTokenRefresh(token)
      if (this.wantRegistered && this.state === 'unregistered') this.registerNow().catch(ignore)
    } catch (cause) {
      if (this.state === 'destroyed') return
      this.fail(isSoftphoneError(cause) ? cause : fromTwilioError(cause, 'token-unavailable'))
      clearTimeout(this.refreshTimer)
      this.refreshTimer = setTimeout(
        () => this.refreshToken().catch(ignore),
        retryDelay(this.refreshAttempts++, this.options.retry),
      )
    }
  }

  /**
   * Our own timer, as well as the SDK's tokenWillExpire: the SDK fires that once per signaling
   * connection, so the second token of a long shift would otherwise expire unnoticed.
   */
  private scheduleTokenRefresh(token: string): void {
    const expiresAt = accessTokenExpiresAt(token)
    clearTimeout(this.refreshTimer)
    if (expiresAt === null) return
    const delay = Math.max(0, expiresAt - this.tokenRefreshMs - Date.now())
    this.refreshTimer = setTimeout(() => this.refreshToken().catch(ignore), delay)
  }

  // --- calls --------------------------------------------------------------------------------------

  async dial(params: Softphone.DialParams): Promise<Softphone.SoftphoneCall> {
    const refusal = this.refusalToDial(params, this.device !== null)
    if (refusal) throw this.fail(refusal)
    const device = this.device as TwilioDeviceLike
    this.hangUpRequested = false
    this.pendingEndReason = null
    const dialed = this.startCall(params)
    let call: TwilioCallLike
    try {
      // `To` last, so a dial param can never redirect the call.
      call = await device.connect({ params: { ...params.params, To: params.to } })
    } catch (cause) {
      const error = fromTwilioError(cause, 'call-failed')
      this.closeCall('failed')
      throw this.fail(error)
    }
    if (this.current !== dialed || this.state === 'destroyed') {
      call.disconnect()
      return this.current ?? dialed
    }
    this.twilioCall = call
    this.watchCall(call)
    if (this.hangUpRequested) this.hangUp()
    return this.current
  }

  private watchCall(call: TwilioCallLike): void {
    const mine =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A) => {
        if (call === this.twilioCall) handler(...args)
      }
    call.on(
      'ringing',
      mine(() => this.updateCall({ state: 'ringing' })),
    )
    call.on(
      'accept',
      mine(() =>
        this.updateCall({ state: 'open', answeredAt: Date.now(), callId: call.parameters.CallSid ?? null }),
      ),
    )
    call.on(
      'reconnecting',
      mine(() => this.updateCall({ state: 'reconnecting' })),
    )
    call.on(
      'reconnected',
      mine(() => this.updateCall({ state: 'open' })),
    )
    call.on(
      'mute',
      mine((muted: boolean) => this.updateCall({ muted })),
    )
    call.on(
      'disconnect',
      mine(() => this.closeCall(this.pendingEndReason ?? 'completed')),
    )
    call.on(
      'cancel',
      mine(() => this.closeCall('canceled')),
    )
    call.on(
      'error',
      mine((twilioError: TwilioErrorLike) => {
        const reason = endReasonOf(twilioError)
        // Busy and no-answer are how calls end, not faults: the closed call carries them.
        if (reason === 'failed') this.fail(fromTwilioError(twilioError, 'call-failed'))
        this.pendingEndReason = reason
        if (call.status() === 'closed') this.closeCall(reason)
      }),
    )
  }

  private closeCall(endReason: Softphone.CallEndReason): void {
    this.twilioCall = null
    this.pendingEndReason = null
    this.updateCall({ state: 'closed', endedAt: Date.now(), endReason })
  }

  hangUp(): void {
    const call = this.twilioCall
    if (!call) {
      // Still waiting for Twilio to hand over the call: hang up as soon as it does.
      if (this.current?.state === 'connecting') this.hangUpRequested = true
      return
    }
    try {
      call.disconnect()
    } catch (cause) {
      this.fail(fromTwilioError(cause, 'call-failed'))
    }
    // The agent hung up: the call is over for them even if the SDK never reports the disconnect.
    this.closeCall(this.pendingEndReason ?? 'completed')
  }

  setMuted(muted: boolean): void {
    const call = this.twilioCall
    if (!call) {
      this.fail(softphoneError('no-active-call', `Cannot ${muted ? 'mute' : 'unmute'}: there is no call.`))
      return
    }
    try {
      call.mute(muted)
      this.updateCall({ muted: call.isMuted() })
    } catch (cause) {
      this.fail(fromTwilioError(cause, 'audio-device'))
    }
  }

  sendDigits(digits: string): void {
    if (!isDtmf(digits)) {
      this.fail(softphoneError('invalid-digits', `"${digits}" has characters a keypad cannot send.`))
      return
    }
    const call = this.twilioCall
    if (!call || this.current?.state !== 'open') {
      this.fail(softphoneError('no-active-call', 'Keypad tones need a call that has been answered.'))
      return
    }
    try {
      call.sendDigits(digits)
    } catch (cause) {
      this.fail(fromTwilioError(cause, 'call-failed'))
    }
  }

  // --- audio devices ------------------------------------------------------------------------------

  async selectInput(deviceId: string): Promise<void> {
    const audio = this.device?.audio
    if (!audio) throw this.fail(softphoneError('audio-device', 'Microphones can be chosen once registered.'))
    try {
      await audio.setInputDevice(deviceId)
    } catch (cause) {
      throw this.fail(fromTwilioError(cause, 'audio-device'))
    }
    this.setAudioDevices(readAudioDevices(audio))
  }

  async selectOutput(deviceId: string): Promise<void> {
    const audio = this.device?.audio
    if (!audio?.isOutputSelectionSupported) {
      throw this.fail(
        softphoneError('audio-device', 'This browser cannot choose the speaker; the system default plays.', {
          hint: "Change the speaker in the operating system's sound settings, or use Chrome or Edge.",
        }),
      )
    }
    try {
      await audio.speakerDevices.set(deviceId)
    } catch (cause) {
      throw this.fail(fromTwilioError(cause, 'audio-device'))
    }
    this.setAudioDevices(readAudioDevices(audio))
  }

  private setAudioDevices(devices: Softphone.AudioDevices): void {
    this.devices = devices
    this.events.emit('audioDevices', devices)
  }
}
