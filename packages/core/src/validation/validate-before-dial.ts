import { Clock, Duration, Effect, Option, Schema } from 'effect'
import { type DiallableLineType, type E164, normalizePhoneNumber } from '../compliance/phone-numbers.js'
import { DiallerConfig, type DiallerSettings } from '../dialler-config.js'
import { LeadSource, LeadSourceError } from '../leads/lead-source.js'
import { decodeAgentId, EntryNotHeld, onlyActive } from '../queues/claim.js'
import { DiallerStore, type QueueEntry } from '../store/dialler-store.js'
import { type CircuitOpen, SourceBreaker } from './circuit-breaker.js'

export type RefusalCode =
  | 'not_found'
  | 'converted'
  | 'not_eligible'
  | 'opted_out'
  | 'cooling'
  | 'retry_later'
  | 'daily_attempt_cap'
  | 'total_attempt_cap'
  | 'invalid_number'
  | 'outside_calling_window'

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

const MINUTE = 60_000
const time = (date: Date) => date.toISOString().slice(11, 16)

/** Minutes past midnight in the zone, for the calling window. */
const localMinutes = (now: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return part('hour') * 60 + part('minute')
}
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))

const windowRefusal = (
  settings: DiallerSettings,
  region: string | undefined,
  now: Date,
): Refusal | undefined => {
  const window = settings.callingWindow
  if (!window) return undefined
  const zone = (region && settings.timeZoneByRegion[region]) || settings.fallbackTimeZone
  const local = localMinutes(now, zone)
  if (local >= minutesOf(window.start) && local < minutesOf(window.end)) return undefined
  return {
    code: 'outside_calling_window',
    message: `It is outside calling hours (${window.start}–${window.end}) where this person lives (${zone})`,
  }
}

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
    const store = yield* DiallerStore
    const source = yield* LeadSource
    const breaker = yield* SourceBreaker
    const { settings, queues } = yield* DiallerConfig

    const id = yield* decodeAgentId(agentId)
    const now = new Date(yield* Clock.currentTimeMillis)
    // Two round trips in a row, one to each database: everything the dialler knows in one read, then
    // the live re-check. Fewer statements at once also keep the tail short on a small machine.
    const facts = yield* store.preDialFacts(
      id,
      entryId,
      new Date(+now - settings.conversionHoldDays * 86_400_000),
    )
    const agent = yield* onlyActive(agentId, facts.agent)
    const found = facts.entry
    if (Option.isNone(found) || found.value.status !== 'claimed' || found.value.claimedBy !== agent.id) {
      return yield* new EntryNotHeld({
        entryId,
        message: `This agent does not hold queue entry ${entryId}; claim a lead first`,
      })
    }
    const entry = found.value

    const answers = yield* breaker
      .guard(
        source.recheck(entry.queueId, [entry.leadId]).pipe(
          Effect.timeoutFail({
            duration: Duration.millis(settings.sourceTimeoutMs),
            onTimeout: () =>
              new LeadSourceError({
                operation: 're-check',
                message: `no answer within ${settings.sourceTimeoutMs} ms`,
              }),
          }),
        ),
      )
      .pipe(
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

    const number = yield* Effect.either(
      normalizePhoneNumber(answer.phone, {
        defaultRegion: settings.defaultRegion as never,
        allowFictionalNumbers: settings.allowFictionalNumbers,
        field: 'phone',
      }),
    )
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
          : (yield* store.optedOut([number.right.e164])).has(number.right.e164)
      if (optedOut) {
        refusals.push({ code: 'opted_out', message: 'This number has opted out of contact' })
      }
      const window = windowRefusal(settings, number.right.region, now)
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
    if (activity) {
      const today = now.toISOString().slice(0, 10)
      if (activity.attemptsDay === today && activity.attemptsToday >= settings.maxAttemptsPerDay) {
        refusals.push({
          code: 'daily_attempt_cap',
          message: `Already called ${activity.attemptsToday} times today (limit ${settings.maxAttemptsPerDay})`,
        })
      }
      if (activity.attemptsTotal >= settings.maxAttemptsTotal) {
        refusals.push({
          code: 'total_attempt_cap',
          message: `Already called ${activity.attemptsTotal} times (limit ${settings.maxAttemptsTotal})`,
        })
      }
    }
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
