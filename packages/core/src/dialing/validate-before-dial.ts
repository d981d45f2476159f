import { Effect, Option, Schema } from 'effect'
import { decodeAgentId, onlyActive } from '../agents/active-agent.js'
import {
  attemptCapRefusals,
  ComplianceConfig,
  type ContactRefusalCode,
  callingWindowRefusal,
} from '../compliance/contact-rules.js'
import { SuppressionStore } from '../compliance/suppression-store.js'
import { type DiallableLineType, type E164, normalizeWithConfig } from '../kernel/phone-numbers.js'
import { currentDate, DAY, MINUTE } from '../kernel/time.js'
import type { LeadSourceError } from '../leads/lead-source.js'
import { LeadSource } from '../leads/lead-source.js'
import { type CircuitOpen, SourceBreaker } from '../leads/source-breaker.js'
import { EntryNotHeld } from '../queues/claim.js'
import { QueuesConfig } from '../queues/queue-definition.js'
import type { QueueEntry } from '../queues/queue-store.js'
import { PreDialFactsReader } from './pre-dial-facts.js'

export type RefusalCode =
  | 'not_found'
  | 'converted'
  | 'not_eligible'
  | 'opted_out'
  | 'cooling'
  | 'retry_later'
  | 'invalid_number'
  | ContactRefusalCode

export interface Refusal {
  readonly code: RefusalCode
  /** For the agent: what is wrong and, where it helps, when to try again. */
  readonly message: string
}

export type DialDecision =
  | {
      readonly _tag: 'Allowed'
      readonly entry: QueueEntry
      readonly phone: E164
      readonly lineType: DiallableLineType
    }
  | { readonly _tag: 'Refused'; readonly entry: QueueEntry; readonly refusals: ReadonlyArray<Refusal> }

/** The source did not answer in time or failed: no call is placed on stale information. */
export class SourceUnavailable extends Schema.TaggedError<SourceUnavailable>()('SourceUnavailable', {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

const time = (date: Date) => date.toISOString().slice(11, 16)

/**
 * The last check before a call, made live: the source still has this person eligible, the dialler has
 * no reason to hold off (opt-out, cooling, retry rule, attempt caps, conversion, calling hours) and the
 * number is a valid mobile or landline. Every reason is reported, for the agent to read.
 *
 * Fails closed: if the source errors, is slow (`sourceTimeoutMs`) or its circuit is open, this fails
 * with `SourceUnavailable` and no call may be placed.
 */
export const validateBeforeDial = (agentId: string, entryId: string) =>
  Effect.gen(function* () {
    const reader = yield* PreDialFactsReader
    const source = yield* LeadSource
    const breaker = yield* SourceBreaker
    const { queues, rules } = yield* QueuesConfig
    const contactRules = yield* ComplianceConfig

    const id = yield* decodeAgentId(agentId)
    const now = yield* currentDate
    // Two round trips in a row, one to each database: everything the dialler knows in one read, then
    // the live re-check. Fewer statements at once also keep the tail short on a small machine.
    const facts = yield* reader.preDialFacts(id, entryId, new Date(+now - rules.conversionHoldDays * DAY))
    const agent = yield* onlyActive(agentId, facts.agent)
    const found = facts.entry
    if (Option.isNone(found) || found.value.status !== 'claimed' || found.value.claimedBy !== agent.id) {
      return yield* new EntryNotHeld({
        entryId,
        message: `This agent does not hold queue entry ${entryId}; claim a lead first`,
      })
    }
    const entry = found.value

    const answers = yield* breaker.ask('re-check', source.recheck(entry.queueId, [entry.leadId])).pipe(
      Effect.mapError(
        (cause: LeadSourceError | CircuitOpen) =>
          new SourceUnavailable({
            message: `Cannot confirm this lead may be called, so no call is placed: ${cause.message}. Try again shortly.`,
            cause,
          }),
      ),
    )

    const refusals: Refusal[] = []
    const answer = answers.get(entry.leadId) ?? {
      eligible: false as const,
      reason: 'not-found' as const,
      detail: 'not in the source',
    }
    if (!answer.eligible) {
      refusals.push(
        answer.reason === 'completed'
          ? { code: 'converted', message: `Nothing left to call about: ${answer.detail}` }
          : answer.reason === 'not-found'
            ? { code: 'not_found', message: 'This person is no longer in the source' }
            : { code: 'not_eligible', message: `No longer eligible: ${answer.detail}` },
      )
      return { _tag: 'Refused', entry, refusals } satisfies DialDecision as DialDecision
    }

    const number = yield* Effect.either(normalizeWithConfig(answer.phone, 'phone'))
    if (number._tag === 'Left') {
      refusals.push({
        code: 'invalid_number',
        message: `The number on file cannot be dialled: ${number.left.message}`,
      })
    } else {
      // The queued number was checked above; a number changed in the source since is checked now.
      const optedOut =
        number.right.e164 === entry.phone
          ? facts.optedOut
          : (yield* Effect.flatMap(SuppressionStore, (s) => s.optedOut([number.right.e164]))).has(
              number.right.e164,
            )
      if (optedOut) {
        refusals.push({ code: 'opted_out', message: 'This number has opted out of contact' })
      }
      const window = callingWindowRefusal(contactRules, number.right.region, now)
      if (window) refusals.push(window)
    }

    const { activity } = facts
    const queue = queues.find((q) => q.id === entry.queueId)
    const isCallback = entry.callbackId !== null
    if (activity && !isCallback) {
      const coolingMinutes = queue?.coolingMinutes ?? 0
      if (activity.lastContactAt && +activity.lastContactAt > +now - coolingMinutes * MINUTE) {
        refusals.push({
          code: 'cooling',
          message: `Contacted at ${time(activity.lastContactAt)} UTC; wait until ${time(new Date(+activity.lastContactAt + coolingMinutes * MINUTE))} UTC`,
        })
      }
      if (activity.nextCallAfter && +activity.nextCallAfter > +now) {
        refusals.push({
          code: 'retry_later',
          message: `Not to be called again before ${activity.nextCallAfter.toISOString()}`,
        })
      }
    }
    refusals.push(...attemptCapRefusals(contactRules, activity, now))
    if (facts.converted) {
      refusals.push({ code: 'converted', message: 'Already converted for this queue' })
    }

    if (refusals.length > 0 || number._tag === 'Left') {
      return { _tag: 'Refused', entry, refusals } satisfies DialDecision as DialDecision
    }
    return {
      _tag: 'Allowed',
      entry,
      phone: number.right.e164,
      lineType: number.right.lineType,
    } satisfies DialDecision as DialDecision
  })
