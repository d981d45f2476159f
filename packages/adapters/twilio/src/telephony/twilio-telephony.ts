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

/** A conference participant as the `twilio` client returns it. */
export interface TwilioParticipant {
  callSid: string
  label: string | null
  hold: boolean
  muted: boolean
  coaching: boolean
  callSidToCoach: string | null
}

/** The slice of the `twilio` REST client the conference operations use (hold, transfer, coaching). */
export interface TwilioConferencesClient {
  conferences: {
    list(options: {
      friendlyName: string
      status: 'in-progress'
      limit: number
    }): Promise<Array<{ sid: string }>>
    (
      sid: string,
    ): {
      participants: {
        list(): Promise<TwilioParticipant[]>
        create(options: {
          from: string
          to: string
          label: string
          muted: boolean
          beep: string
          startConferenceOnEnter: boolean
          endConferenceOnExit: boolean
          coaching?: boolean
          callSidToCoach?: string
        }): Promise<{ callSid: string }>
        (
          callSidOrLabel: string,
        ): {
          fetch(): Promise<TwilioParticipant>
          update(
            options:
              | { hold: boolean }
              | { muted: boolean; coaching: boolean; callSidToCoach?: string }
              | { endConferenceOnExit: boolean },
          ): Promise<unknown>
          remove(): Promise<boolean>
        }
      }
    }
  }
}

export interface TwilioTelephonyOptions {
  readonly client: TwilioCallsClient & TwilioConferencesClient
  /** For downloading recordings: the account, and an auth token or API key secret with its SID. */
  readonly credentials: { readonly username: string; readonly password: Redacted.Redacted<string> }
  readonly accessToken: AccessTokenConfig
  readonly webhooks: TwilioWebhookConfig
  /** The verified number leads see when the dialler sets no caller id of its own. */
  readonly callerId: string
  readonly paths?: { readonly callStatus: string; readonly recordingStatus: string }
  /** What a call waiting for an agent hears (a transfer to a queue); Twilio's own hold music by default. */
  readonly holdMusicUrl?: string
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

/** Twilio's default hold music (the one a held conference participant hears). */
const DEFAULT_HOLD_MUSIC = 'https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3'

const notFound = (error: unknown) => (error as { status?: number }).status === 404

/** TwiML that puts a call in a conference under a label; its leaving does not end the conference. */
const joinConference = (
  conference: string,
  participant: { label: string; muted?: boolean; coach?: string | null; endConferenceOnExit?: boolean },
) => {
  const response = new twilio.twiml.VoiceResponse()
  response.dial().conference(
    {
      startConferenceOnEnter: true,
      endConferenceOnExit: participant.endConferenceOnExit ?? false,
      beep: 'false',
      participantLabel: participant.label,
      ...(participant.muted && { muted: true }),
      ...(participant.coach && { coach: participant.coach }),
      // An agent waits in silence (no hold music): they hear the lead the moment they join.
      ...(participant.endConferenceOnExit && { waitUrl: '' }),
    },
    conference,
  )
  return response.toString()
}

/** The agent's own browser leg in their own conference: it holds the conference open. */
const agentLegTwiml = (agentIdentity: string) =>
  joinConference(Telephony.agentConference(agentIdentity), {
    label: Telephony.participantLabels.agent,
    endConferenceOnExit: true,
  })

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

  const attempt = <A>(operation: string, run: () => Promise<A>) =>
    Effect.tryPromise({ try: run, catch: failure(operation) })
  /** The running conference with this name (Twilio's conference SID), or null. */
  const conferenceSid = async (conference: string) => {
    const [running] = await options.client.conferences.list({
      friendlyName: conference,
      status: 'in-progress',
      limit: 1,
    })
    return running?.sid ?? null
  }
  const participantOf = async (conference: string, label: string) => {
    const sid = await conferenceSid(conference)
    if (!sid) throw new Error(`conference ${conference} is not running`)
    // Twilio takes a participant's label in place of its call SID; a label must be percent-encoded.
    return options.client.conferences(sid).participants(encodeURIComponent(label))
  }

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
          // The agent's leg holds the conference open; the lead leaving it does not end it.
          const twiml = joinConference(Telephony.agentConference(agentIdentity), {
            label: Telephony.participantLabels.caller,
          })
          await options.client.calls(providerCallId).update({ twiml })
        },
        catch: failure('connect a call to an agent'),
      }),
    waitForAgent: (providerCallId) =>
      attempt('put a call to wait for an agent', async () => {
        // Twilio's hold music, looped, until the call is joined to an agent's conference.
        const response = new twilio.twiml.VoiceResponse()
        response.play({ loop: 0 }, options.holdMusicUrl ?? DEFAULT_HOLD_MUSIC)
        await options.client.calls(providerCallId).update({ twiml: response.toString() })
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
      attempt("open the agent's line", async () => {
        // A newer line of the agent's takes over from one already there (a reload, another window):
        // Twilio refuses a second participant with the same label, so the older one leaves first,
        // told not to end the conference as it goes, and a call there goes on with the new one.
        const sid = await conferenceSid(Telephony.agentConference(agentIdentity))
        if (sid) {
          const older = options.client
            .conferences(sid)
            .participants(encodeURIComponent(Telephony.participantLabels.agent))
          const there = await older.update({ endConferenceOnExit: false }).then(
            () => true,
            (error: { status?: number }) => {
              if (error.status === 404) return false
              throw error
            },
          )
          if (there) await older.remove()
        }
        return { contentType: 'text/xml', body: agentLegTwiml(agentIdentity) }
      }),
    conferenceParticipants: (conference) =>
      attempt('list conference participants', async () => {
        const sid = await conferenceSid(conference)
        if (!sid) return []
        return (await options.client.conferences(sid).participants.list()).map((participant) => ({
          label: participant.label ?? participant.callSid,
          providerCallId: participant.callSid,
          hold: participant.hold,
          muted: participant.muted,
          coaching: participant.coaching ? participant.callSidToCoach : null,
        }))
      }),
    holdParticipant: (conference, label, hold) =>
      attempt('hold a participant', async () => {
        await (await participantOf(conference, label)).update({ hold })
      }),
    addParticipant: (conference, added) =>
      attempt('add a participant', async () => {
        const sid = await conferenceSid(conference)
        if (!sid) throw new Error(`conference ${conference} is not running`)
        const { target } = added
        if (target.kind === 'agent-leg') {
          // The agent's waiting browser leg moves here; its own conference ends (nobody else is in it).
          const home = await participantOf(Telephony.agentConference(target.agentIdentity), 'agent')
          const leg = await home.fetch()
          const twiml = joinConference(conference, {
            label: added.label,
            muted: added.muted,
            coach: added.coaching,
          })
          await options.client.calls(leg.callSid).update({ twiml })
          return { providerCallId: leg.callSid }
        }
        const created = await options.client.conferences(sid).participants.create({
          from: (target.kind === 'number' && target.callerId) || options.callerId,
          to: target.kind === 'number' ? target.to : `client:${target.identity}`,
          label: added.label,
          muted: added.muted,
          beep: 'false',
          startConferenceOnEnter: true,
          endConferenceOnExit: false,
          ...(added.coaching && { coaching: true, callSidToCoach: added.coaching }),
        })
        return { providerCallId: created.callSid }
      }),
    updateParticipant: (conference, label, settings) =>
      attempt('update a participant', async () => {
        await (await participantOf(conference, label)).update({
          muted: settings.muted,
          coaching: settings.coaching !== null,
          ...(settings.coaching && { callSidToCoach: settings.coaching }),
        })
      }),
    removeParticipant: (conference, label) =>
      attempt('remove a participant', async () => {
        const sid = await conferenceSid(conference)
        if (!sid) return false
        const participant = options.client.conferences(sid).participants(encodeURIComponent(label))
        const visiting = Telephony.visitingAgentOf(label)
        try {
          if (visiting === null) return await participant.remove()
          // A visiting agent's leg goes home to wait for their next call rather than hang up.
          const leg = await participant.fetch()
          await options.client.calls(leg.callSid).update({ twiml: agentLegTwiml(visiting) })
          return true
        } catch (error) {
          if (notFound(error)) return false
          throw error
        }
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
