import { VoiceAi } from '@ringlane/core'
import { Effect, Option } from 'effect'
import type { TwilioCallsClient } from '../telephony/twilio-telephony.js'
import { aiAgentStreamTwiml } from './media-stream-line.js'

/** The stream's custom parameter that carries the call's signed ticket back to the dialler. */
export const TICKET_PARAMETER = 'ticket'

/**
 * Twilio's side of `AiCallLines`: an answered call is redirected (`calls(sid).update({ twiml })`) to
 * `<Connect><Stream url="wss://…">` with its signed ticket as the `ticket` custom parameter. The line
 * comes later, on the app's WebSocket at `streamUrl`: read it with `twilioMediaStreamLine` and give
 * it, with `start.customParameters.ticket` and `start.callSid`, to `voiceAi.acceptStream`.
 */
export const twilioAiCallLines = (options: {
  readonly client: Pick<TwilioCallsClient, 'calls'>
  /** The app's Media Streams WebSocket, e.g. `wss://dialler.example.com/voice-ai/media-stream`. */
  readonly streamUrl: string
}): VoiceAi.AiCallLinesService => {
  // Checked once, when the dialler is built: a wrong URL is a configuration mistake.
  aiAgentStreamTwiml({ streamUrl: options.streamUrl })
  return {
    connect: ({ request, ticket }) =>
      ticket === null
        ? Effect.fail(
            new VoiceAi.AiLineFailed({
              providerCallId: request.providerCallId,
              message: 'no stream ticket: set voiceAi.settings.streamSecret so the stream can be verified',
            }),
          )
        : Effect.tryPromise({
            try: async () => {
              const twiml = aiAgentStreamTwiml({
                streamUrl: options.streamUrl,
                parameters: { [TICKET_PARAMETER]: ticket },
              })
              await options.client.calls(request.providerCallId).update({ twiml })
              return Option.none<VoiceAi.CallAudioLine>()
            },
            catch: (cause) =>
              new VoiceAi.AiLineFailed({
                providerCallId: request.providerCallId,
                message: `Twilio did not redirect the call to its AI agent: ${cause instanceof Error ? cause.message : String(cause)}`,
                cause,
              }),
          }),
  }
}
