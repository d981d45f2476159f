import { Clock, Effect, Option, Schema } from 'effect'
import { type Agent, AgentId } from '../agents/agent.js'
import { DiallerConfig } from '../dialler-config.js'
import { decodeWith } from '../internal/decode.js'
import { DiallerStore, type QueueEntry } from '../store/dialler-store.js'
import type { QueueId } from './queue-definition.js'

export class InvalidAgentId extends Schema.TaggedError<InvalidAgentId>()('InvalidAgentId', {
  field: Schema.Literal('agentId'),
  message: Schema.String,
}) {}

export class UnknownAgent extends Schema.TaggedError<UnknownAgent>()('UnknownAgent', {
  agentId: Schema.String,
  message: Schema.String,
}) {}

export class AgentNotAvailable extends Schema.TaggedError<AgentNotAvailable>()('AgentNotAvailable', {
  agentId: Schema.String,
  state: Schema.String,
  message: Schema.String,
}) {}

export class EntryNotHeld extends Schema.TaggedError<EntryNotHeld>()('EntryNotHeld', {
  entryId: Schema.String,
  message: Schema.String,
}) {}

export class SkipReasonRequired extends Schema.TaggedError<SkipReasonRequired>()('SkipReasonRequired', {
  field: Schema.Literal('reason'),
  message: Schema.String,
}) {}

export const decodeAgentId = decodeWith(
  AgentId,
  () => new InvalidAgentId({ field: 'agentId', message: 'agentId: must be a UUID' }),
)

/** The agent as found, if there is one and they are active. */
export const onlyActive = (agentId: string, found: Option.Option<Agent>) =>
  Option.isSome(found) && found.value.active
    ? Effect.succeed(found.value)
    : Effect.fail(new UnknownAgent({ agentId, message: `No active agent has id ${agentId}` }))

/** Checks an agent id from outside (a form, an SDK call) and that such an active agent exists. */
export const activeAgent = (agentId: string) =>
  Effect.gen(function* () {
    const id = yield* decodeAgentId(agentId)
    return yield* onlyActive(agentId, yield* Effect.flatMap(DiallerStore, (store) => store.findAgent(id)))
  })

/**
 * Hands an available agent the next lead: the best waiting entry across their queues, in queue
 * priority order. An agent works one lead at a time, so asking again returns the lead they hold.
 * `None` means every queue they work is empty.
 */
export const claimNextLead = (agentId: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const store = yield* DiallerStore
    const { queues } = yield* DiallerConfig
    const state = yield* store.agentState(agent.id)
    const held = yield* store.heldEntry(agent.id)
    if (Option.isSome(held)) return held
    if (state.state !== 'available') {
      return yield* new AgentNotAvailable({
        agentId,
        state: state.state,
        message: `Only an available agent gets leads; this agent is ${state.state.replace('_', ' ')}`,
      })
    }
    const worked = agent.queueIds.length === 0 ? queues : queues.filter((q) => agent.queueIds.includes(q.id))
    const now = new Date(yield* Clock.currentTimeMillis)
    return yield* store.claimNextEntry(
      agent.id,
      worked.map((q) => q.id as QueueId),
      now,
    )
  })

const heldBy = (entryId: string, agentId: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const entry = yield* Effect.flatMap(DiallerStore, (store) => store.findEntry(entryId))
    if (Option.isNone(entry) || entry.value.status !== 'claimed' || entry.value.claimedBy !== agent.id) {
      return yield* new EntryNotHeld({ entryId, message: `This agent does not hold queue entry ${entryId}` })
    }
    return { agent, entry: entry.value as QueueEntry }
  })

/** Gives a held lead back to its queue untouched, for another agent. */
export const releaseLead = (agentId: string, entryId: string) =>
  Effect.gen(function* () {
    const { agent } = yield* heldBy(entryId, agentId)
    yield* Effect.flatMap(DiallerStore, (store) => store.releaseEntry(entryId, agent.id))
  })

/** Skips a held lead with a reason; it is not offered again before the skip cool-down ends. */
export const skipLead = (agentId: string, entryId: string, reason: string) =>
  Effect.gen(function* () {
    if (!reason.trim()) {
      return yield* new SkipReasonRequired({
        field: 'reason',
        message: 'reason: say why the lead is skipped',
      })
    }
    const { agent } = yield* heldBy(entryId, agentId)
    const { settings } = yield* DiallerConfig
    const now = yield* Clock.currentTimeMillis
    yield* Effect.flatMap(DiallerStore, (store) =>
      store.skipEntry(
        entryId,
        agent.id,
        reason.trim(),
        new Date(now + settings.skipCooldownMinutes * 60_000),
      ),
    )
  })

/** Returns claims nobody acted on within the expiry to their queues. */
export const expireStaleClaims = Effect.gen(function* () {
  const { settings } = yield* DiallerConfig
  const now = yield* Clock.currentTimeMillis
  return yield* Effect.flatMap(DiallerStore, (store) =>
    store.expireStaleClaims(new Date(now - settings.claimExpiryMinutes * 60_000)),
  )
})
