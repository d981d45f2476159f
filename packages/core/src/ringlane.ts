import {
  Cause,
  Clock,
  type Context,
  Effect,
  Either,
  Exit,
  Fiber,
  Layer,
  ManagedRuntime,
  Option,
  Queue,
  Schema,
  Scope,
} from 'effect'
import { activeAgent } from './agents/active-agent.js'
import type { NewAgent } from './agents/agent.js'
import { AgentSettings, AgentsConfig } from './agents/agent-settings.js'
import { AgentStateName } from './agents/agent-state.js'
import { AgentStore, type AgentStoreService } from './agents/agent-store.js'
import { createAgent } from './agents/create-agent.js'
import type { AgentEvent } from './agents/events.js'
import { type AgentChanges, agentCredentials, setPasswordHash, updateAgent } from './agents/update-agent.js'
import { agentStateReport } from './analytics/agent-states.js'
import { AnalyticsStore, type AnalyticsStoreService } from './analytics/analytics-store.js'
import { type CostCallsQuery, costCalls, costReport, costReportCsv } from './analytics/costs.js'
import { callMetrics, liveSnapshot, rangeBounds } from './analytics/dashboard.js'
import { intelligenceReport, intelligenceReportCsv } from './analytics/intelligence.js'
import type { MetricsRangeInput } from './analytics/metrics-range.js'
import { pageRecordings, type RecordingSearchInput, searchRecordings } from './analytics/recording-search.js'
import { type SlaRequestInput, slaDashboard, slaDashboardCsv } from './analytics/sla-dashboard.js'
import {
  recordSystemError,
  refusalReported,
  SystemErrorStore,
  type SystemErrorStoreService,
  systemErrorReport,
  systemErrorReportCsv,
} from './analytics/system-errors.js'
import { AuditLog, type AuditLogService } from './audit/audit-log.js'
import { type CallLogSearchInput, callLogEntry, searchCallLog } from './calls/call-log.js'
import { CallStore, type CallStoreService } from './calls/call-store.js'
import { callInstructions, handleCallStatus } from './calls/call-webhooks.js'
import { callbackReminders } from './calls/callback-reminders.js'
import { CallSettings, CallsConfig } from './calls/calls-config.js'
import { changeCallback } from './calls/change-callback.js'
import { collectCosts } from './calls/collect-costs.js'
import { CostStore, type CostStoreService } from './calls/cost-store.js'
import { changeDispositions, currentDispositions, dispositionsSetting } from './calls/disposition-settings.js'
import { endAgentCall, hangUpOwnCall } from './calls/end-call.js'
import type { CallbackDue, CallSessionEvent } from './calls/events.js'
import { ProviderPricing, type ProviderPricingService } from './calls/pricing.js'
import { reconcileCalls } from './calls/reconcile-calls.js'
import { type OutcomeInput, recordOutcome } from './calls/record-outcome.js'
import type { CampaignChanges, CampaignStatus, NewCampaign } from './campaigns/campaign.js'
import { campaignAgents, joinCampaign, leaveCampaign } from './campaigns/campaign-agents.js'
import { existingCampaign } from './campaigns/campaign-changes.js'
import { setCampaignStatus } from './campaigns/campaign-status.js'
import { CampaignStore, type CampaignStoreService } from './campaigns/campaign-store.js'
import { CampaignSettings, CampaignsConfig } from './campaigns/campaigns-config.js'
import { createCampaign } from './campaigns/create-campaign.js'
import type { CampaignEvent } from './campaigns/events.js'
import { updateCampaign } from './campaigns/update-campaign.js'
import { AbandonLedger, type AbandonLedgerService } from './compliance/abandon-ledger.js'
import { type AbandonQuery, abandonRates } from './compliance/abandon-rates.js'
import { activeProfile, ComplianceConfig, ContactRules } from './compliance/contact-rules.js'
import { DialEvidenceStore, type DialEvidenceStoreService } from './compliance/dial-evidence.js'
import {
  type AddToDoNotCallRequest,
  addToDoNotCallList,
  importSuppressionList,
  type ListEntriesQuery,
  type ListImportRequest,
  listEntries,
  pageListEntries,
  type RemoveFromDoNotCallRequest,
  removeFromDoNotCallList,
} from './compliance/do-not-call.js'
import { findOptOuts } from './compliance/opt-outs.js'
import { type ComplianceReportRequest, complianceReport, complianceReportCsv } from './compliance/report.js'
import { SuppressionListStore, type SuppressionListStoreService } from './compliance/suppression-lists.js'
import { SuppressionStore, type SuppressionStoreService } from './compliance/suppression-store.js'
import type { CallControlled } from './dialing/call-control/events.js'
import {
  addToCall,
  callControlStatus,
  cancelTransfer,
  completeTransfer,
  holdCall,
  removeFromCall,
  resumeCall,
  stopSupervising,
  superviseCall,
  transferToAgent,
  transferToQueue,
} from './dialing/call-control/index.js'
import { leadForAgent, setDeskState } from './dialing/desk.js'
import { acceptAiStream } from './dialing/engine/ai-answered.js'
import type { EngineEvent } from './dialing/engine/events.js'
import { searchLeads, takeChosenLead } from './dialing/lead-search.js'
import { PreDialFactsReader, type PreDialFactsReaderService } from './dialing/pre-dial-facts.js'
import { signInToDesk, signOffDesk } from './dialing/sign-in.js'
import { startCall } from './dialing/start-call.js'
import { type SupervisedState, setAgentStateBySupervisor } from './dialing/supervise.js'
import { validateBeforeDial } from './dialing/validate-before-dial.js'
import { inboundDesk, inboundLineInstructions } from './inbound/agent-desk.js'
import { answerInboundCall, continueInboundCall, overflowToVoicemail } from './inbound/answer-call.js'
import type { InboundEvent } from './inbound/events.js'
import { type FlowTestRequest, findFlow, publishFlow, saveFlow, testFlow } from './inbound/flows.js'
import { InboundConfig, type InboundSettingsInput } from './inbound/inbound-config.js'
import { InboundStore, type InboundStoreService } from './inbound/inbound-store.js'
import { InboundVoice, type InboundVoiceService } from './inbound/inbound-voice.js'
import type { VoicemailQueryInput } from './inbound/voicemail.js'
import {
  agentVoicemails,
  applyVoicemailRetention,
  callbackFromVoicemail,
  findVoicemail,
  listVoicemails,
  markVoicemailHeard,
  saveVoicemailBox,
  type VoicemailCallbackRequest,
} from './inbound/voicemail-programs.js'
import { type JobName, jobDefinitions } from './jobs/definitions.js'
import type { JobSummary } from './jobs/job.js'
import { decodeWith } from './kernel/decode.js'
import { type DomainEvent, DomainEvents, type DomainEventsService, publish } from './kernel/events.js'
import { PhoneConfig, PhoneSettings } from './kernel/phone-numbers.js'
import { settle } from './kernel/promise.js'
import type { SystemErrorOccurred } from './kernel/system-errors.js'
import { StorableDate } from './kernel/time.js'
import { WebhookRequest } from './kernel/webhooks.js'
import { ContactHistoryStore, type ContactHistoryStoreService } from './leads/contact-history.js'
import { decodeLeadId, type LeadContext } from './leads/lead-context.js'
import { LeadSource, type LeadSourceService } from './leads/lead-source.js'
import { SourceBreaker, SourceSettings } from './leads/source-breaker.js'
import { type LinkAnalyticsQuery, magicLinkAnalytics } from './magic-links/analytics.js'
import { trackLinkConversions } from './magic-links/conversions.js'
import { type IssueLinkRequest, issueMagicLink } from './magic-links/issue-link.js'
import { type LinkListRequest, listMagicLinks } from './magic-links/list-links.js'
import { MagicLinkStore, type MagicLinkStoreService } from './magic-links/magic-link-store.js'
import {
  type MagicLinkSettingsInput,
  type MagicLinksConfig,
  magicLinksConfigLayer,
} from './magic-links/magic-links-config.js'
import { type RevokeLinkRequest, revokeMagicLink } from './magic-links/revoke-link.js'
import { type SendLinkRequest, sendMagicLinkSms } from './magic-links/send-link-sms.js'
import { type VerifyLinkRequest, verifyMagicLink } from './magic-links/verify-link.js'
import {
  assignConversation,
  type ConversationQuery,
  conversationThread,
  leadThreads,
  listConversations,
  markConversationRead,
  type PagedConversationQuery,
  pageConversations,
  type ReplyRequest,
  replyInConversation,
  setConversationStatus,
} from './messaging/conversations.js'
import { recordDeliveryStatus } from './messaging/delivery-status.js'
import type { MessagingEvent } from './messaging/events.js'
import { Messaging, type MessagingService } from './messaging/messaging.js'
import {
  type MessagingConfig,
  type MessagingSettingsInput,
  messagingConfigLayer,
} from './messaging/messaging-config.js'
import { MessagingStore, type MessagingStoreService } from './messaging/messaging-store.js'
import { receiveInboundSms } from './messaging/receive-sms.js'
import { type SendSmsRequest, sendSms } from './messaging/send-sms.js'
import { claimNextLead, expireStaleClaims, type LeadClaimed, releaseLead, skipLead } from './queues/claim.js'
import { trackConversions } from './queues/conversions.js'
import {
  type ConfiguredQueue,
  type QueueDefinition,
  QueueRules,
  QueuesConfig,
  resolveQueues,
} from './queues/queue-definition.js'
import { QueueStore, type QueueStoreService } from './queues/queue-store.js'
import { currentQueues, queueTuningSetting, queueTunings, tuneQueue } from './queues/queue-tuning.js'
import { checkQueueLevels, regenerateQueues } from './queues/regenerate.js'
import type { RecordingFailed } from './recordings/pipeline.js'
import { processRecordingEvent, retryFailedRecordings, retryRecording } from './recordings/pipeline.js'
import { type RecordingUrlRequest, recordingUrl, refreshRecordingUrl } from './recordings/playback-urls.js'
import { findRecording, listRecordings, type RecordingListFilter } from './recordings/read-recordings.js'
import { type RecordingSettingsInput, RecordingsConfig } from './recordings/recording-settings.js'
import { RecordingStorage, type RecordingStorageService } from './recordings/recording-storage.js'
import { RecordingStore, type RecordingStoreService } from './recordings/recording-store.js'
import type { RecordingStored } from './recordings/recording-webhook.js'
import { handleRecordingStatus } from './recordings/recording-webhook.js'
import { applyRecordingRetention, type RetentionPolicy } from './recordings/retention.js'
import { changeRetention, currentRetention, retentionSetting } from './recordings/retention-settings.js'
import type { RouteRequestInput } from './routing/contact.js'
import { callEnded, callerHungUp, contacts, enqueue, whoWouldGet } from './routing/enqueue.js'
import type { ContactOverflowed, RoutingEvent } from './routing/events.js'
import {
  allAgentSkills,
  deleteRoutingQueue,
  routingQueues,
  saveRoutingQueue,
  setAgentSkills,
} from './routing/manage-queues.js'
import type { AgentSkillsInput, RoutingQueueInput } from './routing/queue.js'
import { routingRound } from './routing/routing-round.js'
import { RoutingStore, type RoutingStoreService } from './routing/routing-store.js'
import { SettingsStore, type SettingsStoreService } from './settings/settings-store.js'
import type { RecordingEvent } from './telephony/call-event.js'
import { Telephony, type TelephonyService } from './telephony/telephony.js'
import type { TranscriptEvent } from './transcripts/events.js'
import {
  type CallTranscriptsQuery,
  searchTranscripts,
  type TranscriptSearch,
  transcriptOfRecording,
  transcriptsOfCall,
} from './transcripts/read-transcripts.js'
import { handleTranscriptCallback, queueTranscript, transcribeDue } from './transcripts/transcribe.js'
import { TranscriptStore, type TranscriptStoreService } from './transcripts/transcript-store.js'
import { Transcription, type TranscriptionService } from './transcripts/transcription.js'
import { type TranscriptSettingsInput, TranscriptsConfig } from './transcripts/transcripts-config.js'
import { AiCallLines, type AiCallLinesService } from './voice-ai/ai-call-lines.js'
import type { CallAudioLine } from './voice-ai/call-audio.js'
import { checkCampaignVoiceAgent } from './voice-ai/campaign-voice-agent.js'
import type { VoiceAiEvent } from './voice-ai/events.js'
import {
  aiSessionsOfCall,
  type CallSessionsQuery,
  findVoiceAgent,
  listVoiceAgents,
  recentAiSessions,
  saveVoiceAgent,
} from './voice-ai/manage-agents.js'
import { type VoiceAgentProviderService, VoiceAgentProviders } from './voice-ai/provider.js'
import { type TakeCallRequest, takeCall } from './voice-ai/take-call.js'
import type { VoiceAgentInput } from './voice-ai/voice-agent.js'
import { VoiceAiConfig, type VoiceAiSettingsInput } from './voice-ai/voice-ai-config.js'
import { VoiceAiStore, type VoiceAiStoreService } from './voice-ai/voice-ai-store.js'

/**
 * The dialler's settings, in one flat object: numbers, the lead source's timeout and breaker, contact
 * rules, queue rules and calls. Every field has a default; each area reads its own part.
 */
export const RinglaneSettings = Schema.Struct({
  ...PhoneSettings.fields,
  ...SourceSettings.fields,
  ...ContactRules.fields,
  ...QueueRules.fields,
  ...CallSettings.fields,
  ...CampaignSettings.fields,
  ...AgentSettings.fields,
})
export type RinglaneSettings = typeof RinglaneSettings.Type
export type RinglaneSettingsInput = typeof RinglaneSettings.Encoded

/** Every domain event the dialler's programs publish. */
export type RinglaneEvent =
  | AgentEvent
  | LeadClaimed
  | CallSessionEvent
  | CallbackDue
  | MessagingEvent
  | RecordingStored
  | RecordingFailed
  | SystemErrorOccurred
  | CampaignEvent
  | EngineEvent
  | CallControlled
  | TranscriptEvent
  | InboundEvent
  | RoutingEvent
  | VoiceAiEvent

export class InvalidSettings extends Schema.TaggedError<InvalidSettings>()('InvalidSettings', {
  field: Schema.String,
  message: Schema.String,
}) {}

/** A Promise method was called with an argument of the wrong type or shape. Nothing was done. */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()('InvalidRequest', {
  method: Schema.String,
  field: Schema.String,
  message: Schema.String,
}) {}

/** A method was called whose area was not given what it needs (a store, a provider). */
export class NotConfigured extends Schema.TaggedError<NotConfigured>()('NotConfigured', {
  method: Schema.String,
  missing: Schema.Array(Schema.String),
  message: Schema.String,
}) {}

/** The dialler's own stores, e.g. `await createPostgresStores({ client })` from @ringlane/postgres. */
export interface RinglaneStores {
  readonly agents?: AgentStoreService
  readonly queues?: QueueStoreService
  readonly history?: ContactHistoryStoreService
  readonly suppression?: SuppressionStoreService
  /** Do-not-call lists: the internal list and register copies (TPS, CTPS, the US registry). */
  readonly lists?: SuppressionListStoreService
  /** Answered engine calls per campaign, for abandon rates (the call engine writes it). */
  readonly abandons?: AbandonLedgerService
  /** Every dial decision with the rules it checked and the facts it used. */
  readonly evidence?: DialEvidenceStoreService
  readonly preDial?: PreDialFactsReaderService
  readonly calls?: CallStoreService
  readonly recordings?: RecordingStoreService
  readonly messaging?: MessagingStoreService
  readonly magicLinks?: MagicLinkStoreService
  readonly audit?: AuditLogService
  /** Transcripts of recordings, searchable as full text. */
  readonly transcripts?: TranscriptStoreService
  /** What calls and texts cost, as the provider priced them. */
  readonly costs?: CostStoreService
  /** The supervisor's views (metrics, the live floor), read where the data is. */
  readonly analytics?: AnalyticsStoreService
  /** System errors (failed calls, refused webhooks and input, provider failures), kept from the domain events. */
  readonly systemErrors?: SystemErrorStoreService
  /** Campaigns and the agents who work them. */
  readonly campaigns?: CampaignStoreService
  /** IVR flows and their versions, inbound calls' steps, voicemail boxes and messages. */
  readonly inbound?: InboundStoreService
  /** Live-call queues, agents' skills and each call's stay in a queue (routing). */
  readonly routing?: RoutingStoreService
  /** AI voice agents and each AI session's record (attempts, transcript, handoff). */
  readonly voiceAi?: VoiceAiStoreService
  /**
   * Settings supervisors change in the app (queue tuning, dispositions and retry rules, retention):
   * stored, audited, and read by the running programs over the code's configuration.
   */
  readonly settings?: SettingsStoreService
}

export interface RinglaneOptions<Details = unknown> {
  readonly stores: RinglaneStores
  /** The read-only lead source, e.g. `mysqlLeadSource(...)` with `claimsPreset()`. */
  readonly source?: LeadSourceService<Details>
  /** The queues the source's preset defines, e.g. `claimsQueues()` from @ringlane/claims. */
  // biome-ignore lint/suspicious/noExplicitAny: each queue brings its own source and facts types
  readonly queues?: ReadonlyArray<QueueDefinition<any, any>>
  readonly settings?: RinglaneSettingsInput
  /** Calls, webhooks and recordings: e.g. `twilioTelephony(...)` from @ringlane/twilio or the simulator's. */
  readonly telephony?: TelephonyService
  /** SMS: the provider and its settings (templates, auto-replies, delivery reports). */
  readonly sms?: { readonly provider: MessagingService; readonly settings?: MessagingSettingsInput }
  readonly magicLinks?: { readonly settings: MagicLinkSettingsInput }
  /** Where recordings are kept, e.g. `supabaseRecordingStorage(...)`, and how they are fetched and kept. */
  readonly recordings?: {
    readonly storage: RecordingStorageService
    readonly settings?: RecordingSettingsInput
  }
  /**
   * Post-call transcripts of stored recordings, e.g. `twilioTranscription(...)` from @ringlane/twilio or
   * the simulator's: each `RecordingStored` queues one for the `transcription` job.
   */
  readonly transcription?: {
    readonly provider: TranscriptionService
    readonly settings?: TranscriptSettingsInput
  }
  /**
   * What the provider charges, asked after each call and text (`twilioPricing(...)` from
   * @ringlane/twilio, or the simulator's rates): the `cost-collection` job keeps each price.
   */
  readonly pricing?: ProviderPricingService
  /**
   * AI voice agents: the providers an agent's chain may name (`openAiRealtime(...)` from
   * @ringlane/openai-realtime, `simulatorVoiceAgent(...)`), and how callers are kept from dead air.
   */
  readonly voiceAi?: {
    readonly providers: ReadonlyArray<VoiceAgentProviderService>
    readonly settings?: VoiceAiSettingsInput
    /**
     * How an answered call's audio reaches an AI agent (`twilioAiCallLines(...)` from @ringlane/twilio,
     * the simulator's `simulatorAiCallLines()`): without it, a campaign's AI agent takes no engine calls.
     */
    readonly lines?: AiCallLinesService
  }
  /** Where domain events go; one in-process stream by default. */
  readonly events?: DomainEventsService
  /**
   * Calls to the dialler's numbers: the provider's side of IVR flows (`twilioInboundVoice(...)` from
   * @ringlane/twilio, or the simulator's `inboundVoice`) and how calls are answered.
   */
  readonly inbound?: { readonly voice: InboundVoiceService; readonly settings?: InboundSettingsInput }
}

type LeadContextError = Effect.Effect.Error<ReturnType<typeof leadForAgent>>

const decodeSettings = (input: unknown) =>
  Either.flatMap(
    decodeWith(RinglaneSettings, (issue) => new InvalidSettings(issue))(input),
    // The profile and overlays must name known profiles; checked once here, not before every dial.
    (settings) =>
      Either.map(
        Either.mapLeft(activeProfile(settings), (issue) => new InvalidSettings(issue)),
        () => settings,
      ),
  )

type Arg =
  | 'string'
  | 'optionalString'
  | 'nullableString'
  | 'object'
  | 'optionalObject'
  | 'webhook'
  | 'count'
  | 'function'
  | 'optionalDate'
  | 'strings'
  | 'array'

/** An object as written in code or parsed from JSON: not an array, a date, a map or a typed array. */
const PlainObject = Schema.declare(
  (input: unknown): input is object => {
    if (typeof input !== 'object' || input === null) return false
    const prototype = Object.getPrototypeOf(input)
    return prototype === Object.prototype || prototype === null
  },
  { identifier: 'PlainObject' },
)

const argSchema: Record<Arg, Schema.Schema.AnyNoContext> = {
  string: Schema.String,
  optionalString: Schema.UndefinedOr(Schema.String),
  nullableString: Schema.NullOr(Schema.String),
  object: PlainObject,
  optionalObject: Schema.UndefinedOr(PlainObject),
  webhook: WebhookRequest,
  count: Schema.UndefinedOr(Schema.Int.pipe(Schema.between(1, 1000))),
  function: Schema.declare(
    (input: unknown): input is (...args: never) => unknown => typeof input === 'function',
  ),
  // A date a store can keep: years 1 to 9999 (year 0 is no year to Postgres).
  optionalDate: Schema.UndefinedOr(Schema.NullOr(StorableDate)),
  strings: Schema.Array(Schema.String),
  array: Schema.Array(Schema.Unknown),
}

const expected: Record<Arg, string> = {
  string: 'a string',
  optionalString: 'a string or undefined',
  nullableString: 'a string or null',
  object: 'a plain object',
  optionalObject: 'a plain object or undefined',
  webhook: 'a webhook request { url, method, headers, body } with an absolute http(s) URL',
  count: 'a whole number from 1 to 1000, or undefined',
  function: 'a function',
  optionalDate: 'a valid Date in the years 1 to 9999, null or undefined',
  strings: 'an array of strings',
  array: 'an array',
}

/**
 * Where a NUL character hides in an argument (`request.body`), if anywhere: no store can keep one, so
 * it is refused here rather than failing the store's write.
 */
const nulAt = (value: unknown, path: string, depth = 0): string | undefined => {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined
  if (depth > 4 || typeof value !== 'object' || value === null) return undefined
  for (const [key, item] of Object.entries(value)) {
    const found = nulAt(item, `${path}.${key}`, depth + 1)
    if (found) return found
  }
  return undefined
}

/**
 * Checks a Promise call's arguments have the right types before any program runs; what they say is
 * then checked by the program, which rejects with its area's error.
 */
const checkArgs = (
  method: string,
  spec: ReadonlyArray<readonly [string, Arg]>,
  args: ReadonlyArray<unknown>,
) => {
  for (const [index, [field, kind]] of spec.entries()) {
    const decoded = Schema.decodeUnknownEither(argSchema[kind])(args[index], { errors: 'first' })
    if (Either.isLeft(decoded)) {
      return new InvalidRequest({
        method,
        field,
        message: `${method}: ${field} must be ${expected[kind]}`,
      })
    }
    const nul = nulAt(args[index], field)
    if (nul) {
      return new InvalidRequest({
        method,
        field: nul,
        message: `${method}: ${nul} must not contain a NUL character`,
      })
    }
  }
  return undefined
}

/** Every service the options give, from settings and queues already checked. */
const servicesOf = (
  options: RinglaneOptions<unknown>,
  settings: RinglaneSettings,
  queues: ReadonlyArray<ConfiguredQueue>,
) => {
  const { stores } = options
  const provided = <I, S>(tag: Context.Tag<I, S>, service: S | undefined) =>
    service === undefined ? Layer.empty : Layer.succeed(tag, service)
  const services = Layer.mergeAll(
    Layer.succeed(PhoneConfig, settings),
    Layer.succeed(ComplianceConfig, settings),
    Layer.succeed(CallsConfig, settings),
    Layer.succeed(AgentsConfig, settings),
    Layer.succeed(QueuesConfig, { queues, rules: settings }),
    SourceBreaker.layer(settings),
    options.events ? Layer.succeed(DomainEvents, options.events) : DomainEvents.inMemory(),
    provided(AgentStore, stores.agents),
    provided(QueueStore, stores.queues),
    provided(ContactHistoryStore, stores.history),
    provided(SuppressionStore, stores.suppression),
    provided(SuppressionListStore, stores.lists),
    provided(AbandonLedger, stores.abandons),
    provided(DialEvidenceStore, stores.evidence),
    provided(PreDialFactsReader, stores.preDial),
    provided(CallStore, stores.calls),
    provided(RecordingStore, stores.recordings),
    provided(MessagingStore, stores.messaging),
    provided(MagicLinkStore, stores.magicLinks),
    provided(AuditLog, stores.audit),
    provided(SettingsStore, stores.settings),
    provided(AnalyticsStore, stores.analytics),
    provided(CampaignStore, stores.campaigns),
    provided(RoutingStore, stores.routing),
    // A campaign dials configured queues only, within the house limit on lines per agent.
    Layer.succeed(CampaignsConfig, {
      queueIds: queues.map((queue) => queue.id),
      linesPerAgentLimit: settings.linesPerAgentLimit,
    }),
    provided(TranscriptStore, stores.transcripts),
    provided(CostStore, stores.costs),
    provided(SystemErrorStore, stores.systemErrors),
    provided(InboundStore, stores.inbound),
    provided(InboundVoice, options.inbound?.voice),
    InboundConfig.layer(options.inbound?.settings ?? {}),
    provided(ProviderPricing, options.pricing),
    provided(Transcription, options.transcription?.provider),
    provided(LeadSource, options.source),
    provided(Telephony, options.telephony),
    provided(Messaging, options.sms?.provider),
    provided(RecordingStorage, options.recordings?.storage),
    options.sms ? messagingConfigLayer(options.sms.settings) : Layer.empty,
    options.magicLinks ? magicLinksConfigLayer(options.magicLinks.settings) : Layer.empty,
    options.recordings ? RecordingsConfig.layer(options.recordings.settings ?? {}) : Layer.empty,
    options.transcription ? TranscriptsConfig.layer(options.transcription.settings ?? {}) : Layer.empty,
    provided(VoiceAiStore, stores.voiceAi),
    provided(VoiceAgentProviders, options.voiceAi?.providers),
    provided(AiCallLines, options.voiceAi?.lines),
    options.voiceAi ? VoiceAiConfig.layer(options.voiceAi.settings ?? {}) : Layer.empty,
  ) as Layer.Layer<Services, unknown>
  // The queues' settings in force (with what supervisors stored) are recorded where reports read them.
  const store = stores.queues
  const saved =
    store && queues.length > 0
      ? Effect.flatMap(currentQueues, (current) => store.saveQueueSettings(current.queues))
      : Effect.void
  return Layer.provideMerge(Layer.effectDiscard(saved), services)
}

const checked = (options: RinglaneOptions<unknown>) =>
  Effect.all({
    settings: decodeSettings(options.settings ?? {}),
    // No queues is fine for a setup that only texts or records; given queues must all be right.
    queues: options.queues ? resolveQueues(options.queues) : Effect.succeed([]),
  })

/**
 * The Effect API's services from the same options as `createRinglane`: settings and queues checked
 * (failing with `InvalidSettings` or `InvalidQueueDefinition`), every given store, source and provider
 * under its tag, each area's config, the domain event stream, and the queues' settings saved.
 */
export const ringlaneLayer = <Details = unknown>(options: RinglaneOptions<Details>) =>
  Layer.unwrapEffect(
    Effect.map(checked(options as RinglaneOptions<unknown>), ({ settings, queues }) =>
      servicesOf(options as RinglaneOptions<unknown>, settings, queues),
    ),
  )

/**
 * The one Promise entry: every area of the dialler as a namespace on one runtime, e.g.
 * `ringlane.queues.claimNext(agentId)`, `ringlane.calls.handleStatus(request)`. Methods decode their
 * arguments and reject only with tagged errors (`error._tag`), whose messages say what was wrong.
 */
export const createRinglane = async <Details = unknown>(options: RinglaneOptions<Details>) => {
  const { settings, queues } = settle(
    await Effect.runPromiseExit(checked(options as RinglaneOptions<unknown>)),
  )
  const { stores } = options
  const runtime = ManagedRuntime.make(servicesOf(options as RinglaneOptions<unknown>, settings, queues))
  // Builds every layer now, so bad messaging, link or recording settings fail here, not at first use.
  settle(await runtime.runPromiseExit(Effect.void))

  const present: Record<string, boolean> = {
    'stores.agents': !!stores.agents,
    'stores.queues': !!stores.queues,
    'stores.history': !!stores.history,
    'stores.suppression': !!stores.suppression,
    'stores.lists': !!stores.lists,
    'stores.abandons': !!stores.abandons,
    'stores.evidence': !!stores.evidence,
    'stores.preDial': !!stores.preDial,
    'stores.calls': !!stores.calls,
    'stores.recordings': !!stores.recordings,
    'stores.messaging': !!stores.messaging,
    'stores.magicLinks': !!stores.magicLinks,
    'stores.audit': !!stores.audit,
    'stores.settings': !!stores.settings,
    'stores.analytics': !!stores.analytics,
    'stores.campaigns': !!stores.campaigns,
    'stores.routing': !!stores.routing,
    'stores.voiceAi': !!stores.voiceAi,
    voiceAi: !!options.voiceAi,
    'stores.transcripts': !!stores.transcripts,
    'stores.costs': !!stores.costs,
    'stores.systemErrors': !!stores.systemErrors,
    'stores.inbound': !!stores.inbound,
    inbound: !!options.inbound,
    pricing: !!options.pricing,
    source: !!options.source,
    telephony: !!options.telephony,
    sms: !!options.sms,
    magicLinks: !!options.magicLinks,
    recordings: !!options.recordings,
    transcription: !!options.transcription,
  }

  /**
   * One Promise method: checks its arguments' types, that its area was given what it needs, then runs
   * the program on the shared runtime and settles it to its value or its tagged error.
   */
  const method =
    <Args extends ReadonlyArray<unknown>, A, E>(
      name: string,
      needs: ReadonlyArray<string>,
      spec: ReadonlyArray<readonly [string, Arg]>,
      program: (...args: Args) => Effect.Effect<A, E, Services>,
    ) =>
    async (...args: Args): Promise<A> => {
      const missing = needs.filter((need) => !present[need])
      if (missing.length > 0) {
        throw new NotConfigured({
          method: name,
          missing,
          message: `${name} needs ${missing.join(' and ')} in createRinglane's options`,
        })
      }
      const invalid = checkArgs(name, spec, args)
      if (invalid) throw reported(name, invalid)
      const exit = await runtime.runPromiseExit(program(...args))
      if (Exit.isFailure(exit)) reported(name, Cause.squash(exit.cause))
      return settle(exit)
    }

  /** A refusal of the kinds the quality page counts is published as a system error; returns it. */
  const reported = <E>(name: string, error: E): E => {
    const event = refusalReported(name, error, new Date())
    if (event) runtime.runFork(publish(event))
    return error
  }

  const dialler = ['stores.agents', 'stores.queues', 'stores.history', 'stores.suppression', 'source']
  const agentId = ['agentId', 'string'] as const
  const entryId = ['entryId', 'string'] as const

  const agents = {
    create: method(
      'agents.create',
      ['stores.agents'],
      [
        ['agent', 'object'],
        ['passwordHash', 'optionalString'],
      ],
      (agent: NewAgent, passwordHash?: string) => createAgent(agent, passwordHash ?? null),
    ),
    /** Moves an agent (offline, available, paused with a reason...); going offline gives back a held lead. */
    changeState: method(
      'agents.changeState',
      ['stores.agents', 'stores.queues'],
      [agentId, ['state', 'string'], ['reason', 'optionalString']],
      (id: string, state: AgentStateName, reason?: string) =>
        Effect.flatMap(
          decodeWith(
            AgentStateName,
            (issue) =>
              new InvalidRequest({
                method: 'agents.changeState',
                field: 'state',
                message: `state: ${issue.message}`,
              }),
          )(state),
          (to) => setDeskState(id, to, reason ?? null),
        ),
    ),
    /** Where the agent is: offline, available, on a call, wrapping up or paused (with the reason). */
    state: method('agents.state', ['stores.agents'], [agentId], (id: string) =>
      Effect.flatMap(activeAgent(id), (agent) =>
        Effect.flatMap(AgentStore, (store) => store.agentState(agent.id)),
      ),
    ),
    find: method('agents.find', ['stores.agents'], [agentId], (id: string) => activeAgent(id)),
    /** Every account, active or not, whatever its role, by display name: for admin pages and names. */
    /** Changes an account's role or whether it may sign in (an admin's action). */
    update: method(
      'agents.update',
      ['stores.agents'],
      [agentId, ['changes', 'object']],
      (id: string, changes: AgentChanges) => updateAgent(id, changes),
    ),
    /** Sets an account's password hash (a change, a reset, an accepted invitation); the app hashes. */
    setPassword: method(
      'agents.setPassword',
      ['stores.agents'],
      [agentId, ['passwordHash', 'string']],
      setPasswordHash,
    ),
    /** The account with this email and its stored password hash, or null: for the app's sign-in. */
    credentials: method('agents.credentials', ['stores.agents'], [['email', 'string']], agentCredentials),
    list: method('agents.list', ['stores.agents'], [], () =>
      Effect.flatMap(AgentStore, (s) => s.listAgents()),
    ),
    /** The agent signed in: starts the stretch their sign-in report counts (once, however many browsers). */
    signedIn: method('agents.signedIn', ['stores.agents'], [agentId], signInToDesk),
    /**
     * The agent left the desk (`reason`: signed out, session expired...): a call still open is hung up,
     * they go offline from whatever state, a held lead goes back (or, if a person answered its call,
     * that call is recorded `agent_left` and the queue's cooling applies), the sign-in stretch ends.
     */
    signOff: method(
      'agents.signOff',
      ['stores.agents', 'stores.queues', 'stores.calls', 'telephony'],
      [agentId, ['reason', 'string']],
      (id: string, reason: string) =>
        Effect.flatMap(
          reason.trim() && reason.length <= 100
            ? Effect.succeed<string>(reason.trim())
            : Effect.fail<InvalidRequest>(
                new InvalidRequest({
                  method: 'agents.signOff',
                  field: 'reason',
                  message: 'reason: say why the agent left, in at most 100 characters',
                }),
              ),
          (why) => signOffDesk(id, why),
        ),
    ),
    /** The reasons agents may pause for, as configured (`settings.pauseReasons`). */
    pauseReasons: async (): Promise<ReadonlyArray<string>> => settings.pauseReasons,
    /**
     * A supervisor (or admin) puts an agent in `available`, `paused` (with a reason) or `offline`, from
     * any state but a live call; audited with the state before and after.
     */
    setStateFor: method(
      'agents.setStateFor',
      ['stores.agents', 'stores.queues', 'stores.calls', 'stores.audit'],
      [['supervisorId', 'string'], agentId, ['state', 'string'], ['reason', 'optionalString']],
      (supervisor: string, id: string, state: SupervisedState, reason?: string) =>
        setAgentStateBySupervisor(supervisor, id, state, reason ?? null),
    ),
  }

  const queuesApi = {
    regenerate: method('queues.regenerate', dialler, [], () => regenerateQueues()),
    checkLevels: method('queues.checkLevels', dialler, [], () => checkQueueLevels),
    /** Each queue's threshold, cooling minutes and score weights in force (stored over configured). */
    tuning: method('queues.tuning', [], [], () => queueTunings),
    /**
     * The same, read once with the tuning's `version` (null: never stored), who changed it and when:
     * what a settings page shows, and the version its change is based on.
     */
    tuningSetting: method('queues.tuningSetting', [], [], () => queueTuningSetting),
    /**
     * A supervisor changes one queue's `{ threshold, coolingMinutes, weights }`, from the tuning's
     * `expectedVersion` they saw (left out: whatever is stored now): refused naming the field
     * (`unsigned.threshold`) with nothing stored, refused with `SettingChangedMeanwhile` (who changed it
     * and when) if any queue's tuning changed since, else stored and audited with before and after.
     */
    tune: method(
      'queues.tune',
      ['stores.settings', 'stores.agents', 'stores.audit', 'stores.queues'],
      [
        ['supervisorId', 'string'],
        ['queueId', 'string'],
        ['tuning', 'object'],
      ],
      tuneQueue,
    ),
    levels: method('queues.levels', ['stores.queues'], [], () =>
      Effect.flatMap(QueueStore, (s) => s.queueLevels()),
    ),
    trackConversions: method('queues.trackConversions', ['stores.queues', 'source'], [], () =>
      trackConversions(),
    ),
    /** The lead to call next, or null when the agent's queues are empty. */
    claimNext: method('queues.claimNext', dialler, [agentId], (id: string) =>
      Effect.map(claimNextLead(id), Option.getOrNull),
    ),
    /** The lead the agent holds now, or null. */
    held: method('queues.held', ['stores.agents', 'stores.queues'], [agentId], (id: string) =>
      Effect.flatMap(activeAgent(id), (agent) =>
        Effect.map(
          Effect.flatMap(QueueStore, (s) => s.heldEntry(agent.id)),
          Option.getOrNull,
        ),
      ),
    ),
    release: method('queues.release', ['stores.agents', 'stores.queues'], [agentId, entryId], releaseLead),
    skip: method(
      'queues.skip',
      ['stores.agents', 'stores.queues'],
      [agentId, entryId, ['reason', 'string']],
      skipLead,
    ),
    expireStaleClaims: method('queues.expireStaleClaims', ['stores.queues'], [], () => expireStaleClaims),
  }

  const leads = {
    /**
     * The lead source's circuit breaker: `open` while the source keeps failing (no lead can be
     * checked before a dial), `half-open` while it is tried again. For health pages and ops alerts.
     */
    breakerState: method('leads.breakerState', [], [], () => Effect.flatMap(SourceBreaker, (b) => b.state)),
    /** Everything an agent sees about a lead in one glance. */
    context: method(
      'leads.context',
      ['stores.agents', 'stores.history', 'source'],
      [agentId, ['leadId', 'string']],
      // The source given is the one that answers, so its profiles carry its details.
      (id: string, leadId: string) =>
        leadForAgent(id, leadId) as Effect.Effect<LeadContext<Details>, LeadContextError, Services>,
    ),
    /**
     * Leads by name, number or case reference (at most 20, newest first) for an agent's desk; each
     * lead found is audited (`lead.found`). Needs a source with `search`.
     */
    search: method(
      'leads.search',
      ['stores.agents', 'source', 'stores.audit'],
      [agentId, ['query', 'string']],
      searchLeads,
    ),
  }

  const dialNeeds = [...dialler, 'stores.preDial', 'stores.lists']
  const dialing = {
    /** The live pre-call check of a held lead: allowed, or refused with every reason. */
    validate: method('dialing.validate', dialNeeds, [agentId, entryId], validateBeforeDial),
    /**
     * Puts a lead the agent found by a search on their desk (as a queue would hand it out), so that
     * `startCall` then dials it through the same pre-dial validation. Refused if they hold another
     * lead or someone else holds this one.
     */
    takeLead: method(
      'dialing.takeLead',
      ['stores.agents', 'stores.queues', 'source'],
      [agentId, ['leadId', 'string']],
      takeChosenLead,
    ),
    /** Validates the held lead and opens its call session; the browser then dials with the session id. */
    startCall: method(
      'dialing.startCall',
      [...dialNeeds, 'stores.calls', 'telephony'],
      [agentId, entryId],
      startCall,
    ),
  }

  const callNeeds = ['stores.calls', 'stores.agents', 'telephony']
  const calls = {
    /** The provider's voice webhook: instructions connecting the agent's browser call to the lead. */
    instructions: method('calls.instructions', callNeeds, [['request', 'webhook']], callInstructions),
    /** The provider's call-status webhook. */
    handleStatus: method('calls.handleStatus', callNeeds, [['request', 'webhook']], handleCallStatus),
    recordOutcome: method(
      'calls.recordOutcome',
      ['stores.calls', 'stores.agents'],
      [agentId, ['outcome', 'object']],
      (id: string, outcome: OutcomeInput) => recordOutcome(id, outcome),
    ),
    reconcile: method('calls.reconcile', callNeeds, [], () => reconcileCalls),
    /** Callbacks due soon whose owners have not been told yet; each is returned once. */
    callbackReminders: method('calls.callbackReminders', ['stores.history'], [], () => callbackReminders),
    /** A lead's calls, newest first, with their outcomes. */
    history: method(
      'calls.history',
      ['stores.calls'],
      [
        ['leadId', 'string'],
        ['limit', 'count'],
      ],
      (leadId: string, limit?: number) =>
        Effect.flatMap(decodeLeadId(leadId), (id) =>
          Effect.flatMap(CallStore, (s) => s.callHistory(id, limit ?? 20)),
        ),
    ),
    /** The agent's own calls, newest first, with their outcomes; `before` pages back to older ones. */
    forAgent: method(
      'calls.forAgent',
      ['stores.calls', 'stores.agents'],
      [agentId, ['before', 'optionalDate'], ['limit', 'count']],
      (id: string, before?: Date | null, limit?: number) =>
        Effect.flatMap(activeAgent(id), (agent) =>
          Effect.flatMap(CallStore, (s) =>
            s.agentCalls(agent.id, { before: before ?? null, limit: limit ?? 25 }),
          ),
        ),
    ),
    /**
     * The call log, inbound and outbound, newest first: one page of the calls matching the search (number,
     * lead's name, agent, outcome, direction, status, start), with names, outcome and cost, and the
     * `nextCursor` to pass back for the next page (null on the last). Rejects `InvalidCallSearch` naming
     * the field, or `InvalidCursor` for a cursor it did not make.
     */
    search: method(
      'calls.search',
      ['stores.calls'],
      [['search', 'optionalObject']],
      (search?: CallLogSearchInput) => searchCallLog(search ?? {}),
    ),
    /** One call as the log shows it, with its provider events in order (its timeline), or null. */
    details: method('calls.details', ['stores.calls'], [['sessionId', 'string']], (sessionId: string) =>
      callLogEntry(sessionId),
    ),
    /** One call session, or null when there is none with that id. */
    session: method('calls.session', ['stores.calls'], [['sessionId', 'string']], (sessionId: string) =>
      Schema.is(Schema.UUID)(sessionId)
        ? Effect.map(
            Effect.flatMap(CallStore, (s) => s.findSession(sessionId)),
            Option.getOrNull,
          )
        : Effect.succeed(null),
    ),
    /**
     * The agent's call that is not over and whose outcome is not recorded, from the server's state, or
     * null: what the desk shows after a reload or in a second tab.
     */
    active: method('calls.active', ['stores.calls', 'stores.agents'], [agentId], (id: string) =>
      Effect.flatMap(activeAgent(id), (agent) =>
        Effect.map(
          Effect.flatMap(CallStore, (s) => s.activeSession(agent.id)),
          Option.getOrNull,
        ),
      ),
    ),
    /**
     * The agent hangs up their own call from the server (their page no longer has it); the session as
     * it is afterwards, ended by the provider's final status or with a recorded reason.
     */
    hangUp: method('calls.hangUp', callNeeds, [agentId, ['sessionId', 'string']], hangUpOwnCall),
    /** A supervisor (or admin) ends an agent's stuck call; the agent goes to wrap-up. Audited. */
    endForAgent: method(
      'calls.endForAgent',
      [...callNeeds, 'stores.audit'],
      [
        ['supervisorId', 'string'],
        ['sessionId', 'string'],
      ],
      endAgentCall,
    ),
    /** The agent's latest call for a queue entry (the one they hold), ended or not, or null. */
    lastForEntry: method(
      'calls.lastForEntry',
      ['stores.calls', 'stores.agents'],
      [agentId, entryId],
      (id: string, entry: string) =>
        Effect.flatMap(activeAgent(id), (agent) =>
          Effect.map(
            Effect.flatMap(CallStore, (s) => s.lastSessionForEntry(agent.id, entry)),
            Option.getOrNull,
          ),
        ),
    ),
    /**
     * The agent's pending callbacks, and open ones (for whoever is free) due within
     * `openWithinMinutes` (default 120): soonest first, at most 200.
     */
    callbacks: method(
      'calls.callbacks',
      ['stores.history', 'stores.agents'],
      [agentId, ['openWithinMinutes', 'count']],
      (id: string, openWithinMinutes?: number) =>
        Effect.gen(function* () {
          const agent = yield* activeAgent(id)
          const now = yield* Clock.currentTimeMillis
          const history = yield* ContactHistoryStore
          return yield* history.agentCallbacks(agent.id, {
            openDueBefore: new Date(now + (openWithinMinutes ?? 120) * 60_000),
            limit: 200,
          })
        }),
    ),
    /**
     * Moves (`{ action: 'move', dueAt }`), hands over (`{ action: 'hand-over', toAgentId }`, null for
     * whoever is free) or cancels (`{ action: 'cancel' }`) a pending callback: its owner, anyone for
     * an open one, a supervisor for any.
     */
    changeCallback: method(
      'calls.changeCallback',
      ['stores.history', 'stores.agents'],
      [agentId, ['callbackId', 'string'], ['change', 'object']],
      changeCallback,
    ),
    /** What agents can record at the end of a call, with each one's retry rule (stored over configured). */
    dispositions: method('calls.dispositions', [], [], () => currentDispositions),
    /** The same, read once with the list's `version` (null: never stored), who changed it and when. */
    dispositionsSetting: method('calls.dispositionsSetting', [], [], () => dispositionsSetting),
    /**
     * A supervisor replaces the dispositions and their retry rules, from the list's `expectedVersion`
     * they saw (left out: whatever is stored now): refused naming the field (`2.retryAfterMinutes`)
     * with nothing stored, refused with `SettingChangedMeanwhile` if the list changed since, else stored
     * and audited by code, before and after.
     */
    changeDispositions: method(
      'calls.changeDispositions',
      ['stores.settings', 'stores.agents', 'stores.audit'],
      [
        ['supervisorId', 'string'],
        ['dispositions', 'array'],
      ],
      changeDispositions,
    ),
  }

  const smsNeeds = ['sms', 'stores.messaging', 'stores.suppression', 'stores.audit']
  const messaging = {
    send: method('messaging.send', smsNeeds, [['request', 'object']], (request: SendSmsRequest) =>
      sendSms(request),
    ),
    /** The inbound-SMS webhook: answer 403 on `WebhookRejected`, 400 on `InvalidWebhook`. */
    receive: method('messaging.receive', smsNeeds, [['request', 'webhook']], receiveInboundSms),
    deliveryStatus: method(
      'messaging.deliveryStatus',
      smsNeeds,
      [['request', 'webhook']],
      recordDeliveryStatus,
    ),
    reply: method('messaging.reply', smsNeeds, [['request', 'object']], (request: ReplyRequest) =>
      replyInConversation(request),
    ),
    assign: method(
      'messaging.assign',
      smsNeeds,
      [
        ['conversationId', 'string'],
        ['agentId', 'nullableString'],
      ],
      (conversationId: string, agent: string | null) => assignConversation(conversationId, agent),
    ),
    markRead: method('messaging.markRead', smsNeeds, [['conversationId', 'string']], markConversationRead),
    setStatus: method(
      'messaging.setStatus',
      smsNeeds,
      [
        ['conversationId', 'string'],
        ['status', 'string'],
      ],
      (conversationId: string, status: 'active' | 'closed') => setConversationStatus(conversationId, status),
    ),
    conversations: method(
      'messaging.conversations',
      smsNeeds,
      [['query', 'optionalObject']],
      (query?: ConversationQuery) => listConversations(query),
    ),
    /**
     * The SMS inbox a page at a time, most urgent first (priority, then the latest message): `cursor`
     * is the last page's `nextCursor`, null on the last page.
     */
    pageConversations: method(
      'messaging.pageConversations',
      smsNeeds,
      [['query', 'optionalObject']],
      (query?: PagedConversationQuery) => pageConversations(query),
    ),
    thread: method(
      'messaging.thread',
      smsNeeds,
      [
        ['conversationId', 'string'],
        ['limit', 'count'],
      ],
      (conversationId: string, limit?: number) => conversationThread(conversationId, limit),
    ),
    /**
     * The texts beside these leads: each lead's conversations with their last `limit` messages (20 by
     * default), oldest first. Needs only the messaging store, not the provider.
     */
    leadThreads: method(
      'messaging.leadThreads',
      ['stores.messaging'],
      [
        ['leadIds', 'strings'],
        ['limit', 'count'],
      ],
      (leadIds: ReadonlyArray<string>, limit?: number) => leadThreads(leadIds, limit),
    ),
  }

  const linkNeeds = ['magicLinks', 'stores.magicLinks', 'stores.audit']
  const magicLinks = {
    /** Resolves to `{ link, url, token }`; url and token are `Redacted`: `Redacted.value(url)` to send it. */
    issue: method('magicLinks.issue', linkNeeds, [['request', 'object']], (r: IssueLinkRequest) =>
      issueMagicLink(r),
    ),
    /** For the page the link opens: rejects with `MagicLinkRejected` (its `reason`) when it must not open. */
    verify: method('magicLinks.verify', linkNeeds, [['request', 'object']], (r: VerifyLinkRequest) =>
      verifyMagicLink(r),
    ),
    revoke: method('magicLinks.revoke', linkNeeds, [['request', 'object']], (r: RevokeLinkRequest) =>
      revokeMagicLink(r),
    ),
    analytics: method('magicLinks.analytics', linkNeeds, [['query', 'object']], (q: LinkAnalyticsQuery) =>
      magicLinkAnalytics(q),
    ),
    /** The links issued in `[since, until)`, newest first, a page at a time: `{ items, nextCursor }`. */
    list: method('magicLinks.list', linkNeeds, [['request', 'object']], (r: LinkListRequest) =>
      listMagicLinks(r),
    ),
    forLead: method('magicLinks.forLead', linkNeeds, [['leadId', 'string']], (leadId: string) =>
      Effect.flatMap(decodeLeadId(leadId), (id) => Effect.flatMap(MagicLinkStore, (s) => s.linksForLead(id))),
    ),
    trackConversions: method(
      'magicLinks.trackConversions',
      [...linkNeeds, 'source'],
      [],
      () => trackLinkConversions,
    ),
    /** Issues a link and texts it to the lead in one step. */
    sendBySms: method(
      'magicLinks.sendBySms',
      [...linkNeeds, ...smsNeeds, 'source'],
      [['request', 'object']],
      (r: SendLinkRequest) => sendMagicLinkSms(r),
    ),
  }

  // Fetching media from the provider needs telephony; reading, playing and retention do not.
  const recordingNeeds = ['recordings', 'stores.recordings', 'stores.audit']
  const fetchNeeds = [...recordingNeeds, 'telephony']
  const recordings = {
    /** The provider's recording-status webhook. */
    handleStatus: method(
      'recordings.handleStatus',
      fetchNeeds,
      [['request', 'webhook']],
      handleRecordingStatus,
    ),
    process: method('recordings.process', fetchNeeds, [['event', 'object']], (event: RecordingEvent) =>
      processRecordingEvent(event),
    ),
    retry: method('recordings.retry', fetchNeeds, [['recordingId', 'string']], retryRecording),
    retryFailed: method(
      'recordings.retryFailed',
      fetchNeeds,
      [['options', 'optionalObject']],
      (o?: { readonly limit?: number }) => retryFailedRecordings(o),
    ),
    find: method('recordings.find', recordingNeeds, [['recordingId', 'string']], findRecording),
    list: method(
      'recordings.list',
      recordingNeeds,
      [['filter', 'optionalObject']],
      (f?: RecordingListFilter) => listRecordings(f),
    ),
    playbackUrl: method(
      'recordings.playbackUrl',
      recordingNeeds,
      [['request', 'object']],
      (r: RecordingUrlRequest) => recordingUrl(r),
    ),
    refreshPlaybackUrl: method(
      'recordings.refreshPlaybackUrl',
      recordingNeeds,
      [['request', 'object']],
      (r: RecordingUrlRequest) => refreshRecordingUrl(r),
    ),
    applyRetention: method(
      'recordings.applyRetention',
      recordingNeeds,
      [['policy', 'object']],
      (p: RetentionPolicy) => applyRecordingRetention(p),
    ),
    /** The retention periods in force: `{ recordingDays }` (stored, else `retentionDays`). */
    retention: method('recordings.retention', ['recordings'], [], () => currentRetention),
    /** The same, read once with their `version` (null: never stored), who changed them and when. */
    retentionSetting: method('recordings.retentionSetting', ['recordings'], [], () => retentionSetting),
    /**
     * A supervisor changes the retention periods, from the `expectedVersion` they saw (left out:
     * whatever is stored now): refused naming the field, or with `SettingChangedMeanwhile` if they
     * changed since; else stored and audited.
     */
    changeRetention: method(
      'recordings.changeRetention',
      ['recordings', 'stores.settings', 'stores.agents', 'stores.audit'],
      [
        ['supervisorId', 'string'],
        ['periods', 'object'],
      ],
      changeRetention,
    ),
  }

  const listNeeds = ['stores.lists', 'stores.audit']
  const transcriptNeeds = ['stores.transcripts']
  const transcribeNeeds = ['stores.transcripts', 'stores.recordings', 'transcription']
  const transcripts = {
    /** Queues a stored recording's transcript for the `transcription` job (done for you on RecordingStored). */
    queue: method('transcripts.queue', transcribeNeeds, [['recordingId', 'string']], (id: string) =>
      Effect.flatMap(findRecording(id), queueTranscript),
    ),
    /** The recording's transcript (status, turns with times), or null. */
    ofRecording: method(
      'transcripts.ofRecording',
      transcriptNeeds,
      [['recordingId', 'string']],
      transcriptOfRecording,
    ),
    /** A call's transcripts, by `{ sessionId }` or `{ providerCallId }`. */
    ofCall: method('transcripts.ofCall', transcriptNeeds, [['query', 'object']], (q: CallTranscriptsQuery) =>
      transcriptsOfCall(q),
    ),
    /** Turns matching words or a "quoted phrase" (Postgres full-text search), best first. */
    search: method('transcripts.search', transcriptNeeds, [['search', 'object']], (q: TranscriptSearch) =>
      searchTranscripts(q),
    ),
    /** The provider's "transcript ready" callback. Answer 403 on `WebhookRejected`, 400 on `InvalidWebhook`. */
    handleCallback: method(
      'transcripts.handleCallback',
      transcribeNeeds,
      [['request', 'webhook']],
      handleTranscriptCallback,
    ),
    /** The `transcription` job's program: request, collect and retry what is due. */
    transcribeDue: method(
      'transcripts.transcribeDue',
      transcribeNeeds,
      [['options', 'optionalObject']],
      (o?: { readonly limit?: number }) => transcribeDue(o),
    ),
  }

  // Each stored recording queues its transcript: the trigger is the domain event, so a recording stored
  // by the webhook, a retry or the retry job is transcribed alike.
  const transcribing = transcribeNeeds.every((need) => present[need])
    ? await listen(runtime, (event) =>
        event._tag === 'RecordingStored'
          ? Effect.flatMap(findRecording((event as RecordingStored).recordingId), queueTranscript).pipe(
              Effect.catchAllCause((cause) =>
                Effect.logWarning('A stored recording could not be queued for transcription', cause),
              ),
            )
          : Effect.void,
      )
    : null
  // Every domain event that reports a system error is kept for the quality page.
  const keepingErrors = stores.systemErrors
    ? await listen(runtime, (event) =>
        recordSystemError(event).pipe(
          Effect.catchAllCause((cause) => Effect.logWarning('A system error could not be kept', cause)),
        ),
      )
    : null
  // Overflow to voicemail and hang-ups while waiting: inbound follows routing's events.
  const following = ['stores.inbound', 'inbound', 'stores.calls'].every((need) => present[need])
    ? await startInboundTriggers(runtime)
    : null

  const compliance = {
    /** How and when each of these numbers opted out (of calls and texts alike), for those that did. */
    optOuts: method(
      'compliance.optOuts',
      ['stores.suppression'],
      [['phones', 'strings']],
      (phones: ReadonlyArray<string>) => findOptOuts(phones),
    ),
    /**
     * Puts a number on the internal do-not-call list (`{ phone, reason, source?, by }`): calls and
     * texts stop at once, on every instance. Audited. Resolves `{ phone, added }` (false: already on it).
     */
    addToDoNotCall: method(
      'compliance.addToDoNotCall',
      listNeeds,
      [['request', 'object']],
      (r: AddToDoNotCallRequest) => addToDoNotCallList(r),
    ),
    /** Takes a number off the internal do-not-call list (`{ phone, by, reason? }`). Audited. */
    removeFromDoNotCall: method(
      'compliance.removeFromDoNotCall',
      listNeeds,
      [['request', 'object']],
      (r: RemoveFromDoNotCallRequest) => removeFromDoNotCallList(r),
    ),
    /**
     * Imports a list file (`{ listId, text, fileName?, format?, screenedAt?, by, importValidRows? }`):
     * the internal list's CSV, or a TPS/CTPS or US registry full download with its date. A file with
     * unreadable rows rejects `ListImportRejected` listing every row, and nothing is written, unless
     * `importValidRows`. One transaction; audited.
     */
    importList: method('compliance.importList', listNeeds, [['request', 'object']], (r: ListImportRequest) =>
      importSuppressionList(r),
    ),
    /** Every list with its size and the date of its copy. */
    lists: method('compliance.lists', ['stores.lists'], [], () =>
      Effect.flatMap(SuppressionListStore, (s) => s.lists()),
    ),
    /** A list's entries, newest first (`{ listId?, limit?, offset? }`, the internal list by default). */
    listEntries: method(
      'compliance.listEntries',
      ['stores.lists'],
      [['query', 'optionalObject']],
      (q?: ListEntriesQuery) => listEntries(q),
    ),
    /** The same a page at a time: `{ items, nextCursor }`; pass `cursor` for the next page. */
    pageListEntries: method(
      'compliance.pageListEntries',
      ['stores.lists'],
      [['query', 'optionalObject']],
      (q?: ListEntriesQuery) => pageListEntries(q),
    ),
    /**
     * A campaign's abandon standing (`{ campaignId, profiles?, targetPercent?, at? }`): the rolling
     * 24 h and 30 day rates on the live-answered denominator, and per abandon-rate rule of its
     * profile the rate and the abandons the pacer may still spend. AMD false positives count at
     * `amdFalsePositivePercent` where the rule says so.
     */
    abandonRates: method(
      'compliance.abandonRates',
      ['stores.abandons'],
      [['query', 'object']],
      (q: AbandonQuery) => abandonRates(q),
    ),
    /**
     * The compliance report (`{ since, until, campaignId?, queueId?, profileId? }`): decisions allowed
     * and refused with refusals by rule, a campaign's abandon rates, register freshness, exceptions.
     */
    report: method(
      'compliance.report',
      ['stores.evidence'],
      [['request', 'object']],
      (r: ComplianceReportRequest) => complianceReport(r),
    ),
    /** The same report as CSV (`section,item,value,detail`). */
    reportCsv: method(
      'compliance.reportCsv',
      ['stores.evidence'],
      [['request', 'object']],
      (r: ComplianceReportRequest) => Effect.map(complianceReport(r), complianceReportCsv),
    ),
  }

  const analytics = {
    /**
     * Every figure of the metrics page over the calls that started in a range of days
     * (`{ from: 'YYYY-MM-DD', to, timeZone: 'Europe/London' }`, both days included, at most 366):
     * summary, outcomes, by hour and by day in that zone, by agent. Rejects `InvalidMetricsRange`
     * naming the field.
     */
    callMetrics: method(
      'analytics.callMetrics',
      ['stores.analytics'],
      [['range', 'object']],
      (r: MetricsRangeInput) => callMetrics(r),
    ),
    /** The instants `{ since, until }` a range of days covers in its zone, e.g. for `magicLinks.analytics`. */
    rangeBounds: method(
      'analytics.rangeBounds',
      ['stores.analytics'],
      [['range', 'object']],
      (r: MetricsRangeInput) => rangeBounds(r),
    ),
    /**
     * Recordings not deleted, newest first, with their call's number, agent and outcome: by the days
     * they were recorded in a zone, agent, outcome, and number (whole, however written, or in part).
     * Rejects `InvalidRecordingSearch` naming the field.
     */
    searchRecordings: method(
      'analytics.searchRecordings',
      ['stores.analytics'],
      [['search', 'object']],
      (search: RecordingSearchInput) => searchRecordings(search),
    ),
    /** The same search a page at a time: `{ items, nextCursor }`; pass `cursor` for the next page. */
    pageRecordings: method(
      'analytics.pageRecordings',
      ['stores.analytics'],
      [['search', 'object']],
      (search: RecordingSearchInput) => pageRecordings(search),
    ),
    /**
     * Each agent's time over a range of days (`{ from, to, timeZone }`): signed in, available, on calls,
     * wrapping up, paused by reason, sign-ins and occupancy, from the state history.
     */
    agentStates: method(
      'analytics.agentStates',
      ['stores.analytics', 'stores.agents'],
      [['range', 'object']],
      (r: MetricsRangeInput) => agentStateReport(r),
    ),
    /**
     * What calls cost over a range of days (`{ from, to, timeZone }`): totals, by day, outcome, agent
     * and queue, each with cost per conversion, and each call's cost. Rejects `InvalidMetricsRange`.
     */
    costReport: method(
      'analytics.costReport',
      ['stores.costs'],
      [['range', 'object']],
      (r: MetricsRangeInput) => costReport(r),
    ),
    /**
     * The calls of a range of days (`{ from, to, timeZone, cursor?, limit? }`) with what each cost, a
     * page at a time, newest first; `nextCursor` reads the next page. Rejects `InvalidMetricsRange`
     * naming the field, or `InvalidCursor` for a cursor this SDK did not make.
     */
    costCalls: method('analytics.costCalls', ['stores.costs'], [['query', 'object']], (q: CostCallsQuery) =>
      costCalls(q),
    ),
    /** The same report as CSV (one line per breakdown line, then one per call). */
    costReportCsv: method(
      'analytics.costReportCsv',
      ['stores.costs'],
      [['range', 'object']],
      (r: MetricsRangeInput) => Effect.map(costReport(r), costReportCsv),
    ),
    /**
     * What the calls that started in a range of days (`{ from, to, timeZone }`) led to: outcomes with how
     * the calls ended, the action rate (a callback booked, a link opened or completed), and conversion by
     * queue, campaign, agent and hour. Rejects `InvalidMetricsRange` naming the field.
     */
    intelligence: method(
      'analytics.intelligence',
      ['stores.analytics'],
      [['range', 'object']],
      (r: MetricsRangeInput) => intelligenceReport(r),
    ),
    /** The same report as CSV. */
    intelligenceCsv: method(
      'analytics.intelligenceCsv',
      ['stores.analytics'],
      [['range', 'object']],
      (r: MetricsRangeInput) => Effect.map(intelligenceReport(r), intelligenceReportCsv),
    ),
    /**
     * SLA per queue and interval over a range of days (`{ from, to, timeZone, intervalMinutes?: 15 | 30 |
     * 60, serviceLevelSeconds?, queueId? }`), from routing's queue contacts, with Amazon Connect's
     * definitions: service level X, average speed of answer, abandonment, handle time, occupancy from
     * the agents' states. Rejects `InvalidMetricsRange` naming the field.
     */
    sla: method(
      'analytics.sla',
      ['stores.analytics', 'stores.routing', 'stores.agents'],
      [['request', 'object']],
      (r: SlaRequestInput) => slaDashboard(r),
    ),
    /** The same as CSV, one line per queue and interval with calls. */
    slaCsv: method(
      'analytics.slaCsv',
      ['stores.analytics', 'stores.routing', 'stores.agents'],
      [['request', 'object']],
      (r: SlaRequestInput) => Effect.map(slaDashboard(r), slaDashboardCsv),
    ),
    /**
     * System errors on a range of days (`{ from, to, timeZone }`): counts by kind (failed calls, refused
     * webhooks, recording fetch failures, provider errors, refused input) and by cause, per day, and the
     * latest 50. Rejects `InvalidMetricsRange`.
     */
    systemErrors: method(
      'analytics.systemErrors',
      ['stores.systemErrors'],
      [['range', 'object']],
      (r: MetricsRangeInput) => systemErrorReport(r),
    ),
    /** The same report as CSV. */
    systemErrorsCsv: method(
      'analytics.systemErrorsCsv',
      ['stores.systemErrors'],
      [['range', 'object']],
      (r: MetricsRangeInput) => Effect.map(systemErrorReport(r), systemErrorReportCsv),
    ),
    /** One system error, or null when there is none with this id. */
    systemError: method('analytics.systemError', ['stores.systemErrors'], [['id', 'string']], (id: string) =>
      Effect.flatMap(SystemErrorStore, (store) => store.find(id)),
    ),
    /** The `cost-collection` job's program: prices ended calls and sent texts from the provider. */
    collectCosts: method(
      'analytics.collectCosts',
      ['stores.costs', 'pricing'],
      [['options', 'optionalObject']],
      (o?: { readonly limit?: number }) => collectCosts(o),
    ),
    /** The live floor now: active agents and their states, calls in progress, queue levels. */
    liveSnapshot: method(
      'analytics.liveSnapshot',
      ['stores.analytics', 'stores.queues'],
      [],
      () => liveSnapshot,
    ),
  }

  // Campaigns: what the engine dials, and who works it. Edits are audited, so they need the audit log.
  const campaignEdits = ['stores.campaigns', 'stores.audit']
  const campaignId = ['campaignId', 'string'] as const
  const actor = ['actor', 'optionalString'] as const
  const campaigns = {
    /**
     * Saves a campaign inside the bounds of its compliance profiles and the house settings; rejects
     * `InvalidCampaign` naming the field (and the rule), or `CampaignIdTaken`. `actor`: the agent id
     * of the supervisor making the change, for the audit log (`system` when absent).
     */
    create: method(
      'campaigns.create',
      campaignEdits,
      [['campaign', 'object'], actor],
      (campaign: NewCampaign, by?: string) =>
        Effect.zipRight(checkCampaignVoiceAgent(campaign), createCampaign(campaign, by)),
    ),
    /** Changes some of a campaign's fields (not its id or status), checked whole as on create. */
    update: method(
      'campaigns.update',
      campaignEdits,
      [campaignId, ['changes', 'object'], actor],
      (id: string, changes: CampaignChanges, by?: string) =>
        Effect.zipRight(checkCampaignVoiceAgent(changes), updateCampaign(id, changes, by)),
    ),
    /** The campaign, or null when there is none with that id. */
    get: method('campaigns.get', ['stores.campaigns'], [campaignId], (id: string) =>
      Effect.catchTag(existingCampaign(id), 'UnknownCampaign', () => Effect.succeed(null)),
    ),
    /** Every campaign, by name. */
    list: method('campaigns.list', ['stores.campaigns'], [], () =>
      Effect.flatMap(CampaignStore, (s) => s.list()),
    ),
    /** Stops the engine dialling it; its agents stay joined. */
    pause: method('campaigns.pause', campaignEdits, [campaignId, actor], (id: string, by?: string) =>
      setCampaignStatus(id, 'paused' satisfies CampaignStatus, by),
    ),
    resume: method('campaigns.resume', campaignEdits, [campaignId, actor], (id: string, by?: string) =>
      setCampaignStatus(id, 'active' satisfies CampaignStatus, by),
    ),
    /** Puts an active agent (the agent role) in the campaign; rejects `CampaignAgentRefused` otherwise. */
    join: method(
      'campaigns.join',
      [...campaignEdits, 'stores.agents'],
      [campaignId, agentId, actor],
      (id: string, agent: string, by?: string) => joinCampaign(id, agent, by),
    ),
    leave: method(
      'campaigns.leave',
      campaignEdits,
      [campaignId, agentId, actor],
      (id: string, agent: string, by?: string) => leaveCampaign(id, agent, by),
    ),
    /** The campaign's agents with when each joined, longest-joined first. */
    agents: method('campaigns.agents', ['stores.campaigns'], [campaignId], (id: string) =>
      campaignAgents(id),
    ),
  }

  // Inbound: flows and voicemail need the inbound store; answering calls needs the provider's side too.
  const inboundStore = ['stores.inbound']
  const answering = ['stores.inbound', 'stores.calls', 'telephony', 'inbound']
  const flowId = ['flowId', 'string'] as const
  const messageId = ['messageId', 'string'] as const
  const inbound = {
    /**
     * The voice webhook for a call to one of the dialler's numbers: opened in the call log (inbound),
     * matched to its lead with the agent who last spoke to them, and the number's published flow
     * started. Answer with the instructions; 403 on `WebhookRejected`, 400 on `InvalidWebhook`.
     */
    answer: method('inbound.answer', answering, [['request', 'webhook']], answerInboundCall),
    /** The flow's webhook (after a menu, a message, a spell on hold): the call goes on from its step. */
    continue: method('inbound.continue', answering, [['request', 'webhook']], continueInboundCall),
    /**
     * The voice webhook for an agent's browser leg that is their inbound line (`ringlaneInbound=1`): it
     * waits in their conference for routing's callers. Null for any other browser call; 400
     * (`InvalidWebhook`) when the agent is not active or works no live-call queue.
     */
    line: method(
      'inbound.line',
      ['stores.agents', 'telephony'],
      [['request', 'webhook']],
      (request: WebhookRequest) => Effect.map(inboundLineInstructions(request), Option.getOrNull),
    ),
    /**
     * The agent's inbound desk: whether they take live calls (they work a live-call queue), and the
     * inbound call they are on or must record the outcome of, with its caller (a lead, or unknown).
     */
    desk: method('inbound.desk', ['stores.inbound', 'stores.calls', 'stores.agents'], [agentId], inboundDesk),
    /**
     * Saves a flow's draft (`{ id, name, numbers, definition: { start, steps } }`). A step that leads
     * nowhere, a loop without an exit, an unknown queue or box rejects `InvalidFlow` naming the step.
     */
    saveFlow: method('inbound.saveFlow', inboundStore, [['flow', 'object']], (flow: unknown) =>
      saveFlow(flow),
    ),
    /** Publishes the draft as the next version (immutable); new calls run it. `by`: who published. */
    publishFlow: method(
      'inbound.publishFlow',
      inboundStore,
      [flowId, ['by', 'optionalString']],
      (id: string, by?: string) => publishFlow(id, by),
    ),
    /** The flow (its draft and the version in force), or null. */
    flow: method('inbound.flow', inboundStore, [flowId], findFlow),
    /** Every flow, by name. */
    flows: method('inbound.flows', inboundStore, [], () =>
      Effect.flatMap(InboundStore, (s) => s.listFlows()),
    ),
    /**
     * The flow tester: walks the draft (or `version`) as a call at `at` whose caller gives `inputs`
     * (`{ digits }`, `{ speech }` or null) at each menu; resolves every step taken and where it ended.
     */
    testFlow: method(
      'inbound.testFlow',
      inboundStore,
      [flowId, ['request', 'object']],
      (id: string, request: FlowTestRequest) => testFlow(id, request),
    ),
    /** An inbound call's flow, version and every step it took, or null for a call that is not inbound. */
    call: method('inbound.call', inboundStore, [['sessionId', 'string']], (sessionId: string) =>
      Effect.gen(function* () {
        const store = yield* InboundStore
        const call = yield* store.findCall(sessionId)
        if (Option.isNone(call)) return null
        return { ...call.value, steps: yield* store.callSteps(sessionId) }
      }),
    ),
    /** Saves a voicemail box (`{ id, name, owner, greeting, maxLengthSeconds, retentionDays }`). */
    saveBox: method('inbound.saveBox', inboundStore, [['box', 'object']], (box: unknown) =>
      saveVoicemailBox(box),
    ),
    boxes: method('inbound.boxes', inboundStore, [], () =>
      Effect.flatMap(InboundStore, (s) => s.listBoxes()),
    ),
    /** Messages newest first (`{ boxId?, unheard?, limit? }`). */
    voicemails: method(
      'inbound.voicemails',
      inboundStore,
      [['query', 'optionalObject']],
      (query?: VoicemailQueryInput) => listVoicemails(query),
    ),
    voicemail: method('inbound.voicemail', inboundStore, [messageId], findVoicemail),
    /**
     * An agent's voicemail inbox (`{ boxId?, unheard?, limit? }`): the boxes they may hear (their own,
     * their queues'; every box for supervisors) and those boxes' messages, newest first.
     */
    inbox: method(
      'inbound.inbox',
      [...inboundStore, 'stores.agents'],
      [agentId, ['query', 'optionalObject']],
      (id: string, query?: VoicemailQueryInput) => agentVoicemails(id, query),
    ),
    markHeard: method(
      'inbound.markHeard',
      [...inboundStore, 'stores.agents'],
      [agentId, messageId],
      markVoicemailHeard,
    ),
    /**
     * A callback to the number that left the message (`{ dueAt?, ownerAgentId? }`: now, for the agent
     * asking, by default); once per message.
     */
    callback: method(
      'inbound.callback',
      [...inboundStore, 'stores.agents', 'stores.history'],
      [agentId, messageId, ['request', 'optionalObject']],
      (id: string, message: string, request?: VoicemailCallbackRequest) =>
        callbackFromVoicemail(id, message, request),
    ),
    /** The `voicemail-retention` job's program. */
    applyRetention: method('inbound.applyRetention', inboundStore, [], () => applyVoicemailRetention),
  }

  // What each job's programs need; a job whose needs were not given is left out of `jobs.definitions`.
  const jobNeeds: Record<JobName, ReadonlyArray<string>> = {
    'queue-level-check': dialler,
    'queue-regeneration': dialler,
    'conversion-tracking': ['stores.queues', 'source'],
    'callback-reminders': ['stores.history'],
    'stale-claims': ['stores.queues'],
    'stale-calls': callNeeds,
    'wrap-up-timeout': ['stores.agents'],
    'recording-retry': recordingNeeds,
    'daily-cleanup': recordingNeeds,
    transcription: transcribeNeeds,
    'cost-collection': ['stores.costs', 'pricing'],
    'voicemail-retention': ['stores.inbound'],
  }
  const jobRuns = new Map<string, () => Promise<JobSummary>>(
    jobDefinitions.map((job) => [
      job.name,
      method(
        `jobs.run(${job.name})`,
        jobNeeds[job.name],
        [],
        // Typed here so a job needing a service createRinglane does not provide fails to compile.
        (): Effect.Effect<JobSummary, unknown, Services> => job.program,
      ),
    ]),
  )
  const jobs = {
    /**
     * The background jobs this dialler can run, with their schedules (cron, UTC): those whose areas it
     * was given. A job runner (e.g. `startJobRunner` from @ringlane/postgres) runs them on schedule.
     */
    definitions: jobDefinitions
      .filter((job) => jobNeeds[job.name].every((need) => present[need]))
      .map(({ name, cron, description }) => ({ name, cron, description })),
    /**
     * Runs one job now, on this runtime, and resolves with its summary (counts and ids). Each job's
     * program is safe on several instances at once; a runner keeps one run of a job at a time.
     */
    run: async (name: JobName): Promise<JobSummary> => {
      const invalid = checkArgs('jobs.run', [['name', 'string']], [name])
      if (invalid) throw invalid
      const run = jobRuns.get(name)
      if (!run)
        throw new InvalidRequest({
          method: 'jobs.run',
          field: 'name',
          message: `jobs.run: name must be one of ${jobDefinitions.map((job) => job.name).join(', ')}`,
        })
      return run()
    },
  }

  const controlNeeds = [...callNeeds, 'stores.queues', 'stores.audit']
  /**
   * What an agent and a supervisor do to a live call the dialler connected (auto mode, inbound): hold,
   * transfer, three-way calls, listening in. Each checks who may do it, is audited under `call:<id>` and
   * published as `CallControlled`. A preview call dialled from the desk is refused with
   * `NotAConferenceCall`.
   */
  const callControl = {
    /**
     * The agent's live call as call control sees it (on hold, the other agent, outside numbers on it), or
     * null when they have no answered call in their conference.
     */
    status: method('callControl.status', controlNeeds, [agentId], callControlStatus),
    /** The agent puts their caller on hold (hold music). */
    hold: method('callControl.hold', controlNeeds, [agentId], holdCall),
    /** The agent takes their caller off hold. */
    resume: method('callControl.resume', controlNeeds, [agentId], resumeCall),
    /**
     * Transfers the agent's call to another agent who is free with their softphone ready. `cold`: now,
     * and the agent wraps up. `warm`: the caller holds while the other agent joins; then
     * `completeTransfer` or `cancelTransfer`.
     */
    transferToAgent: method(
      'callControl.transferToAgent',
      controlNeeds,
      [agentId, ['toAgentId', 'string'], ['mode', 'string']],
      transferToAgent,
    ),
    /**
     * Transfers the agent's call to a live-call queue (routing): the caller waits with hold music for
     * the next agent routing connects, and the agent wraps up.
     */
    transferToQueue: method(
      'callControl.transferToQueue',
      [...controlNeeds, 'stores.routing'],
      [agentId, ['queueId', 'string']],
      transferToQueue,
    ),
    /** Gives the call to the agent consulted in a warm transfer (or added to a three-way call). */
    completeTransfer: method('callControl.completeTransfer', controlNeeds, [agentId], completeTransfer),
    /** Sends the consulted agent back, free, and takes the caller off hold. */
    cancelTransfer: method('callControl.cancelTransfer', controlNeeds, [agentId], cancelTransfer),
    /** A three-way call: `{ agentId }` joins another free agent, `{ phone }` rings an outside number in. */
    addToCall: method('callControl.addToCall', controlNeeds, [agentId, ['who', 'object']], addToCall),
    /** Takes someone added to the call off it again, by the label `addToCall` returned. */
    removeFromCall: method(
      'callControl.removeFromCall',
      controlNeeds,
      [agentId, ['label', 'string']],
      removeFromCall,
    ),
    /** A supervisor (or admin) listens to, whispers to (only the agent hears) or barges into a call. */
    supervise: method(
      'callControl.supervise',
      controlNeeds,
      [
        ['supervisorId', 'string'],
        ['sessionId', 'string'],
        ['mode', 'string'],
      ],
      superviseCall,
    ),
    /** The supervisor leaves the call; false when they were not on it. */
    stopSupervising: method(
      'callControl.stopSupervising',
      controlNeeds,
      [
        ['supervisorId', 'string'],
        ['sessionId', 'string'],
      ],
      stopSupervising,
    ),
  }

  const events = {
    /**
     * Calls `listener` with every domain event from now on (call started, answered, ended; agent state
     * changed; lead claimed; SMS received; recording stored...). Returns a function that stops it.
     */
    subscribe: async (listener: (event: RinglaneEvent) => void): Promise<() => Promise<void>> => {
      const invalid = checkArgs('events.subscribe', [['listener', 'function']], [listener])
      if (invalid) throw invalid
      const scope = await runtime.runPromise(Scope.make())
      const queue = await runtime.runPromise(
        Scope.extend(
          Effect.flatMap(DomainEvents, (hub) => hub.subscribe),
          scope,
        ),
      )
      const fiber = runtime.runFork(
        Effect.forever(
          Effect.flatMap(Queue.take(queue), (event) =>
            Effect.sync(() => {
              try {
                listener(event as RinglaneEvent)
              } catch (error) {
                console.error('A domain event listener threw', error)
              }
            }),
          ),
        ),
      )
      return async () => {
        await runtime.runPromise(Fiber.interrupt(fiber))
        await runtime.runPromise(Scope.close(scope, Exit.void))
      }
    },
  }

  // Routing: live-call queues, their rules, and who gets each waiting call.
  const routingNeeds = ['stores.routing', 'stores.agents']
  const routingEdits = [...routingNeeds, 'stores.audit']
  const routing = {
    /** Live-call queues, by name. */
    queues: method('routing.queues', routingNeeds, [], () => routingQueues),
    /** The queue, or null when there is none with that id. */
    queue: method('routing.queue', routingNeeds, [['queueId', 'string']], (id: string) =>
      Effect.map(
        Effect.flatMap(RoutingStore, (store) => store.findQueue(id)),
        Option.getOrNull,
      ),
    ),
    /**
     * Creates or replaces a live-call queue with its rule steps; rejects `InvalidRoutingQueue` naming
     * the field, `InvalidRoutingRule` naming the step, or `UnknownRoutingQueue` (an overflow target),
     * writing nothing. Audited; the version goes up by one.
     */
    saveQueue: method(
      'routing.saveQueue',
      routingEdits,
      [['queue', 'object'], actor],
      (queue: RoutingQueueInput, by?: string) => saveRoutingQueue(queue, by),
    ),
    deleteQueue: method(
      'routing.deleteQueue',
      routingEdits,
      [['queueId', 'string'], actor],
      (id: string, by?: string) => deleteRoutingQueue(id, by),
    ),
    /** Sets an agent's skills (name → level 1 to 10) and languages. */
    setAgentSkills: method(
      'routing.setAgentSkills',
      routingEdits,
      [['skills', 'object'], actor],
      (skills: AgentSkillsInput, by?: string) => setAgentSkills(skills, by),
    ),
    agentSkills: method('routing.agentSkills', routingNeeds, [], () => allAgentSkills),
    /** Puts a call in a queue to wait for an agent; the routing round connects one. */
    enqueue: method('routing.enqueue', routingNeeds, [['request', 'object']], (request: RouteRequestInput) =>
      enqueue(request),
    ),
    /** The caller hung up: the call's contact is abandoned (or ended if connected); null if never queued. */
    callerHungUp: method('routing.callerHungUp', routingNeeds, [['callId', 'string']], (callId: string) =>
      Effect.map(callerHungUp(callId), Option.getOrNull),
    ),
    /** The call ended: its contact is ended (or abandoned if still waiting); null if never queued. */
    callEnded: method('routing.callEnded', routingNeeds, [['callId', 'string']], (callId: string) =>
      Effect.map(callEnded(callId), Option.getOrNull),
    ),
    /** Which agent would get this call and why, rule step by rule step; reserves nothing. */
    whoWouldGet: method(
      'routing.whoWouldGet',
      routingNeeds,
      [
        ['request', 'object'],
        ['options', 'optionalObject'],
      ],
      (request: RouteRequestInput, options?: { readonly at?: Date; readonly waitedSeconds?: number }) =>
        whoWouldGet(request, options?.at, options?.waitedSeconds),
    ),
    /** The contacts enqueued in `[since, until)`, of one queue or all: what SLA is computed from. */
    contacts: method(
      'routing.contacts',
      routingNeeds,
      [['query', 'object']],
      (query: { readonly queueId?: string; readonly since: Date; readonly until: Date }) => contacts(query),
    ),
    /** One routing round (the app runs one every 500 ms): lapse, overflow, reserve and connect. */
    round: method('routing.round', [...routingNeeds, 'stores.calls', 'telephony'], [], () => routingRound),
  }

  // Voice AI: AI agents that take calls, fall back across providers and hand over to a person.
  const voiceAiNeeds = ['stores.voiceAi']
  const voiceAi = {
    /**
     * Creates or replaces an AI agent (`{ id, name, instructions, providers, handoffQueueId }`): the
     * providers must be among `voiceAi.providers`, the handoff queue one of routing's.
     */
    saveAgent: method(
      'voiceAi.saveAgent',
      [...voiceAiNeeds, 'stores.routing', 'voiceAi'],
      [['agent', 'object']],
      (agent: VoiceAgentInput) => saveVoiceAgent(agent),
    ),
    agents: method('voiceAi.agents', voiceAiNeeds, [], () => listVoiceAgents),
    agent: method('voiceAi.agent', voiceAiNeeds, [['agentId', 'string']], (id: string) => findVoiceAgent(id)),
    /**
     * An AI agent takes a live call on `line` (`twilioMediaStreamLine(...)` from @ringlane/twilio, or
     * the simulator's): resolves with the session's record when the conversation ends, the caller
     * hangs up, or the call has been handed to the agent's human queue. For an IVR step or the engine.
     */
    takeCall: method(
      'voiceAi.takeCall',
      [...voiceAiNeeds, 'stores.routing', 'voiceAi'],
      [
        ['request', 'object'],
        ['line', 'object'],
      ],
      (request: TakeCallRequest, line: CallAudioLine) => takeCall(request, line),
    ),
    /**
     * A call's audio stream arrived (a Twilio Media Stream's `start`, `twilioMediaStreamLine(...)`):
     * `{ ticket, providerCallId }` are its custom parameter `ticket` and the call it carries. Refuses
     * `InvalidAiStream` when the ticket is missing, forged, expired, for another call or already used;
     * otherwise the AI agent takes the call and it is settled (hung up, or handed to a person).
     */
    acceptStream: method(
      'voiceAi.acceptStream',
      [...voiceAiNeeds, 'stores.routing', 'stores.calls', 'telephony', 'voiceAi'],
      [
        ['stream', 'object'],
        ['line', 'object'],
      ],
      (stream: { readonly ticket: string; readonly providerCallId: string }, line: CallAudioLine) =>
        acceptAiStream(stream, line),
    ),
    /** A call's AI sessions (`{ callId }` or `{ providerCallId }`), with attempts, transcript and handoff. */
    sessionsOfCall: method(
      'voiceAi.sessionsOfCall',
      voiceAiNeeds,
      [['query', 'object']],
      (query: CallSessionsQuery) => aiSessionsOfCall(query),
    ),
    /** The latest AI sessions, newest first (50 unless `limit`, at most 500). */
    recentSessions: method('voiceAi.recentSessions', voiceAiNeeds, [['limit', 'count']], (limit?: number) =>
      recentAiSessions(limit),
    ),
  }

  return {
    agents,
    queues: queuesApi,
    routing,
    voiceAi,
    leads,
    dialing,
    calls,
    callControl,
    messaging,
    magicLinks,
    recordings,
    transcripts,
    compliance,
    analytics,
    campaigns,
    inbound,
    jobs,
    events,
    /** The checked settings in force. */
    settings,
    /**
     * The resolved queues (priority order) and the settings in force, with what supervisors stored over
     * them (queue tuning, dispositions), e.g. the dispositions to offer agents.
     */
    config: method('config', [], [], () =>
      Effect.map(Effect.all([currentQueues, currentDispositions]), ([current, dispositions]) => ({
        queues: current.queues,
        settings: { ...settings, dispositions },
      })),
    ),
    /** Releases the runtime; the stores', source's and providers' clients stay yours to close. */
    dispose: async () => {
      await transcribing?.()
      await keepingErrors?.()
      await following?.()
      await runtime.dispose()
    },
  }
}

/** Runs `handle` on every domain event from now on, one at a time; returns how to stop. */
const listen = async (
  runtime: ManagedRuntime.ManagedRuntime<Services, unknown>,
  handle: (event: DomainEvent) => Effect.Effect<unknown, never, Services>,
) => {
  const scope = await runtime.runPromise(Scope.make())
  const queue = await runtime.runPromise(
    Scope.extend(
      Effect.flatMap(DomainEvents, (hub) => hub.subscribe),
      scope,
    ),
  )
  const fiber = runtime.runFork(Effect.forever(Effect.flatMap(Queue.take(queue), handle)))
  return async () => {
    await runtime.runPromise(Fiber.interrupt(fiber))
    await runtime.runPromise(Scope.close(scope, Exit.void))
  }
}

/**
 * Inbound's reactions to routing: a waiting call overflowed to a voicemail box is sent there; an inbound
 * call that ended (the caller hung up while waiting) leaves its queue. Returns how to stop.
 */
const startInboundTriggers = async (runtime: ManagedRuntime.ManagedRuntime<Services, unknown>) => {
  const scope = await runtime.runPromise(Scope.make())
  const queue = await runtime.runPromise(
    Scope.extend(
      Effect.flatMap(DomainEvents, (hub) => hub.subscribe),
      scope,
    ),
  )
  const react = (event: { readonly _tag: string }): Effect.Effect<void, unknown, Services> =>
    event._tag === 'ContactOverflowed'
      ? Effect.asVoid(overflowToVoicemail(event as ContactOverflowed))
      : event._tag === 'CallEnded'
        ? Effect.gen(function* () {
            const sessionId = (event as CallSessionEvent & { sessionId: string }).sessionId
            const inboundCall = yield* Effect.flatMap(InboundStore, (store) => store.findCall(sessionId))
            const routingStore = yield* Effect.serviceOption(RoutingStore)
            if (Option.isSome(inboundCall) && Option.isSome(routingStore))
              yield* Effect.provideService(callerHungUp(sessionId), RoutingStore, routingStore.value)
          })
        : Effect.void
  const fiber = runtime.runFork(
    Effect.forever(
      Effect.flatMap(Queue.take(queue), (event) =>
        react(event).pipe(
          Effect.catchAllCause((cause) =>
            Effect.logWarning('An inbound call could not follow routing', cause),
          ),
        ),
      ),
    ),
  )
  return async () => {
    await runtime.runPromise(Fiber.interrupt(fiber))
    await runtime.runPromise(Scope.close(scope, Exit.void))
  }
}

export type Ringlane<Details = unknown> = Awaited<ReturnType<typeof createRinglane<Details>>>

type Services =
  | PhoneConfig
  | ComplianceConfig
  | CallsConfig
  | AgentsConfig
  | QueuesConfig
  | SourceBreaker
  | DomainEvents
  | AgentStore
  | QueueStore
  | ContactHistoryStore
  | SuppressionStore
  | SuppressionListStore
  | AbandonLedger
  | DialEvidenceStore
  | PreDialFactsReader
  | CallStore
  | RecordingStore
  | MessagingStore
  | MagicLinkStore
  | AuditLog
  | SettingsStore
  | AnalyticsStore
  | CampaignStore
  | CampaignsConfig
  | RoutingStore
  | LeadSource
  | Telephony
  | Messaging
  | RecordingStorage
  | MessagingConfig
  | MagicLinksConfig
  | RecordingsConfig
  | TranscriptStore
  | Transcription
  | TranscriptsConfig
  | VoiceAiStore
  | VoiceAgentProviders
  | VoiceAiConfig
  | AiCallLines
  | CostStore
  | SystemErrorStore
  | ProviderPricing
  | InboundStore
  | InboundVoice
  | InboundConfig
