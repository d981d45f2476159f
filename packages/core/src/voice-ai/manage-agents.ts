import { Effect, Option, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { currentDate } from '../kernel/time.js'
import { existingQueue } from '../routing/manage-queues.js'
import { InvalidVoiceAiRequest, UnknownVoiceProvider, VoiceAgentNotFound } from './errors.js'
import { VoiceAgentProviders } from './provider.js'
import { VoiceAgent, VoiceAgentId, type VoiceAgentInput } from './voice-agent.js'
import { VoiceAiStore } from './voice-ai-store.js'

const decodeAgent = decodeWith(VoiceAgent, (issue) => new InvalidVoiceAiRequest(issue))
const decodeId = decodeWith(
  VoiceAgentId,
  (issue) => new InvalidVoiceAiRequest({ ...issue, field: 'agentId' }),
)

/**
 * Creates or replaces an AI agent. Refused, writing nothing: a field out of shape
 * (`InvalidVoiceAiRequest` naming it), a provider this dialler was not given (`UnknownVoiceProvider`),
 * a handoff queue routing does not have (`UnknownRoutingQueue`).
 */
export const saveVoiceAgent = (input: VoiceAgentInput) =>
  Effect.gen(function* () {
    const agent = yield* decodeAgent(input)
    const providers = yield* Effect.serviceOption(VoiceAgentProviders)
    const known: ReadonlyArray<string> = Option.match(providers, {
      onNone: () => [],
      onSome: (list) => list.map((p) => p.name),
    })
    const unknown = agent.providers.find((name) => !known.includes(name))
    if (unknown !== undefined) {
      return yield* new UnknownVoiceProvider({
        provider: unknown,
        message: `providers: ${unknown} is not a provider this dialler was given (${known.join(', ') || 'none'})`,
      })
    }
    yield* existingQueue(agent.handoffQueueId, 'handoffQueueId')
    const store = yield* VoiceAiStore
    return yield* store.saveAgent(agent, yield* currentDate)
  })

/** An AI agent by id; `VoiceAgentNotFound` when there is none. */
export const findVoiceAgent = (id: string) =>
  Effect.gen(function* () {
    const agentId = yield* decodeId(id)
    const store = yield* VoiceAiStore
    const found = yield* store.findAgent(agentId)
    if (Option.isNone(found))
      return yield* new VoiceAgentNotFound({ agentId, message: `there is no AI agent ${agentId}` })
    return found.value
  })

export const listVoiceAgents = Effect.flatMap(VoiceAiStore, (store) => store.listAgents())

const Id = Schema.Trim.pipe(Schema.nonEmptyString(), Schema.maxLength(100))

/** Which call's AI sessions: by our call id or the provider's (at least one). */
export const CallSessionsQuery = Schema.Struct({
  callId: Schema.optionalWith(Id, { exact: true }),
  providerCallId: Schema.optionalWith(Id, { exact: true }),
}).pipe(
  Schema.filter((q) =>
    q.callId !== undefined || q.providerCallId !== undefined
      ? undefined
      : { path: ['callId'], message: 'give callId or providerCallId' },
  ),
)
export type CallSessionsQuery = typeof CallSessionsQuery.Encoded

const decodeQuery = decodeWith(CallSessionsQuery, (issue) => new InvalidVoiceAiRequest(issue))

/** A call's AI sessions, oldest first: attempts with their reasons, the transcript, the handoff. */
export const aiSessionsOfCall = (query: CallSessionsQuery) =>
  Effect.flatMap(decodeQuery(query), (q) => Effect.flatMap(VoiceAiStore, (store) => store.sessionsOfCall(q)))

const Limit = Schema.Int.pipe(
  Schema.between(1, 500, { message: () => 'limit must be a whole number from 1 to 500' }),
)
const decodeLimit = decodeWith(Limit, (issue) => new InvalidVoiceAiRequest({ ...issue, field: 'limit' }))

/** The latest AI sessions, newest first (50 unless `limit`). */
export const recentAiSessions = (limit = 50) =>
  Effect.flatMap(decodeLimit(limit), (n) => Effect.flatMap(VoiceAiStore, (store) => store.recentSessions(n)))
