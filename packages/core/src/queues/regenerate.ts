import { Clock, Effect, Either, Option } from 'effect'
import { agentSettings } from '../agents/agent-settings.js'
import { AgentStore } from '../agents/agent-store.js'
import { INTERNAL_LIST, SuppressionListStore } from '../compliance/suppression-lists.js'
import { SuppressionStore } from '../compliance/suppression-store.js'
import type { LeadId, QueueId } from '../kernel/ids.js'
import { type E164, normalizeWithConfig } from '../kernel/phone-numbers.js'
import { currentDate, DAY, MINUTE } from '../kernel/time.js'
import { ContactHistoryStore } from '../leads/contact-history.js'
import type { Candidate } from '../leads/lead.js'
import { LeadSource } from '../leads/lead-source.js'
import { type ConfiguredQueue, QueuesConfig } from './queue-definition.js'
import { type NewQueueEntry, QueueStore } from './queue-store.js'
import { currentQueues } from './queue-tuning.js'
import { compareByScore, scoreLead } from './scoring.js'

export type ExclusionReason =
  | 'in_higher_priority_queue'
  | 'busy'
  | 'cooling'
  | 'retry_later'
  | 'converted'
  | 'opted_out'
  | 'do_not_call'
  | 'invalid_number'

export interface QueueRegeneration {
  readonly queueId: QueueId
  readonly candidates: number
  readonly excluded: Readonly<Record<ExclusionReason, number>>
  readonly inserted: number
  readonly generation: number
}

export type RegenerationResult =
  | {
      readonly _tag: 'Regenerated'
      readonly queues: ReadonlyArray<QueueRegeneration>
      readonly durationMs: number
    }
  | { readonly _tag: 'AlreadyRunning' }

const noExclusions = (): Record<ExclusionReason, number> => ({
  in_higher_priority_queue: 0,
  busy: 0,
  cooling: 0,
  retry_later: 0,
  converted: 0,
  opted_out: 0,
  do_not_call: 0,
  invalid_number: 0,
})

/**
 * Due callbacks become the callbacks queue's candidates, reserved for their owner if they have one,
 * unless the owner is offline and the callback is overdue by the grace period: then whoever is free
 * takes it.
 */
const callbackCandidates = (now: Date) =>
  Effect.flatMap(
    Effect.all([
      Effect.flatMap(ContactHistoryStore, (history) => history.dueCallbacks(now)),
      agentSettings,
      // Without the agent store (an Effect user's setup), callbacks stay with their owners.
      Effect.serviceOption(AgentStore),
    ]),
    ([callbacks, { callbackGraceMinutes }, agents]) =>
      Effect.map(
        Effect.forEach(callbacks, (callback) =>
          callback.ownerAgentId === null ||
          Option.isNone(agents) ||
          +now - +callback.dueAt < callbackGraceMinutes * 60_000
            ? Effect.succeed(callback)
            : Effect.map(agents.value.agentState(callback.ownerAgentId), (owner) =>
                owner.state === 'offline' ? { ...callback, ownerAgentId: null } : callback,
              ),
        ),
        (callbacks) =>
          new Map(
            callbacks.map((callback) => [
              callback.leadId,
              {
                candidate: {
                  leadId: callback.leadId,
                  phone: callback.phone,
                  leadCreatedAt: callback.dueAt,
                  facts: undefined,
                } satisfies Candidate,
                reservedFor: callback.ownerAgentId,
                callbackId: callback.id,
              },
            ]),
          ),
      ),
  )

const regenerateQueue = (queue: ConfiguredQueue, claimed: Set<LeadId>, busy: ReadonlySet<LeadId>) =>
  Effect.gen(function* () {
    const store = yield* QueueStore
    const history = yield* ContactHistoryStore
    const suppression = yield* SuppressionStore
    const lists = yield* Effect.serviceOption(SuppressionListStore)
    const source = yield* LeadSource
    const { rules } = yield* QueuesConfig
    const now = yield* currentDate
    const excluded = noExclusions()

    const callbacks = queue.kind === 'callbacks' ? yield* callbackCandidates(now) : undefined
    const candidates: ReadonlyArray<Candidate> = callbacks
      ? [...callbacks.values()].map((c) => c.candidate)
      : yield* source.candidates(queue.id, {
          createdBefore: new Date(+now - queue.coolingMinutes * MINUTE),
          limit: queue.maxCandidates,
        })

    const fresh = candidates.filter((candidate) => {
      if (claimed.has(candidate.leadId)) return !++excluded.in_higher_priority_queue
      if (busy.has(candidate.leadId)) return !++excluded.busy
      return true
    })
    const ids = fresh.map((c) => c.leadId)
    const activity = yield* history.leadActivity(ids)
    const converted = yield* history.convertedLeads(
      queue.id,
      ids,
      new Date(+now - rules.conversionHoldDays * DAY),
    )
    const coolingSince = +now - queue.coolingMinutes * MINUTE

    const scored = []
    for (const candidate of fresh) {
      const seen = activity.get(candidate.leadId)
      if (converted.has(candidate.leadId)) {
        excluded.converted++
        continue
      }
      // Cooling and retry rules apply to leads the source offers; a due callback is the reason to call.
      if (!callbacks && seen?.lastContactAt && +seen.lastContactAt > coolingSince) {
        excluded.cooling++
        continue
      }
      if (!callbacks && seen?.nextCallAfter && +seen.nextCallAfter > +now) {
        excluded.retry_later++
        continue
      }
      claimed.add(candidate.leadId)
      const { score, reasons } = scoreLead(
        {
          now,
          leadCreatedAt: candidate.leadCreatedAt,
          lastContactAt: seen?.lastContactAt ?? null,
          attempts: seen?.attemptsTotal ?? 0,
          lastOutcome: seen?.lastOutcome ?? null,
          callbackDue: callbacks !== undefined,
        },
        queue.weights,
        queue.factors,
        callbacks ? undefined : candidate.facts,
      )
      scored.push({
        candidate,
        score,
        reasons,
        leadId: candidate.leadId,
        leadCreatedAt: candidate.leadCreatedAt,
      })
    }
    scored.sort(compareByScore)

    // Numbers are normalized best-first and only until the queue is full: parsing every candidate's
    // number would cost more than the rest of regeneration together.
    const entries: NewQueueEntry[] = []
    let next = 0
    while (entries.length < queue.maxEntries && next < scored.length) {
      const batch: Array<{ entry: NewQueueEntry }> = []
      while (batch.length < (queue.maxEntries - entries.length) * 1.2 + 10 && next < scored.length) {
        const item = scored[next++]
        if (!item) break
        const number = Either.getRight(yield* Effect.either(normalizeWithConfig(item.candidate.phone)))
        if (number._tag === 'None') {
          excluded.invalid_number++
          continue
        }
        const callback = callbacks?.get(item.leadId)
        batch.push({
          entry: {
            leadId: item.leadId,
            phone: number.value.e164,
            score: item.score,
            reasons: item.reasons,
            leadCreatedAt: item.leadCreatedAt,
            reservedFor: callback?.reservedFor ?? null,
            callbackId: callback?.callbackId ?? null,
          },
        })
      }
      const phones = batch.map((b) => b.entry.phone as E164)
      const optedOut = yield* suppression.optedOut(phones)
      // The internal do-not-call list, where the dialler keeps lists: a listed lead is never queued (a
      // dial would be refused anyway). Registers are checked at dial time, where the call's purpose is known.
      const doNotCall = Option.isSome(lists)
        ? new Set(
            (yield* lists.value.listedOn(phones))
              .filter((e) => e.listId === INTERNAL_LIST)
              .map((e) => e.phone as string),
          )
        : new Set<string>()
      for (const { entry } of batch) {
        if (optedOut.has(entry.phone)) excluded.opted_out++
        else if (doNotCall.has(entry.phone)) excluded.do_not_call++
        else if (entries.length < queue.maxEntries) entries.push(entry)
      }
    }

    const { generation, inserted } = yield* store.replaceQueueEntries(queue.id, entries)
    return {
      queueId: queue.id,
      candidates: candidates.length,
      excluded,
      inserted,
      generation,
    } satisfies QueueRegeneration
  })

/**
 * Rebuilds every queue from the source, highest priority first so a lead wanted by two queues lands
 * in the more important one. Leads in cooling, converted, opted out, held by an agent or deferred by
 * a retry rule are left out. Runs once at a time across instances; claims carry on meanwhile.
 */
export const regenerateQueues = (holder = `regen-${Math.random().toString(36).slice(2)}`) =>
  Effect.gen(function* () {
    const store = yield* QueueStore
    const { queues } = yield* currentQueues
    const started = yield* Clock.currentTimeMillis
    const leased = yield* store.startRegeneration(holder, new Date(started), 10 * MINUTE)
    if (!leased) return { _tag: 'AlreadyRunning' } as RegenerationResult
    return yield* Effect.gen(function* () {
      const busy = yield* store.busyLeads()
      const claimed = new Set<LeadId>()
      const results: QueueRegeneration[] = []
      for (const queue of queues) results.push(yield* regenerateQueue(queue, claimed, busy))
      const durationMs = (yield* Clock.currentTimeMillis) - started
      return { _tag: 'Regenerated', queues: results, durationMs } as RegenerationResult
    }).pipe(Effect.ensuring(Effect.orElseSucceed(store.finishRegeneration(holder), () => undefined)))
  })

/** Regenerates when any queue has fewer waiting entries than its threshold; the job runs it every few minutes. */
export const checkQueueLevels = Effect.gen(function* () {
  const store = yield* QueueStore
  const { queues } = yield* currentQueues
  const levels = yield* store.queueLevels()
  const low = queues.filter(
    (queue) => (levels.find((l) => l.queueId === queue.id)?.waiting ?? 0) < queue.threshold,
  )
  const regeneration = low.length > 0 ? yield* regenerateQueues() : undefined
  return { levels, low: low.map((q) => q.id), regeneration }
})
