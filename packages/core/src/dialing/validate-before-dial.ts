import { Effect, Option, Schema } from 'effect'
import { decodeAgentId, onlyActive } from '../agents/active-agent.js'
import {
  type CheckedRule,
  type ContactEvidence,
  type ContactRefusalCode,
  decideContact,
} from '../compliance/contact-decision.js'
import { activeProfile, ComplianceConfig } from '../compliance/contact-rules.js'
import { leadTimeZones } from '../compliance/lead-zones.js'
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

/**
 * What a dial decision rested on, allowed or refused, for a later step to store: every check made
 * (compliance rules with their profile and version, and the dialler's own: the live source, opt-outs,
 * cooling, retry rules, conversions, the number) and the compliance facts (the lead's zones and local
 * time, the window, the attempts counted). `compliance` is null when the call was refused before the
 * number could be placed in a zone (the lead left the source, or the number cannot be dialled).
 */
export interface DialEvidence {
  readonly checked: ReadonlyArray<CheckedRule>
  readonly compliance: ContactEvidence | null
}

export type DialDecision =
  | {
      readonly _tag: 'Allowed'
      readonly entry: QueueEntry
      readonly phone: E164
      readonly lineType: DiallableLineType
      readonly evidence: DialEvidence
    }
  | {
      readonly _tag: 'Refused'
      readonly entry: QueueEntry
      readonly refusals: ReadonlyArray<Refusal>
      readonly evidence: DialEvidence
    }

/** The source did not answer in time or failed: no call is placed on stale information. */
export class SourceUnavailable extends Schema.TaggedError<SourceUnavailable>()('SourceUnavailable', {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

const time = (date: Date) => date.toISOString().slice(11, 16)

/** A check of the dialler's own (not a profile's rule), in the evidence. */
const own = (ruleId: string, refused: boolean): CheckedRule => ({
  ruleId,
  profileId: null,
  profileVersion: null,
  outcome: refused ? 'refused' : 'passed',
})

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
    const active = activeProfile(contactRules)
    if (active._tag === 'Left') return yield* Effect.die(new Error(active.left.message))

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
    const checked: CheckedRule[] = []
    const answer = answers.get(entry.leadId) ?? {
      eligible: false as const,
      reason: 'not-found' as const,
      detail: 'not in the source',
    }
    checked.push(own('source.eligible', !answer.eligible))
    if (!answer.eligible) {
      refusals.push(
        answer.reason === 'completed'
          ? { code: 'converted', message: `Nothing left to call about: ${answer.detail}` }
          : answer.reason === 'not-found'
            ? { code: 'not_found', message: 'This person is no longer in the source' }
            : { code: 'not_eligible', message: `No longer eligible: ${answer.detail}` },
      )
      return {
        _tag: 'Refused',
        entry,
        refusals,
        evidence: { checked, compliance: null },
      } satisfies DialDecision as DialDecision
    }

    const { activity } = facts
    const number = yield* Effect.either(normalizeWithConfig(answer.phone, 'phone'))
    checked.push(own('number.diallable', number._tag === 'Left'))
    let compliance: ContactEvidence | null = null
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
      checked.push(own('suppression.opt-out', optedOut))
      if (optedOut) {
        refusals.push({ code: 'opted_out', message: 'This number has opted out of contact' })
      }
      const decision = decideContact({
        now,
        rules: contactRules,
        active: active.right,
        zones: leadTimeZones(answer.address, number.right, contactRules),
        history: activity && {
          attemptsTotal: activity.attemptsTotal,
          recentAttempts: activity.recentAttempts,
          lastConversationAt: activity.lastContactAt,
        },
        // Preview: the agent places the call from the browser, so an agent is on every answered call.
        agentGuaranteed: true,
      })
      refusals.push(...decision.refusals.map(({ code, message }) => ({ code, message })))
      compliance = decision.evidence
    }

    const queue = queues.find((q) => q.id === entry.queueId)
    const isCallback = entry.callbackId !== null
    if (!isCallback) {
      const coolingMinutes = queue?.coolingMinutes ?? 0
      const cooling = activity?.lastContactAt && +activity.lastContactAt > +now - coolingMinutes * MINUTE
      checked.push(own('queue.cooling', Boolean(cooling)))
      if (cooling && activity?.lastContactAt) {
        refusals.push({
          code: 'cooling',
          message: `Contacted at ${time(activity.lastContactAt)} UTC; wait until ${time(new Date(+activity.lastContactAt + coolingMinutes * MINUTE))} UTC`,
        })
      }
      const deferred = activity?.nextCallAfter && +activity.nextCallAfter > +now
      checked.push(own('queue.retry-later', Boolean(deferred)))
      if (deferred && activity?.nextCallAfter) {
        refusals.push({
          code: 'retry_later',
          message: `Not to be called again before ${activity.nextCallAfter.toISOString()}`,
        })
      }
    }
    checked.push(own('queue.converted', facts.converted))
    if (facts.converted) {
      refusals.push({ code: 'converted', message: 'Already converted for this queue' })
    }

    const evidence: DialEvidence = {
      checked: [...checked, ...(compliance?.checked ?? [])],
      compliance,
    }
    if (refusals.length > 0 || number._tag === 'Left') {
      return { _tag: 'Refused', entry, refusals, evidence } satisfies DialDecision as DialDecision
    }
    return {
      _tag: 'Allowed',
      entry,
      phone: number.right.e164,
      lineType: number.right.lineType,
      evidence,
    } satisfies DialDecision as DialDecision
  })
