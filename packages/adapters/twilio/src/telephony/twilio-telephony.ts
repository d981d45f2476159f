import { Calls, Telephony } from '@ringlane/core'
import { Effect, Layer, Option, Redacted, Schema } from 'effect'
import twilio from 'twilio'
import { type AccessTokenConfig, createAccessToken } from '../access-token.js'
import { type TwilioWebhookConfig, verifyTwilioWebhook } from '../webhooks.js'

/** The slice of the `twilio` REST client the telephony adapter uses; pass `twilio(accountSid, authToken)`. */
export interface TwilioCallsClient {
  calls: {
    (
      sid: string,
    ): {
      fetch(): Promise<{
        sid: string
        status: string
        duration: string | null
        answeredBy: string | null
        startTime: Date | null
        endTime: Date | null
      }>
      update(options: { twiml: string } | { status: 'completed' | 'canceled' }): Promise<{ sid: string }>
    }
    create(options: {
      to: string
      from: string
      twiml: string
      timeout: number
      statusCallback: string
      statusCallbackEvent: string[]
      statusCallbackMethod: string
      machineDetection?: 'Enable'
      asyncAmd?: 'true'
      asyncAmdStatusCallback?: string
      asyncAmdStatusCallbackMethod?: string
    }): Promise<{ sid: string }>
  }
}

export interface TwilioTelephonyOptions {
  readonly client: TwilioCallsClient
  /** For downloading recordings: the account, and an auth token or API key secret with its SID. */
  readonly credentials: { readonly username: string; readonly password: Redacted.Redacted<string> }
  readonly accessToken: AccessTokenConfig
  readonly webhooks: TwilioWebhookConfig
  /** The verified number leads see when the dialler sets no caller id of its own. */
  readonly callerId: string
  readonly paths?: { readonly callStatus: string; readonly recordingStatus: string }
  /** Swapped in tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch
}

const answeredByOf = (value: string | undefined | null): Telephony.AnsweredBy | null => {
  if (!value) return null
  if (value === 'human') return 'human'
  if (value.startsWith('machine') || value === 'fax') return 'machine'
  return 'unknown'
}

/** Twilio's code for an update to a call that is no longer in progress (it ended meanwhile). */
const CALL_NOT_IN_PROGRESS = 21220

const spoken = (response: twilio.twiml.VoiceResponse, message: Telephony.SpokenMessage) => {
  if ('say' in message) response.say(message.say)
  else response.play(message.play)
}

const failure = (operation: string) => (cause: unknown) =>
  new Telephony.TelephonyError({
    operation,
    message: `Twilio could not ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
  })

/**
 * Telephony on Twilio: Voice access tokens for the browser, TwiML that dials the lead with the
 * caller id, dual-channel recording from answer and status callbacks, signature-checked webhooks,
 * call look-ups and recording downloads over the REST API.
 */
export const twilioTelephony = (options: TwilioTelephonyOptions): Telephony.TelephonyService => {
  const paths = options.paths ?? {
    callStatus: '/webhooks/twilio/call-status',
    recordingStatus: '/webhooks/twilio/recording-status',
  }
  const publicUrl = (path: string, sessionId: string | null) => {
    const url = new URL(path, options.webhooks.publicBaseUrl)
    if (sessionId) url.searchParams.set(Calls.SESSION_PARAM, sessionId)
    return url.toString()
  }
  // Looked up per call, so a fetch patched after start-up (proxies, test servers) is the one used.
  const fetcher: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init)

  const eventOf = (params: Telephony.WebhookParams) =>
    Effect.mapError(
      Schema.decodeUnknown(Telephony.CallEvent)({
        providerCallId: params.CallSid,
        sessionId: params[Calls.SESSION_PARAM] ?? null,
        // The asynchronous AMD callback names who answered and no status: the call is answered.
        status: params.CallStatus ?? (params.AnsweredBy ? 'in-progress' : undefined),
        occurredAt: params.Timestamp ? new Date(params.Timestamp) : new Date(),
        answeredBy: answeredByOf(params.AnsweredBy),
        durationSeconds: params.CallDuration ? Number(params.CallDuration) : null,
        errorCode: params.ErrorCode ?? params.SipResponseCode ?? null,
      }),
      (error) =>
        new Telephony.InvalidWebhook({
          field: /CallSid/.test(error.message)
            ? 'CallSid'
            : /status/.test(error.message)
              ? 'CallStatus'
              : 'Timestamp',
          message: `The Twilio call status webhook is malformed: ${error.message}`,
        }),
    )

  return {
    provider: 'twilio',
    accessToken: (identity) =>
      Effect.try({
        try: () => ({
          token: createAccessToken(options.accessToken, identity),
          identity,
          expiresAt: new Date(Date.now() + options.accessToken.ttlSeconds * 1000),
        }),
        catch: failure('issue an access token'),
      }),
    outboundCallInstructions: (call) =>
      Effect.sync(() => {
        const response = new twilio.twiml.VoiceResponse()
        const dial = response.dial({
          callerId: call.callerId ?? options.callerId,
          answerOnBridge: true,
          record: call.record ? 'record-from-answer-dual' : 'do-not-record',
          ...(call.record && {
            recordingStatusCallback: publicUrl(paths.recordingStatus, call.sessionId),
            recordingStatusCallbackEvent: ['completed', 'absent'],
            recordingStatusCallbackMethod: 'POST',
          }),
        })
        dial.number(
          {
            statusCallback: publicUrl(paths.callStatus, call.sessionId),
            statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
            statusCallbackMethod: 'POST',
            ...(call.machineDetection && { machineDetection: 'Enable' }),
          },
          call.to,
        )
        return { contentType: 'text/xml', body: response.toString() }
      }),
    verifyWebhook: (request) => verifyTwilioWebhook(options.webhooks, request),
    parseCallEvent: eventOf,
    parseRecordingEvent: (params) =>
      Effect.mapError(
        Schema.decodeUnknown(Telephony.RecordingEvent)({
          providerCallId: params.CallSid,
          sessionId: params[Calls.SESSION_PARAM] ?? null,
          providerRecordingId: params.RecordingSid,
          status: params.RecordingStatus,
          mediaUrl: params.RecordingUrl ?? null,
          durationSeconds: params.RecordingDuration ? Number(params.RecordingDuration) : null,
          channels: params.RecordingChannels ? Number(params.RecordingChannels) : null,
          occurredAt: params.RecordingStartTime ? new Date(params.RecordingStartTime) : new Date(),
        }),
        (error) =>
          new Telephony.InvalidWebhook({
            field: /RecordingSid/.test(error.message)
              ? 'RecordingSid'
              : /status/.test(error.message)
                ? 'RecordingStatus'
                : 'CallSid',
            message: `The Twilio recording webhook is malformed: ${error.message}`,
          }),
      ),
    lookupCall: (providerCallId) =>
      Effect.tryPromise({
        try: async () => {
          try {
            const call = await options.client.calls(providerCallId).fetch()
            return Option.some(call)
          } catch (error) {
            if ((error as { status?: number }).status === 404) return Option.none()
            throw error
          }
        },
        catch: failure('look up a call'),
      }).pipe(
        Effect.flatMap((found) =>
          Option.isNone(found)
            ? Effect.succeed(Option.none())
            : eventOf({
                CallSid: found.value.sid,
                CallStatus: found.value.status,
                Timestamp: (found.value.endTime ?? found.value.startTime ?? new Date()).toISOString(),
                ...(found.value.duration && { CallDuration: found.value.duration }),
                ...(found.value.answeredBy && { AnsweredBy: found.value.answeredBy }),
              }).pipe(Effect.map(Option.some), Effect.mapError(failure('read a call it looked up'))),
        ),
      ),
    endCall: (providerCallId) =>
      Effect.tryPromise({
        try: async () => {
          try {
            // `completed` hangs up a live call and ends one still queued or ringing as well.
            await options.client.calls(providerCallId).update({ status: 'completed' })
            return true
          } catch (error) {
            if ((error as { status?: number }).status === 404) return false
            // Already over: it stays as it ended.
            if ((error as { code?: number }).code === CALL_NOT_IN_PROGRESS) return true
            throw error
          }
        },
        catch: failure('end a call'),
      }),
    placeCall: (call) =>
      Effect.tryPromise({
        try: async () => {
          // Answered, the call waits in silence until the engine joins it to an agent or plays a message.
          const hold = new twilio.twiml.VoiceResponse()
          hold.pause({ length: 60 })
          const callback = publicUrl(paths.callStatus, call.sessionId)
          const placed = await options.client.calls.create({
            to: call.to,
            from: call.callerId,
            twiml: hold.toString(),
            timeout: call.ringTimeoutSeconds,
            statusCallback: callback,
            statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
            statusCallbackMethod: 'POST',
            ...(call.machineDetection && {
              machineDetection: 'Enable' as const,
              asyncAmd: 'true' as const,
              asyncAmdStatusCallback: callback,
              asyncAmdStatusCallbackMethod: 'POST',
            }),
          })
          return { providerCallId: placed.sid }
        },
        catch: failure('place a call'),
      }),
    connectToAgent: (providerCallId, agentIdentity) =>
      Effect.tryPromise({
        try: async () => {
          const response = new twilio.twiml.VoiceResponse()
          // The agent's leg holds the conference open; the lead leaving it does not end it.
          response
            .dial()
            .conference(
              { startConferenceOnEnter: true, endConferenceOnExit: false, beep: 'false' },
              Telephony.agentConference(agentIdentity),
            )
          await options.client.calls(providerCallId).update({ twiml: response.toString() })
        },
        catch: failure('connect a call to an agent'),
      }),
    playMessageAndHangUp: (providerCallId, message) =>
      Effect.tryPromise({
        try: async () => {
          const response = new twilio.twiml.VoiceResponse()
          spoken(response, message)
          response.hangup()
          await options.client.calls(providerCallId).update({ twiml: response.toString() })
        },
        catch: failure('play a message'),
      }),
    agentLegInstructions: (agentIdentity) =>
      Effect.sync(() => {
        const response = new twilio.twiml.VoiceResponse()
        // Silence while waiting (no hold music): the agent hears the lead the moment they join.
        response
          .dial()
          .conference(
            { startConferenceOnEnter: true, endConferenceOnExit: true, beep: 'false', waitUrl: '' },
            Telephony.agentConference(agentIdentity),
          )
        return { contentType: 'text/xml', body: response.toString() }
      }),
    fetchRecording: ({ providerRecordingId, mediaUrl }) =>
      Effect.tryPromise({
        try: async () => {
          if (!mediaUrl) throw new Error(`recording ${providerRecordingId} has no media URL`)
          const auth = Buffer.from(
            `${options.credentials.username}:${Redacted.value(options.credentials.password)}`,
          ).toString('base64')
          const response = await fetcher(`${mediaUrl}.wav`, { headers: { authorization: `Basic ${auth}` } })
          if (!response.ok) throw new Error(`HTTP ${response.status} for recording ${providerRecordingId}`)
          return {
            bytes: new Uint8Array(await response.arrayBuffer()),
            contentType: response.headers.get('content-type') ?? 'audio/wav',
          }
        },
        catch: failure('download a recording'),
      }),
  }
}

/** Effect API: provides `Telephony` on Twilio. */
export const telephonyLayer = (options: TwilioTelephonyOptions) =>
  Layer.sync(Telephony.Telephony, () => twilioTelephony(options))
