import { Effect, Option, Schema } from 'effect'
import { activeAgent } from '../agents/active-agent.js'
import { decodeWith } from '../kernel/decode.js'
import type { AgentId } from '../kernel/ids.js'
import { currentDate, DAY } from '../kernel/time.js'
import { type CallbackChange, ContactHistoryStore } from '../leads/contact-history.js'

/** What an agent asks of a callback: move it, hand it to someone (null: whoever is free), or cancel it. */
export const CallbackChangeInput = Schema.Union(
  Schema.Struct({ action: Schema.Literal('move'), dueAt: Schema.Date }),
  Schema.Struct({ action: Schema.Literal('hand-over'), toAgentId: Schema.NullOr(Schema.String) }),
  Schema.Struct({ action: Schema.Literal('cancel') }),
)
export type CallbackChangeInput = typeof CallbackChangeInput.Encoded

export class InvalidCallbackChange extends Schema.TaggedError<InvalidCallbackChange>()(
  'InvalidCallbackChange',
  { field: Schema.String, message: Schema.String },
) {}

export class CallbackNotFound extends Schema.TaggedError<CallbackNotFound>()('CallbackNotFound', {
  callbackId: Schema.String,
  message: Schema.String,
}) {}

const decodeChange = decodeWith(CallbackChangeInput, (issue) => new InvalidCallbackChange(issue))

/**
 * Moves, hands over or cancels a pending callback. Its owner may, anyone may for an open one (no
 * owner), and a supervisor or admin may for any. A new time is in the future and within 90 days; a new
 * owner is an active account. The callback afterwards.
 */
export const changeCallback = (agentId: string, callbackId: string, input: CallbackChangeInput) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const change = yield* decodeChange(input)
    const history = yield* ContactHistoryStore
    const notFound = new CallbackNotFound({
      callbackId,
      message: 'That callback is no longer pending (done, cancelled or changed meanwhile): reload the list',
    })
    const found = yield* history.findCallback(callbackId)
    if (Option.isNone(found)) return yield* notFound
    const callback = found.value
    const manager = agent.role === 'supervisor' || agent.role === 'admin'
    if (callback.ownerAgentId !== null && callback.ownerAgentId !== agent.id && !manager) {
      return yield* new CallbackNotFound({
        callbackId,
        message: 'That callback belongs to another agent: ask them or a supervisor to change it',
      })
    }
    const now = yield* currentDate
    let wanted: CallbackChange
    if (change.action === 'move') {
      if (+change.dueAt <= +now || +change.dueAt > +now + 90 * DAY)
        return yield* new InvalidCallbackChange({
          field: 'dueAt',
          message: 'dueAt: a callback must be in the future and within 90 days',
        })
      wanted = { _tag: 'Move', dueAt: change.dueAt }
    } else if (change.action === 'hand-over') {
      const to: AgentId | null =
        change.toAgentId === null
          ? null
          : yield* Effect.mapError(
              Effect.map(activeAgent(change.toAgentId), (a) => a.id),
              () =>
                new InvalidCallbackChange({
                  field: 'toAgentId',
                  message: 'toAgentId: hand it to an active agent, or to whoever is free',
                }),
            )
      wanted = { _tag: 'HandOver', ownerAgentId: to }
    } else {
      wanted = { _tag: 'Cancel' }
    }
    const changed = yield* history.changeCallback(callbackId, callback.ownerAgentId, wanted, now)
    if (Option.isNone(changed)) return yield* notFound
    return changed.value
  })
