import { Effect, Option } from 'effect'
import { enqueue } from '../routing/enqueue.js'
import type { RoutingQueueId } from '../routing/queue.js'
import { Telephony } from '../telephony/telephony.js'
import type { HandoffReason } from './session.js'

/** The human queue's answer to a handoff: taken, or refused with why. */
export type HandoffResult = { readonly taken: true } | { readonly taken: false; readonly reason: string }

/** The handoff a session asks for: the call, the queue, and what a person should know. */
export interface HandoffRequest {
  readonly callId: string
  readonly providerCallId: string
  readonly queueId: string
  readonly direction: 'inbound' | 'outbound'
  readonly reason: HandoffReason
  readonly summary: string
  readonly sessionId: string
}

/**
 * Hands an AI session's call to its human queue through routing: the call waits there like any other
 * and routing reserves and connects a person. The summary and why it came travel as call attributes
 * (`call.aiHandoffReason` in a rule), and the whole record stays on the AI session.
 */
export const handOverToQueue = (request: HandoffRequest) =>
  Effect.zipRight(
    holdTheLine(request.providerCallId),
    enqueue({
      callId: request.callId,
      providerCallId: request.providerCallId,
      queueId: request.queueId as RoutingQueueId,
      direction: request.direction,
      attributes: {
        aiSessionId: request.sessionId,
        aiHandoffReason: request.reason,
        aiSummary: request.summary,
      },
    }).pipe(
      Effect.map(
        (contact): HandoffResult =>
          contact.state === 'overflowed'
            ? { taken: false, reason: `queue ${request.queueId} was full; the call went to its overflow` }
            : { taken: true },
      ),
      // A refused handoff is part of the call's record, not a crash of the session.
      Effect.catchAll((error) => Effect.succeed<HandoffResult>({ taken: false, reason: error.message })),
    ),
  )

/**
 * The caller waits for a person with the provider's hold music, out of the AI's audio stream (a Twilio
 * Media Stream ends there; were it closed first, the call would end with it). Before the call is
 * queued, so routing's connect is never undone. A failure leaves the caller on the AI line, queued all
 * the same.
 */
const holdTheLine = (providerCallId: string) =>
  Effect.flatMap(Effect.serviceOption(Telephony), (telephony) =>
    Option.isNone(telephony)
      ? Effect.void
      : Effect.catchAll(telephony.value.waitForAgent(providerCallId), (error) =>
          Effect.logWarning('voice AI: the caller could not be put on hold for the handoff', error),
        ),
  )
