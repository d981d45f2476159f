import { Effect } from 'effect'
import { publish } from '../kernel/events.js'
import type { WebhookRequest } from '../kernel/webhooks.js'
import { Telephony } from '../telephony/telephony.js'
import { processRecordingEvent } from './pipeline.js'

/** A recording's media was copied into storage. */
export interface RecordingStored {
  readonly _tag: 'RecordingStored'
  readonly at: Date
  readonly recordingId: string
  readonly sessionId: string | null
}

/**
 * The provider's recording-status webhook: verified, parsed and run through the pipeline. Answer 403
 * on `WebhookRejected`, 400 on `InvalidWebhook`; a duplicate changes nothing.
 */
export const handleRecordingStatus = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const telephony = yield* Telephony
    const params = yield* telephony.verifyWebhook(request)
    const event = yield* telephony.parseRecordingEvent(params)
    const result = yield* processRecordingEvent(event)
    if (result.outcome === 'stored') {
      yield* publish({
        _tag: 'RecordingStored',
        at: result.recording.storedAt ?? event.occurredAt,
        recordingId: result.recording.id,
        sessionId: result.recording.sessionId,
      })
    }
    return result
  })
