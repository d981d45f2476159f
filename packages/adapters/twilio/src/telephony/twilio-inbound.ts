import { Calls, decodeWith, E164, Inbound, Telephony } from '@ringlane/core'
import { Effect, Schema } from 'effect'
import twilio from 'twilio'
import type { TwilioCallsClient } from './twilio-telephony.js'

export interface TwilioInboundOptions {
  readonly client: TwilioCallsClient
  /** The public origin Twilio calls (the same as the telephony adapter's). */
  readonly publicBaseUrl: string
  readonly paths?: { readonly flow: string; readonly recordingStatus: string }
}

const IncomingCall = Schema.Struct({ CallSid: Schema.String.pipe(Schema.minLength(1)), From: E164, To: E164 })

const spoken = (
  target: { say: (text: string) => unknown; play: (url: string) => unknown },
  prompt: Inbound.Prompt,
) => {
  if ('say' in prompt) target.say(prompt.say)
  else target.play(prompt.play)
}

/**
 * Inbound calls on Twilio: the voice webhook of a number the dialler owns starts a flow, and each turn
 * is TwiML (`<Gather input="dtmf speech">`, `<Say>`, `<Play>`, `<Record>`, a hold loop of `<Pause>` and
 * `<Redirect>`), whose callbacks come back to the flow webhook with the call's place in their URL
 * (signed by Twilio with the rest of the URL).
 */
export const twilioInboundVoice = (options: TwilioInboundOptions): Inbound.InboundVoiceService => {
  const paths = options.paths ?? {
    flow: '/webhooks/twilio/ivr',
    recordingStatus: '/webhooks/twilio/recording-status',
  }
  const urlOf = (path: string, params: Record<string, string>) => {
    const url = new URL(path, options.publicBaseUrl)
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
    return url.toString()
  }
  const flowUrl = (place: Inbound.FlowPlace) =>
    urlOf(paths.flow, {
      [Calls.SESSION_PARAM]: place.sessionId,
      [Inbound.FLOW_STEP_PARAM]: place.stepId,
      [Inbound.FLOW_ATTEMPT_PARAM]: String(place.attempt),
    })

  const twiml = (next: Inbound.IvrInstructions) => {
    const response = new twilio.twiml.VoiceResponse()
    const { after } = next
    switch (after._tag) {
      case 'Gather': {
        // The prompts play inside the gather, so a caller who knows the menu can answer at once.
        const gather = response.gather({
          input: ['dtmf', 'speech'],
          numDigits: 1,
          timeout: after.timeoutSeconds,
          action: flowUrl(next.place),
          method: 'POST',
          actionOnEmptyResult: true,
          ...(after.hints.length > 0 && { hints: after.hints.join(', ') }),
        })
        for (const prompt of next.prompts) spoken(gather, prompt)
        break
      }
      case 'Record':
        for (const prompt of next.prompts) spoken(response, prompt)
        response.record({
          maxLength: after.maxLengthSeconds,
          playBeep: true,
          finishOnKey: '#',
          action: flowUrl(next.place),
          method: 'POST',
          recordingStatusCallback: urlOf(paths.recordingStatus, {
            [Calls.SESSION_PARAM]: next.place.sessionId,
          }),
          recordingStatusCallbackEvent: ['completed', 'absent'],
          recordingStatusCallbackMethod: 'POST',
        })
        break
      case 'Hold':
        // A loop: the message, a wait, and back to the flow webhook, until the call is connected.
        for (const prompt of next.prompts) spoken(response, prompt)
        if (after.music) spoken(response, after.music)
        response.pause({ length: after.seconds })
        response.redirect({ method: 'POST' }, flowUrl(next.place))
        break
      case 'HangUp':
        for (const prompt of next.prompts) spoken(response, prompt)
        response.hangup()
        break
    }
    return response.toString()
  }

  return {
    provider: 'twilio',
    incomingCall: (params) =>
      Effect.map(
        decodeWith(
          IncomingCall,
          (issue) =>
            new Telephony.InvalidWebhook({
              field: issue.field,
              message: `The Twilio voice webhook is not a call from a phone number: ${issue.message}`,
            }),
        )(params),
        (call) => ({ providerCallId: call.CallSid, from: call.From, to: call.To }),
      ),
    callerInput: (params) => ({ digits: params.Digits || null, speech: params.SpeechResult || null }),
    recordedMessage: (params) =>
      params.RecordingSid
        ? {
            providerRecordingId: params.RecordingSid,
            durationSeconds: params.RecordingDuration ? Number(params.RecordingDuration) : null,
          }
        : null,
    instructions: (next) => Effect.sync(() => ({ contentType: 'text/xml', body: twiml(next) })),
    redirect: (providerCallId, next) =>
      Effect.tryPromise({
        try: async () => {
          await options.client.calls(providerCallId).update({ twiml: twiml(next) })
        },
        catch: (cause) =>
          new Telephony.TelephonyError({
            operation: 'redirect a call',
            message: `Twilio could not redirect a call: ${cause instanceof Error ? cause.message : String(cause)}`,
            cause,
          }),
      }),
  }
}
