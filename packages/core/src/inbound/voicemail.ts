import { Schema } from 'effect'
import { AgentId, type LeadId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import { Prompt } from './flow.js'

export const BoxId = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
    message: () => 'a box id is 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
  }),
)

/** Whose box it is: a queue's (its agents hear it) or one agent's. */
export const BoxOwner = Schema.Union(
  Schema.TaggedStruct('queue', { queueId: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(40)) }),
  Schema.TaggedStruct('agent', { agentId: AgentId }),
)
export type BoxOwner = typeof BoxOwner.Type

/** A voicemail box as it is saved. */
export const VoicemailBox = Schema.Struct({
  id: BoxId,
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(100)),
  owner: BoxOwner,
  /** What the caller hears before the tone. */
  greeting: Prompt,
  /** The longest message, in seconds. */
  maxLengthSeconds: Schema.Int.pipe(Schema.between(5, 600)),
  /** Messages older than this are deleted by the `voicemail-retention` job. */
  retentionDays: Schema.Int.pipe(Schema.between(1, 3650)),
})
export type VoicemailBox = typeof VoicemailBox.Type

/** A message left in a box. Its audio is the call's recording (the recording pipeline stores it). */
export interface VoicemailMessage {
  readonly id: string
  readonly boxId: string
  readonly sessionId: string
  readonly from: E164
  /** The caller's lead when their number is known; null for an unknown caller. */
  readonly leadId: LeadId | null
  readonly providerRecordingId: string
  readonly durationSeconds: number | null
  readonly recordedAt: Date
  readonly heardAt: Date | null
  readonly heardBy: AgentId | null
  /** The callback made from this message, once one is. */
  readonly callbackId: string | null
}

export type NewVoicemail = Omit<VoicemailMessage, 'id' | 'heardAt' | 'heardBy' | 'callbackId'>

export const VoicemailQuery = Schema.Struct({
  boxId: Schema.optional(BoxId),
  /** Only messages nobody has heard yet. */
  unheard: Schema.optional(Schema.Boolean),
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 500)), { default: () => 100 }),
})
export type VoicemailQuery = typeof VoicemailQuery.Type
export type VoicemailQueryInput = typeof VoicemailQuery.Encoded
