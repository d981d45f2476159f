import { Context, type Effect, Schema } from 'effect'
import type { E164 } from '../kernel/phone-numbers.js'
import type { CheckedRule, ContactEvidence } from './contact-decision.js'

/** The dial evidence store failed (connection, query). Carries the driver's error as `cause`. */
export class DialEvidenceStoreError extends Schema.TaggedError<DialEvidenceStoreError>()(
  'DialEvidenceStoreError',
  {
    operation: Schema.String,
    message: Schema.String,
    cause: Schema.optional(Schema.Defect),
  },
) {}

/**
 * One dial decision, allowed or refused, as the compliance record keeps it: who asked to dial whom,
 * the rules checked (ids, profile and version, outcome) and the facts the check used.
 */
export interface DialDecisionRecord {
  readonly decidedAt: Date
  readonly outcome: 'allowed' | 'refused'
  readonly agentId: string | null
  readonly leadId: string
  readonly queueId: string
  /** Null for a preview dial outside any campaign. */
  readonly campaignId: string | null
  readonly entryId: string | null
  /** The call session the allowed dial opened; null when refused (or not placed). */
  readonly callId: string | null
  readonly phone: E164 | null
  /** The base profile and version in force; null when the call was refused before the rules ran. */
  readonly profileId: string | null
  readonly profileVersion: string | null
  readonly refusals: ReadonlyArray<{
    readonly code: string
    readonly ruleId: string | null
    readonly message: string
  }>
  readonly checked: ReadonlyArray<CheckedRule>
  /** The compliance facts (zones, local times, window, counts, lists); null when the rules did not run. */
  readonly compliance: ContactEvidence | null
}

/** Which decisions a report covers: a period, and a campaign, a queue or a profile (or all). */
export interface DecisionScope {
  readonly since: Date
  readonly until: Date
  readonly campaignId?: string
  readonly queueId?: string
  readonly profileId?: string
}

/** Decisions in a scope, counted: allowed and refused, and refusals by the rule that refused. */
export interface DecisionSummary {
  readonly decisions: number
  readonly allowed: number
  readonly refused: number
  /** Refusals by rule, most first. A decision refused by two rules counts under each. */
  readonly refusalsByRule: ReadonlyArray<{
    readonly ruleId: string
    readonly code: string
    readonly count: number
  }>
  /** Allowed dials where a profile rule did not bind (a register rule on a service call), by rule. */
  readonly notApplicableByRule: ReadonlyArray<{ readonly ruleId: string; readonly count: number }>
}

type Op<A> = Effect.Effect<A, DialEvidenceStoreError>

/**
 * Every dial decision, kept for the compliance report: what a compliance officer asks when a person
 * complains ("why was I called, under which rules, knowing what?").
 */
export interface DialEvidenceStoreService {
  /** Keeps a decision; gives its id. */
  readonly record: (decision: DialDecisionRecord) => Op<string>
  readonly summary: (scope: DecisionScope) => Op<DecisionSummary>
  /** The scope's decisions, newest first. */
  readonly list: (
    scope: DecisionScope & { readonly outcome?: 'allowed' | 'refused'; readonly limit: number },
  ) => Op<ReadonlyArray<DialDecisionRecord & { readonly id: string }>>
}

export class DialEvidenceStore extends Context.Tag('@ringlane/core/DialEvidenceStore')<
  DialEvidenceStore,
  DialEvidenceStoreService
>() {}
