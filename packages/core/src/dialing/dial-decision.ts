import type { Either } from 'effect'
import {
  type CheckedRule,
  type ContactEvidence,
  type ContactRefusalCode,
  decideContact,
  type ScreeningFacts,
} from '../compliance/contact-decision.js'
import type { ActiveProfile, ContactRules } from '../compliance/contact-rules.js'
import type { LeadZones } from '../compliance/lead-zones.js'
import type {
  DiallableLineType,
  E164,
  InvalidPhoneNumber,
  NormalizedPhoneNumber,
} from '../kernel/phone-numbers.js'
import { MINUTE } from '../kernel/time.js'
import type { LeadActivity } from '../leads/contact-history.js'
import type { Eligibility } from '../leads/lead.js'
import type { QueueEntry } from '../queues/queue-store.js'

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
  /** The rule or check that refused, e.g. `uk-pecr.tps-screening`, `suppression.internal-dnc`, `queue.cooling`. */
  readonly ruleId?: string
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

const time = (date: Date) => date.toISOString().slice(11, 16)

/** A check of the dialler's own (not a profile's rule), in the evidence. */
const own = (ruleId: string, refused: boolean): CheckedRule => ({
  ruleId,
  profileId: null,
  profileVersion: null,
  outcome: refused ? 'refused' : 'passed',
})

/** Everything the decision reads, gathered by `validateBeforeDial` (or a simulation). */
export interface DialFacts {
  readonly now: Date
  readonly entry: QueueEntry
  /** The live source's answer for the lead. */
  readonly answer: Eligibility
  /** The source's number, normalised, or why it cannot be dialled; null when the source said no. */
  readonly number: Either.Either<NormalizedPhoneNumber, InvalidPhoneNumber> | null
  /** Whether that number is suppressed now. */
  readonly optedOut: boolean
  /** The lead's zones, from `leadTimeZones` (used only when the number is diallable). */
  readonly zones: LeadZones
  readonly activity: LeadActivity | null
  /** Converted for the entry's queue within the hold. */
  readonly converted: boolean
  /** The entry's queue's cooling after a contact. */
  readonly coolingMinutes: number
  readonly contactRules: ContactRules
  readonly active: ActiveProfile
  /** An agent is on every answered call (preview: the agent dials). */
  readonly agentGuaranteed: boolean
  /**
   * When the call engine last abandoned a call to the lead and last reached a machine, from the call
   * log; given for the engine's dials (no agent guaranteed), whose redial rules need them.
   */
  readonly unattended?: { readonly lastAbandonedAt: Date | null; readonly lastMachineAt: Date | null }
  /** The number's list entries and the lists' copy dates; see `ContactCheck.screening`. */
  readonly screening?: ScreeningFacts
}

/**
 * The pre-dial decision from its facts, pure: the live source's answer, the number, suppression, the
 * compliance rules (`decideContact`), cooling, retry rules and conversions. Every reason is reported,
 * with the evidence of every check.
 */
export const decideDial = (facts: DialFacts): DialDecision => {
  const { now, entry, answer, activity, contactRules } = facts
  const refusals: Refusal[] = []
  const checked: CheckedRule[] = []
  checked.push(own('source.eligible', !answer.eligible))
  if (!answer.eligible) {
    refusals.push(
      answer.reason === 'completed'
        ? {
            code: 'converted',
            message: `Nothing left to call about: ${answer.detail}`,
            ruleId: 'source.eligible',
          }
        : answer.reason === 'not-found'
          ? {
              code: 'not_found',
              message: 'This person is no longer in the source',
              ruleId: 'source.eligible',
            }
          : {
              code: 'not_eligible',
              message: `No longer eligible: ${answer.detail}`,
              ruleId: 'source.eligible',
            },
    )
    return {
      _tag: 'Refused' as const,
      entry,
      refusals,
      evidence: { checked, compliance: null },
    }
  }

  const number = facts.number
  if (number === null) throw new Error('an eligible lead always has its number read')
  checked.push(own('number.diallable', number._tag === 'Left'))
  let compliance: ContactEvidence | null = null
  if (number._tag === 'Left') {
    refusals.push({
      code: 'invalid_number',
      message: `The number on file cannot be dialled: ${number.left.message}`,
      ruleId: 'number.diallable',
    })
  } else {
    checked.push(own('suppression.opt-out', facts.optedOut))
    if (facts.optedOut) {
      refusals.push({
        code: 'opted_out',
        message: 'This number has opted out of contact',
        ruleId: 'suppression.opt-out',
      })
    }
    const decision = decideContact({
      now,
      rules: contactRules,
      active: facts.active,
      zones: facts.zones,
      history:
        activity || facts.unattended
          ? {
              attemptsTotal: activity?.attemptsTotal ?? 0,
              recentAttempts: activity?.recentAttempts ?? [],
              lastConversationAt: activity?.lastContactAt ?? null,
              ...facts.unattended,
            }
          : null,
      agentGuaranteed: facts.agentGuaranteed,
      ...(facts.screening ? { screening: facts.screening } : {}),
    })
    refusals.push(...decision.refusals.map(({ code, message, ruleId }) => ({ code, message, ruleId })))
    compliance = decision.evidence
  }

  if (entry.callbackId === null) {
    const { coolingMinutes } = facts
    const cooling = activity?.lastContactAt && +activity.lastContactAt > +now - coolingMinutes * MINUTE
    checked.push(own('queue.cooling', Boolean(cooling)))
    if (cooling && activity?.lastContactAt) {
      refusals.push({
        code: 'cooling',
        message: `Contacted at ${time(activity.lastContactAt)} UTC; wait until ${time(new Date(+activity.lastContactAt + coolingMinutes * MINUTE))} UTC`,
        ruleId: 'queue.cooling',
      })
    }
    const deferred = activity?.nextCallAfter && +activity.nextCallAfter > +now
    checked.push(own('queue.retry-later', Boolean(deferred)))
    if (deferred && activity?.nextCallAfter) {
      refusals.push({
        code: 'retry_later',
        message: `Not to be called again before ${activity.nextCallAfter.toISOString()}`,
        ruleId: 'queue.retry-later',
      })
    }
  }
  checked.push(own('queue.converted', facts.converted))
  if (facts.converted) {
    refusals.push({
      code: 'converted',
      message: 'Already converted for this queue',
      ruleId: 'queue.converted',
    })
  }

  const evidence: DialEvidence = { checked: [...checked, ...(compliance?.checked ?? [])], compliance }
  if (refusals.length > 0 || number._tag === 'Left') return { _tag: 'Refused', entry, refusals, evidence }
  return {
    _tag: 'Allowed',
    entry,
    phone: number.right.e164,
    lineType: number.right.lineType,
    evidence,
  }
}
