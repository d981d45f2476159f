import { Effect, Option } from 'effect'
import { activeAgent } from '../agents/active-agent.js'
import { CallStore } from '../calls/call-store.js'
import type { AgentId, LeadId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import { InvalidWebhook, type WebhookRequest } from '../kernel/webhooks.js'
import { RoutingStore } from '../routing/routing-store.js'
import { Telephony } from '../telephony/telephony.js'
import { InboundStore } from './inbound-store.js'

/**
 * The parameter an agent's browser leg carries when it is their line for inbound calls: like an
 * auto-mode leg it waits in the agent's own conference, where routing joins the queued callers.
 */
export const INBOUND_LINE_PARAM = 'ringlaneInbound'

/** The live-call queues the agent works: those naming them, and those that take every active agent. */
export const liveQueuesOf = (agentId: AgentId) =>
  Effect.gen(function* () {
    const routing = yield* Effect.serviceOption(RoutingStore)
    if (Option.isNone(routing)) return []
    const queues = yield* routing.value.listQueues()
    return queues
      .filter((queue) => queue.agentIds.length === 0 || queue.agentIds.includes(agentId))
      .map((queue) => queue.id as string)
  })

/** Whether the agent works a live-call queue. */
const worksLiveQueue = (agentId: AgentId) => Effect.map(liveQueuesOf(agentId), (ids) => ids.length > 0)

/**
 * The provider asks what to do with an agent's browser call that says it is their inbound line: put
 * it in the agent's conference. Only an active agent who works a live-call queue gets one. None for
 * a browser call that is not an inbound line.
 */
export const inboundLineInstructions = (request: WebhookRequest) =>
  Effect.gen(function* () {
    const telephony = yield* Telephony
    const params = yield* telephony.verifyWebhook(request)
    if (params[INBOUND_LINE_PARAM] !== '1') return Option.none()
    const refuse = (message: string) =>
      new InvalidWebhook({ field: INBOUND_LINE_PARAM, message: `${INBOUND_LINE_PARAM}: ${message}` })
    const agent = yield* activeAgent((params.From ?? '').replace(/^client:/, '')).pipe(
      Effect.mapError(() => refuse('the line is not an active agent’s browser')),
    )
    if (!(yield* worksLiveQueue(agent.id))) return yield* refuse('this agent works no live-call queue')
    return Option.some(yield* telephony.agentLegInstructions(agent.id))
  })

/** Who is calling, as the desk shows them: a lead the number matched, or an unknown caller's number. */
export type InboundCaller =
  | { readonly _tag: 'KnownCaller'; readonly leadId: LeadId; readonly phone: E164 }
  | { readonly _tag: 'UnknownCaller'; readonly phone: E164 }

/** An inbound call on the agent's desk, from the moment routing connects it until its outcome. */
export interface DeskInboundCall {
  readonly sessionId: string
  readonly status: string
  readonly caller: InboundCaller
  readonly flowId: string | null
  readonly answeredAt: Date | null
  readonly endedAt: Date | null
}

/** What the desk needs of inbound work: whether the agent takes live calls, and the call they are on. */
export interface InboundDesk {
  readonly takesCalls: boolean
  readonly call: DeskInboundCall | null
}

/**
 * The agent's inbound desk. The call is their latest call when it is inbound and its outcome is not
 * recorded, ended or not: a caller connected by routing has no queue entry, so the desk cannot find
 * it by the lead it holds. A later call of theirs (they moved on) hides it.
 */
export const inboundDesk = (agentId: string) =>
  Effect.gen(function* () {
    const agent = yield* activeAgent(agentId)
    const takesCalls = yield* worksLiveQueue(agent.id)
    const [latest] = yield* Effect.flatMap(CallStore, (calls) =>
      calls.agentCalls(agent.id, { before: null, limit: 1 }),
    )
    if (latest?.session.direction !== 'inbound' || latest.outcome !== null)
      return { takesCalls, call: null } satisfies InboundDesk
    const session = latest.session
    const inbound = yield* Effect.flatMap(InboundStore, (store) => store.findCall(session.id))
    const leadId = Option.isSome(inbound) ? inbound.value.leadId : null
    const caller: InboundCaller =
      leadId === null
        ? { _tag: 'UnknownCaller', phone: session.phone }
        : { _tag: 'KnownCaller', leadId, phone: session.phone }
    return {
      takesCalls,
      call: {
        sessionId: session.id,
        status: session.status,
        caller,
        flowId: Option.isSome(inbound) ? inbound.value.flowId : null,
        answeredAt: session.answeredAt,
        endedAt: session.endedAt,
      },
    } satisfies InboundDesk
  })
