export { AiCallLines, type AiCallLinesService, type AiCallRoute, AiLineFailed } from './ai-call-lines.js'
export { InvalidAiStream, openAiCallTicket, signAiCallTicket, TICKET_TTL_MS } from './ai-call-ticket.js'
export { audioMillis, type CallAudioLine, type CallerAudio, comfortTone } from './call-audio.js'
export { checkCampaignVoiceAgent } from './campaign-voice-agent.js'
export { InvalidVoiceAiRequest, UnknownVoiceProvider, VoiceAgentNotFound } from './errors.js'
export type { VoiceAiEvent, VoiceAiProviderFailed, VoiceAiSessionEnded } from './events.js'
export { type HandoffRequest, type HandoffResult, handOverToQueue } from './handoff.js'
export {
  aiSessionsOfCall,
  CallSessionsQuery,
  findVoiceAgent,
  listVoiceAgents,
  recentAiSessions,
  saveVoiceAgent,
} from './manage-agents.js'
export { inMemoryVoiceAiStore } from './memory-store.js'
export {
  type AgentBrief,
  FailureReason,
  Speaker,
  type VoiceAgentEvent,
  VoiceAgentFailure,
  type VoiceAgentProviderService,
  VoiceAgentProviders,
  type VoiceAgentSession,
} from './provider.js'
export type {
  Handoff,
  HandoffReason,
  ProviderAttempt,
  SessionTurn,
  VoiceAiSession,
  VoiceAiSessionId,
  VoiceAiSessionStatus,
} from './session.js'
export { handoffSummary } from './summary.js'
export {
  conductCall,
  TakeCallRequest,
  takeCall,
} from './take-call.js'
export { ProviderName, VoiceAgent, VoiceAgentId, type VoiceAgentInput } from './voice-agent.js'
export {
  InvalidVoiceAiSettings,
  VoiceAiConfig,
  VoiceAiSettings,
  type VoiceAiSettingsInput,
} from './voice-ai-config.js'
export {
  type NewVoiceAiSession,
  type SessionEnd,
  VoiceAiStore,
  VoiceAiStoreError,
  type VoiceAiStoreService,
} from './voice-ai-store.js'
