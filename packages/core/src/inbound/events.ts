import type { AgentId, LeadId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type { BoxOwner } from './voicemail.js'

/** A call came in to one of the dialler's numbers and its flow started. */
export interface InboundCallStarted {
  readonly _tag: 'InboundCallStarted'
  readonly at: Date
  readonly sessionId: string
  readonly flowId: string
  readonly flowVersion: number
  readonly from: E164
  readonly leadId: LeadId | null
  readonly preferredAgentId: AgentId | null
}

/** A caller left a message: its box's owner (an agent, or a queue's agents) should hear it. */
export interface VoicemailReceived {
  readonly _tag: 'VoicemailReceived'
  readonly at: Date
  readonly messageId: string
  readonly boxId: string
  readonly owner: BoxOwner
  readonly sessionId: string
  readonly from: E164
  readonly leadId: LeadId | null
}

export type InboundEvent = InboundCallStarted | VoicemailReceived
