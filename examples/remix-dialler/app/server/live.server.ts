import type { DiallerApp } from './dialler.server'

/** Tells the live dashboard where an agent is now (after anything that may have moved them). */
export const publishAgentState = async ({ dialler, events }: DiallerApp, agentId: string) => {
  const state = await dialler.agentState(agentId)
  await events.publish({ type: 'agent-state', agentId, state: state.state, reason: state.reason })
}

/**
 * Tells the live dashboard an agent recorded a call's outcome: the call is no longer theirs to be
 * shown on, whether or not the provider has said it ended (its own end arrives as a call event).
 */
export const publishCallOutcome = async ({ db, events }: DiallerApp, sessionId: string) => {
  const session = await db
    .selectFrom('call_sessions')
    .select(['agent_id', 'status'])
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow()
  await events.publish({
    type: 'call',
    sessionId,
    agentId: session.agent_id,
    status: session.status,
    outcomeRecorded: true,
  })
}

/** Tells the live dashboard how full the queues are. */
export const publishQueueLevels = async ({ dialler, events }: DiallerApp) => {
  const levels = await dialler.queueLevels()
  await events.publish({
    type: 'queue-levels',
    levels: levels.map(({ queueId, waiting, claimed }) => ({ queueId, waiting, claimed })),
  })
}
