import { Context, type Effect, type Option } from 'effect'
import type { AgentId, LeadId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { InboundStoreError } from './errors.js'
import type { Flow, FlowDefinition, FlowDraft, FlowVersion } from './flow.js'
import type { NewVoicemail, VoicemailBox, VoicemailMessage, VoicemailQuery } from './voicemail.js'
import type { StepVisit } from './walk.js'

/** An inbound call as the flow sees it: which version runs it, who called, who should get it first. */
export interface InboundCall {
  readonly sessionId: string
  readonly flowId: string
  readonly flowVersion: number
  readonly from: E164
  readonly to: E164
  readonly leadId: LeadId | null
  /** The agent who last spoke to the caller, offered the call first. */
  readonly preferredAgentId: AgentId | null
  readonly startedAt: Date
}

/** One step a call took, in order. */
export interface LoggedStep extends StepVisit {
  readonly sessionId: string
  readonly position: number
  readonly at: Date
}

type Op<A> = Effect.Effect<A, InboundStoreError>

/** Flows and their versions, the steps each inbound call took, voicemail boxes and messages. */
export interface InboundStoreService {
  /** Saves a flow's draft (new or changed); its published versions are untouched. */
  readonly saveFlow: (draft: FlowDraft, at: Date) => Op<Flow>
  readonly findFlow: (flowId: string) => Op<Option.Option<Flow>>
  /** Every flow, by name. */
  readonly listFlows: () => Op<ReadonlyArray<Flow>>
  /**
   * Publishes a definition as the flow's next version (1, 2, ...) and makes it the one calls run, in
   * one step. A version, once written, never changes. None when there is no such flow.
   */
  readonly publishFlow: (
    flowId: string,
    definition: FlowDefinition,
    by: string | null,
    at: Date,
  ) => Op<Option.Option<FlowVersion>>
  readonly flowVersion: (flowId: string, version: number) => Op<Option.Option<FlowVersion>>
  /** The published flow answering a number, with the version in force, if any. */
  readonly flowForNumber: (
    phone: E164,
  ) => Op<Option.Option<{ readonly flow: Flow; readonly version: FlowVersion }>>
  /** Records the start of an inbound call (once per session; a second is ignored). */
  readonly startCall: (call: InboundCall) => Op<void>
  readonly findCall: (sessionId: string) => Op<Option.Option<InboundCall>>
  /** Appends the steps a call took, after those already logged. */
  readonly logSteps: (sessionId: string, visits: ReadonlyArray<StepVisit>, at: Date) => Op<void>
  readonly callSteps: (sessionId: string) => Op<ReadonlyArray<LoggedStep>>
  readonly saveBox: (box: VoicemailBox) => Op<VoicemailBox>
  readonly findBox: (boxId: string) => Op<Option.Option<VoicemailBox>>
  readonly listBoxes: () => Op<ReadonlyArray<VoicemailBox>>
  /** Keeps a message once per recording: a second with the same recording returns the first, `created: false`. */
  readonly addVoicemail: (
    message: NewVoicemail,
  ) => Op<{ readonly message: VoicemailMessage; readonly created: boolean }>
  readonly findVoicemail: (messageId: string) => Op<Option.Option<VoicemailMessage>>
  /** Newest first. */
  readonly listVoicemails: (query: VoicemailQuery) => Op<ReadonlyArray<VoicemailMessage>>
  /** Marks a message heard (the first time only). None when there is no such message. */
  readonly markHeard: (messageId: string, by: AgentId, at: Date) => Op<Option.Option<VoicemailMessage>>
  /** Links the callback made from a message, only if it has none yet; the message afterwards. */
  readonly linkCallback: (messageId: string, callbackId: string) => Op<Option.Option<VoicemailMessage>>
  /** Deletes the messages older than their box's retention at `now`; returns what it deleted. */
  readonly deleteExpiredVoicemails: (now: Date) => Op<ReadonlyArray<VoicemailMessage>>
}

export class InboundStore extends Context.Tag('@ringlane/core/InboundStore')<
  InboundStore,
  InboundStoreService
>() {}
