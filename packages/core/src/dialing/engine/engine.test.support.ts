import { Effect, Layer, Option } from 'effect'
import type { AgentState, AgentStateName } from '../../agents/agent-state.js'
import type { CallSession } from '../../calls/call-session.js'
import { AI_AGENT_HOLDS, type CallStoreService } from '../../calls/call-store.js'
import type { CampaignInput } from '../../campaigns/campaign.js'
import { AbandonLedger, type AnsweredCall } from '../../compliance/abandon-ledger.js'
import type { LeadId, QueueId } from '../../kernel/ids.js'
import type { E164 } from '../../kernel/phone-numbers.js'
import { isTerminal } from '../../telephony/call-event.js'
import { storedCampaign } from '../../testing/campaign-fixtures.js'

/** A progressive campaign under Ofcom's rules, for the engine's tests; `fields` change it. */
export const testCampaign = (fields: Partial<CampaignInput> = {}) =>
  storedCampaign({
    callerId: '+441632960002',
    abandonMessage: { say: 'Sorry, nobody is free.' },
    wrapUpSeconds: null,
    ...fields,
  })

/** The renewals campaign's outbound call `id`, just answered by a person and given to nobody yet. */
export const answeredSession = (id: string): CallSession => ({
  id,
  agentId: null,
  campaignId: 'renewals',
  direction: 'outbound',
  leadId: `lead-${id}` as LeadId,
  queueId: 'unsigned' as QueueId,
  entryId: `entry-${id}`,
  phone: '+447700900001' as E164,
  provider: 'fake',
  providerCallId: `CA-${id}`,
  status: 'in-progress',
  answeredBy: 'human',
  startedAt: new Date(0),
  ringingAt: new Date(0),
  answeredAt: new Date(0),
  endedAt: null,
  ringSeconds: 0,
  talkSeconds: null,
  endReason: null,
})

/** Each agent's state, held since the epoch, for `agentStatesOver`. */
export const agentStatesFrom = (agents: Record<string, AgentStateName>) =>
  new Map<string, AgentState>(
    Object.entries(agents).map(([id, state]) => [id, { state, reason: null, since: new Date(0) }]),
  )

/**
 * The call store's part the engine uses, over `sessions`, keeping the store's rule for giving a call
 * its agent: open, no agent yet, and no end reason but an AI agent's hold mark (which goes).
 */
export const sessionsCallStore = (sessions: Map<string, CallSession>) =>
  ({
    findSession: (id) => Effect.sync(() => Option.fromNullable(sessions.get(id))),
    assignAgent: (id, agentId) =>
      Effect.sync(() => {
        const session = sessions.get(id)
        const aiHolds = session?.endReason?.startsWith(AI_AGENT_HOLDS) ?? false
        const ended = session && (isTerminal(session.status) || (session.endReason !== null && !aiHolds))
        if (!session || session.agentId !== null || ended) return Option.none()
        const next = { ...session, agentId, endReason: null }
        sessions.set(id, next)
        return Option.some(next)
      }),
    updateSession: (id, _event, transition) =>
      Effect.sync(() => {
        const before = sessions.get(id)
        if (!before) return Option.none()
        const after = transition(before)
        sessions.set(id, after)
        return Option.some({ before, after, outcomeRecorded: false })
      }),
  }) as Pick<CallStoreService, 'findSession' | 'assignAgent' | 'updateSession'> as CallStoreService

/** An abandon ledger that keeps each answered call it is told of in `ledger`, and counts nothing. */
export const ledgerInto = (ledger: AnsweredCall[]) =>
  Layer.succeed(AbandonLedger, {
    record: (call) => Effect.sync(() => void ledger.push(call)),
    counts: () => Effect.succeed({ connected: 0, abandoned: 0, machine: 0 }),
  })
