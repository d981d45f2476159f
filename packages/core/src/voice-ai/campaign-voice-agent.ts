import { Effect, Option, Schema } from 'effect'
import { InvalidCampaign } from '../campaigns/errors.js'
import { VoiceAgentId } from './voice-agent.js'
import { VoiceAiStore } from './voice-ai-store.js'

/**
 * A campaign may name only an AI agent this dialler has (campaigns sit below voice AI and cannot look
 * it up themselves). Checked before the campaign is saved; a value that is not an id at all is left
 * to the campaign's own check, which names it.
 */
export const checkCampaignVoiceAgent = (input: unknown) =>
  Effect.gen(function* () {
    if (typeof input !== 'object' || input === null || !Object.hasOwn(input, 'voiceAgentId')) return
    const id = Schema.decodeUnknownOption(VoiceAgentId)((input as { voiceAgentId: unknown }).voiceAgentId)
    if (Option.isNone(id)) return
    const store = yield* Effect.serviceOption(VoiceAiStore)
    const agent = Option.isNone(store) ? Option.none() : yield* store.value.findAgent(id.value)
    if (Option.isNone(agent))
      return yield* new InvalidCampaign({
        field: 'voiceAgentId',
        message: `voiceAgentId: there is no AI agent "${id.value}"`,
      })
  })
