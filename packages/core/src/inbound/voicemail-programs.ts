import { Effect, Option, Schema } from 'effect'
import { activeAgent } from '../agents/active-agent.js'
import type { Agent } from '../agents/agent.js'
import { decodeWith } from '../kernel/decode.js'
import { currentDate } from '../kernel/time.js'
import { ContactHistoryStore } from '../leads/contact-history.js'
import { RecordingStorage } from '../recordings/recording-storage.js'
import { RecordingStore } from '../recordings/recording-store.js'
import { liveQueuesOf } from './agent-desk.js'
import { callerLeadId } from './answer-call.js'
import { InvalidVoicemailRequest, UnknownVoicemail } from './errors.js'
import { InboundStore } from './inbound-store.js'
import { VoicemailBox, VoicemailQuery, type VoicemailQueryInput } from './voicemail.js'

const invalid = (issue: { field: string; message: string }) => new InvalidVoicemailRequest(issue)

/** Saves a voicemail box (new or changed), checked whole: a bad field rejects naming it. */
export const saveVoicemailBox = (input: unknown) =>
  Effect.flatMap(decodeWith(VoicemailBox, invalid)(input), (box) =>
    Effect.flatMap(InboundStore, (store) => store.saveBox(box)),
  )

export const listVoicemails = (query: VoicemailQueryInput = {}) =>
  Effect.flatMap(decodeWith(VoicemailQuery, invalid)(query), (valid) =>
    Effect.flatMap(InboundStore, (store) => store.listVoicemails(valid)),
  )

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const existingMessage = (messageId: string) =>
  Effect.flatMap(
    UUID.test(messageId)
      ? Effect.flatMap(InboundStore, (store) => store.findVoicemail(messageId))
      : Effect.succeed(Option.none()),
    Option.match({
      onNone: () =>
        Effect.fail(
          new UnknownVoicemail({
            field: 'messageId',
            id: messageId,
            message: `There is no voicemail ${messageId}`,
          }),
        ),
      onSome: Effect.succeed,
    }),
  )

/**
 * The boxes an account may hear: every box for supervisors and admins; for an agent, their own box
 * and the boxes of the queues they work (live-call queues, and the lead queues they are given).
 */
const boxesFor = (agent: Agent) =>
  Effect.gen(function* () {
    const boxes = yield* Effect.flatMap(InboundStore, (store) => store.listBoxes())
    if (agent.role !== 'agent') return boxes
    const queues = new Set([...(yield* liveQueuesOf(agent.id)), ...agent.queueIds])
    return boxes.filter((box) =>
      box.owner._tag === 'agent' ? box.owner.agentId === agent.id : queues.has(box.owner.queueId),
    )
  })

/** The message, when the account may hear it; for an agent, a message of another box is not there. */
const messageFor = (agent: Agent, messageId: string) =>
  Effect.gen(function* () {
    const message = yield* existingMessage(messageId)
    if (agent.role === 'agent' && !(yield* boxesFor(agent)).some((box) => box.id === message.boxId))
      return yield* new UnknownVoicemail({
        field: 'messageId',
        id: messageId,
        message: `There is no voicemail ${messageId} in your boxes`,
      })
    return message
  })

/**
 * An agent's voicemail inbox: the messages of the boxes they may hear (their own, their queues'),
 * newest first, with those boxes. `boxId` narrows to one of them; another box gives nothing.
 */
export const agentVoicemails = (agentId: string, query: VoicemailQueryInput = {}) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const valid = yield* decodeWith(VoicemailQuery, invalid)(query)
    const boxes = (yield* boxesFor(agent)).filter(
      (box) => valid.boxId === undefined || box.id === valid.boxId,
    )
    const store = yield* InboundStore
    const lists = yield* Effect.forEach(boxes, (box) => store.listVoicemails({ ...valid, boxId: box.id }))
    const messages = lists
      .flat()
      .sort((a, b) => +b.recordedAt - +a.recordedAt || (a.id < b.id ? 1 : -1))
      .slice(0, valid.limit)
    return { boxes, messages }
  })

export const findVoicemail = (messageId: string) =>
  Effect.catchTag(existingMessage(messageId), 'UnknownVoicemail', () => Effect.succeed(null))

/** The agent heard the message (the first time counts); an agent only in a box they may hear. */
export const markVoicemailHeard = (agentId: string, messageId: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const message = yield* messageFor(agent, messageId)
    const store = yield* InboundStore
    return Option.getOrElse(yield* store.markHeard(message.id, agent.id, yield* currentDate), () => message)
  })

const CallbackRequest = Schema.Struct({
  /** When to call back; now by default. */
  dueAt: Schema.optional(Schema.ValidDateFromSelf),
  /** Who calls back: the agent making it by default; null for whoever is free. */
  ownerAgentId: Schema.optional(Schema.NullOr(Schema.String)),
})
export type VoicemailCallbackRequest = typeof CallbackRequest.Encoded

/**
 * Makes a callback from a voicemail, to the number that left it, with the message in its notes; once
 * per message (a second request gives the first callback back). The message is marked heard. An
 * agent makes them only from the boxes they may hear.
 */
export const callbackFromVoicemail = (
  agentId: string,
  messageId: string,
  request: VoicemailCallbackRequest = {},
) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const valid = yield* decodeWith(CallbackRequest, invalid)(request)
    const message = yield* messageFor(agent, messageId)
    const store = yield* InboundStore
    const now = yield* currentDate
    if (message.callbackId) return { message, callbackId: message.callbackId, created: false }
    const owner =
      valid.ownerAgentId === null
        ? null
        : valid.ownerAgentId === undefined
          ? agent.id
          : (yield* activeAgent(valid.ownerAgentId)).id
    const history = yield* ContactHistoryStore
    const { id } = yield* history.scheduleCallback({
      leadId: message.leadId ?? callerLeadId(message.from),
      phone: message.from,
      ownerAgentId: owner,
      dueAt: valid.dueAt ?? now,
      notes: `Voicemail of ${message.recordedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (${message.durationSeconds ?? '?'} s)`,
      createdBy: agent.id,
    })
    const linked = yield* store.linkCallback(message.id, id)
    if (Option.isNone(linked) || linked.value.callbackId !== id) {
      // Someone else made one at the same moment: theirs stands, this one is cancelled.
      yield* history.changeCallback(id, owner, { _tag: 'Cancel' }, now)
      const current = Option.getOrElse(linked, () => message)
      return { message: current, callbackId: current.callbackId ?? id, created: false }
    }
    yield* store.markHeard(message.id, agent.id, now)
    return { message: linked.value, callbackId: id, created: true }
  })

/**
 * The `voicemail-retention` job: deletes messages older than their box's `retentionDays`, and their
 * recordings' media (the recording rows stay, marked deleted, as retention does for calls).
 */
export const applyVoicemailRetention = Effect.gen(function* () {
  const store = yield* InboundStore
  const now = yield* currentDate
  const deleted = yield* store.deleteExpiredVoicemails(now)
  const recordings = yield* Effect.serviceOption(RecordingStore)
  const storage = yield* Effect.serviceOption(RecordingStorage)
  let recordingsDeleted = 0
  if (Option.isSome(recordings) && Option.isSome(storage)) {
    for (const message of deleted) {
      for (const recording of yield* recordings.value.listRecordings({
        sessionId: message.sessionId,
        limit: 10,
      })) {
        if (recording.status === 'deleted') continue
        if (recording.storagePath) {
          const removed = yield* Effect.either(storage.value.remove(recording.storagePath))
          if (removed._tag === 'Left') continue
        }
        yield* recordings.value.markDeleted(recording.id, now)
        recordingsDeleted++
      }
    }
  }
  return { voicemailsDeleted: deleted.length, recordingsDeleted }
})
