import { Effect, Option, Schema } from 'effect'
import { decodeAgentId, onlyActive } from '../agents/active-agent.js'
import type { CallSession } from '../calls/call-session.js'
import { CallStore } from '../calls/call-store.js'
import { activeProfile, ComplianceConfig } from '../compliance/contact-rules.js'
import { leadTimeZones } from '../compliance/lead-zones.js'
import { SuppressionListStore } from '../compliance/suppression-lists.js'
import { SuppressionStore } from '../compliance/suppression-store.js'
import type { LeadId } from '../kernel/ids.js'
import { normalizeWithConfig } from '../kernel/phone-numbers.js'
import { currentDate, DAY } from '../kernel/time.js'
import type { LeadSourceError } from '../leads/lead-source.js'
import { LeadSource } from '../leads/lead-source.js'
import { type CircuitOpen, SourceBreaker } from '../leads/source-breaker.js'
import { EntryNotHeld } from '../queues/claim.js'
import { QueuesConfig } from '../queues/queue-definition.js'
import type { QueueEntry } from '../queues/queue-store.js'
import { currentQueues } from '../queues/queue-tuning.js'
import { decideDial } from './dial-decision.js'
import { type PreDialFacts, PreDialFactsReader } from './pre-dial-facts.js'

/** The source did not answer in time or failed: no call is placed on stale information. */
export class SourceUnavailable extends Schema.TaggedError<SourceUnavailable>()('SourceUnavailable', {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/**
 * The last check before a call, made live: the source still has this person eligible, the dialler has
 * no reason to hold off (opt-out, do-not-call lists and their freshness, cooling, retry rule, attempt caps, conversion, calling hours) and the
 * number is a valid mobile or landline. Every reason is reported, for the agent to read.
 *
 * Fails closed: if the source errors, is slow (`sourceTimeoutMs`) or its circuit is open, this fails
 * with `SourceUnavailable` and no call may be placed.
 */
export const validateBeforeDial = (agentId: string, entryId: string) =>
  Effect.gen(function* () {
    const reader = yield* PreDialFactsReader
    const { rules } = yield* QueuesConfig
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
    // Preview: the agent places the call from the browser, so an agent is on every answered call.
    return yield* decideLive(found.value, facts, now, true)
  })

/**
 * The same last check for a lead the call engine claimed (no agent holds it yet). No agent is
 * guaranteed on an answered engine call (it may be abandoned), so the rules that apply only then
 * (redials after an abandoned or machine-answered call) are enforced. Fails closed like
 * `validateBeforeDial`.
 */
export const validateEngineDial = (entryId: string) =>
  Effect.gen(function* () {
    const reader = yield* PreDialFactsReader
    const { rules } = yield* QueuesConfig
    const now = yield* currentDate
    const facts = yield* reader.preDialFacts(null, entryId, new Date(+now - rules.conversionHoldDays * DAY))
    const found = facts.entry
    if (Option.isNone(found) || found.value.status !== 'claimed' || found.value.claimedBy !== null) {
      return yield* new EntryNotHeld({
        entryId,
        message: `The call engine does not hold queue entry ${entryId}`,
      })
    }
    const unattended = yield* unattendedCalls(found.value.leadId)
    return yield* decideLive(found.value, facts, now, false, unattended)
  })

/**
 * The engine's last abandoned call to a lead and its last call a machine answered, from the lead's
 * calls in the one call log: an answered engine call no agent took was abandoned, unless a machine
 * answered it. The redial rules for calls without a guaranteed agent read them.
 */
const unattendedCalls = (leadId: LeadId) =>
  Effect.gen(function* () {
    const history = yield* Effect.flatMap(CallStore, (calls) => calls.callHistory(leadId, 50))
    const engine = history
      .map((item) => item.session)
      .filter((session) => session.campaignId !== null && session.answeredAt !== null)
    const latest = (sessions: ReadonlyArray<CallSession>) =>
      sessions.reduce<Date | null>(
        (last, s) => (s.answeredAt && (!last || +s.answeredAt > +last) ? s.answeredAt : last),
        null,
      )
    return {
      lastAbandonedAt: latest(engine.filter((s) => s.agentId === null && s.answeredBy !== 'machine')),
      lastMachineAt: latest(engine.filter((s) => s.answeredBy === 'machine')),
    }
  })

/** Re-checks the held entry's lead with the source, then decides from everything known. */
const decideLive = (
  entry: QueueEntry,
  facts: PreDialFacts,
  now: Date,
  agentGuaranteed: boolean,
  unattended?: { readonly lastAbandonedAt: Date | null; readonly lastMachineAt: Date | null },
) =>
  Effect.gen(function* () {
    const source = yield* LeadSource
    const breaker = yield* SourceBreaker
    const { queues } = yield* currentQueues
    const contactRules = yield* ComplianceConfig
    const active = activeProfile(contactRules)
    if (active._tag === 'Left') return yield* Effect.die(new Error(active.left.message))

    const answers = yield* breaker.ask('re-check', source.recheck(entry.queueId, [entry.leadId])).pipe(
      Effect.mapError(
        (cause: LeadSourceError | CircuitOpen) =>
          new SourceUnavailable({
            message: `Cannot confirm this lead may be called, so no call is placed: ${cause.message}. Try again shortly.`,
            cause,
          }),
      ),
    )

    const answer = answers.get(entry.leadId) ?? {
      eligible: false as const,
      reason: 'not-found' as const,
      detail: 'not in the source',
    }
    const number = answer.eligible ? yield* Effect.either(normalizeWithConfig(answer.phone, 'phone')) : null
    // The queued number was checked in the one read; a number changed in the source since is checked now.
    const changed = number !== null && number._tag === 'Right' && number.right.e164 !== entry.phone
    const optedOut = changed
      ? (yield* Effect.flatMap(SuppressionStore, (s) => s.optedOut([number.right.e164]))).has(
          number.right.e164,
        )
      : facts.optedOut
    const screening = changed
      ? yield* Effect.flatMap(SuppressionListStore, (s) =>
          Effect.map(
            Effect.all([s.listedOn([number.right.e164]), s.lists()], { concurrency: 2 }),
            ([listedOn, lists]) => ({ listedOn, lists }),
          ),
        )
      : facts.screening
    return decideDial({
      now,
      entry,
      answer,
      number,
      optedOut,
      zones: leadTimeZones(
        answer.eligible ? answer.address : null,
        number?._tag === 'Right' ? number.right : { e164: entry.phone, region: undefined },
        contactRules,
      ),
      activity: facts.activity,
      converted: facts.converted,
      coolingMinutes: queues.find((q) => q.id === entry.queueId)?.coolingMinutes ?? 0,
      contactRules,
      active: active.right,
      agentGuaranteed,
      ...(unattended && { unattended }),
      screening,
    })
  })
