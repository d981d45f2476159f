import { Effect, Option } from 'effect'
import { CallStore } from '../../calls/call-store.js'
import { QueueStore } from '../../queues/queue-store.js'
import { callEnded, enqueue } from '../../routing/enqueue.js'
import { existingQueue } from '../../routing/manage-queues.js'
import { Telephony } from '../../telephony/telephony.js'
import { NoTransferInProgress } from './errors.js'
import { agentsLiveCall, noteControl, toWrapUp } from './live-call.js'

/**
 * Transfers the agent's call to a live-call queue: the caller leaves the agent's conference to wait
 * with hold music, the call and its lead have no agent until routing connects the next one, and the
 * agent wraps up. The queue is checked first, so an unknown queue changes nothing. The call's stay in
 * the queue it came from (an inbound call) ends here, as a transferred contact's does.
 */
export const transferToQueue = (agentId: string, queueId: string) =>
  Effect.gen(function* () {
    const { agent, call } = yield* agentsLiveCall(agentId)
    const queue = yield* existingQueue(queueId)
    const { session } = call
    const moved = yield* Effect.flatMap(CallStore, (calls) =>
      calls.transferSession(session.id, agent.id, null),
    )
    if (Option.isNone(moved))
      return yield* new NoTransferInProgress({
        sessionId: session.id,
        message: 'The call ended or its outcome was recorded meanwhile; nothing was transferred',
      })
    yield* Effect.flatMap(QueueStore, (queues) => queues.passEntry(session.entryId, agent.id, null))
    yield* Effect.flatMap(Telephony, (t) => t.waitForAgent(session.providerCallId))
    yield* callEnded(session.id)
    yield* enqueue({
      callId: session.id,
      providerCallId: session.providerCallId,
      queueId: queue.id,
      direction: session.direction,
      attributes: { leadId: session.leadId, transferredBy: agent.id },
    })
    yield* toWrapUp(agent.id)
    yield* noteControl(agent.id, call, 'transferred-to-queue', null, queue.id)
    return moved.value
  })
