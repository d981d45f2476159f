import type { HandoffReason, VoiceAiSessionId, VoiceAiSessionStatus } from './session.js'

/** An AI session ended: the conversation finished, the caller hung up, or the call went to a person. */
export interface VoiceAiSessionEnded {
  readonly _tag: 'VoiceAiSessionEnded'
  readonly sessionId: VoiceAiSessionId
  readonly callId: string
  readonly status: Exclude<VoiceAiSessionStatus, 'active'>
  readonly handoffReason: HandoffReason | null
  readonly at: Date
}

/** A provider failed during a call and the next one was asked (or the call went to a person). */
export interface VoiceAiProviderFailed {
  readonly _tag: 'VoiceAiProviderFailed'
  readonly sessionId: VoiceAiSessionId
  readonly callId: string
  readonly provider: string
  readonly reason: string
  readonly at: Date
}

export type VoiceAiEvent = VoiceAiSessionEnded | VoiceAiProviderFailed
