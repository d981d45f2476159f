import { Effect, Option, Schema } from 'effect'
import { activeAgent } from '../agents/active-agent.js'
import { AgentStore } from '../agents/agent-store.js'
import { publish } from '../kernel/events.js'
import type { AgentId, LeadId, QueueId } from '../kernel/ids.js'
import { currentDate, MINUTE } from '../kernel/time.js'
import { QueuesConfig } from './queue-definition.js'
import { type QueueEntry, QueueStore } from './queue-store.js'

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

/** An agent took a lead from a queue. */
export interface LeadClaimed {
  readonly _tag: 'LeadClaimed'
  readonly at: Date
  readonly agentId: AgentId
  readonly entryId: string
  readonly leadId: LeadId
  readonly queueId: QueueId
}

/**
 * Hands an available agent the next lead: the best waiting entry across their queues, in queue
 * priority order. An agent works one lead at a time, so asking again returns the lead they hold.
 * `None` means every queue they work is empty.
 */
export const claimNextLead = (agentId: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const store = yield* QueueStore
    const { queues } = yield* QueuesConfig
    const state = yield* Effect.flatMap(AgentStore, (agents) => agents.agentState(agent.id))
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
    const now = yield* currentDate
    const claimed = yield* store.claimNextEntry(
      agent.id,
      worked.map((q) => q.id),
      now,
    )
    if (Option.isSome(claimed)) {
      const { id, leadId, queueId } = claimed.value
      yield* publish({ _tag: 'LeadClaimed', at: now, agentId: agent.id, entryId: id, leadId, queueId })
    }
    return claimed
  })

const heldBy = (entryId: string, agentId: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const entry = yield* Effect.flatMap(QueueStore, (store) => store.findEntry(entryId))
    if (Option.isNone(entry) || entry.value.status !== 'claimed' || entry.value.claimedBy !== agent.id) {
      return yield* new EntryNotHeld({ entryId, message: `This agent does not hold queue entry ${entryId}` })
    }
    return { agent, entry: entry.value as QueueEntry }
  })

/** Gives a held lead back to its queue untouched, for another agent. */
export const releaseLead = (agentId: string, entryId: string) =>
  Effect.gen(function* () {
    const { agent } = yield* heldBy(entryId, agentId)
    yield* Effect.flatMap(QueueStore, (store) => store.releaseEntry(entryId, agent.id))
  })

/** Gives back whatever lead the agent holds (they went offline or paused before dialling it). */
export const releaseHeldLead = (agentId: AgentId) =>
  Effect.gen(function* () {
    const store = yield* QueueStore
    const held = yield* store.heldEntry(agentId)
    if (Option.isSome(held)) yield* store.releaseEntry(held.value.id, agentId)
  })

/** Skips a held lead with a reason; it is not offered again before the skip cool-down ends. */
export const skipLead = (agentId: string, entryId: string, reason: string) =>
  Effect.gen(function* () {
    if (typeof reason !== 'string' || !reason.trim()) {
      return yield* new SkipReasonRequired({
        field: 'reason',
        message: 'reason: say why the lead is skipped',
      })
    }
    const { agent } = yield* heldBy(entryId, agentId)
    const { rules } = yield* QueuesConfig
    const now = yield* currentDate
    yield* Effect.flatMap(QueueStore, (store) =>
      store.skipEntry(entryId, agent.id, reason.trim(), new Date(+now + rules.skipCooldownMinutes * MINUTE)),
    )
  })

/** Returns claims nobody acted on within the expiry to their queues. */
export const expireStaleClaims = Effect.gen(function* () {
  const { rules } = yield* QueuesConfig
  const now = yield* currentDate
  return yield* Effect.flatMap(QueueStore, (store) =>
    store.expireStaleClaims(new Date(+now - rules.claimExpiryMinutes * MINUTE)),
  )
})
