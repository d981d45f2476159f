import type { DiallerApp } from './dialler.server'

/** What the agent's desk shows: their state, the lead they hold with its whole context, queue levels. */
export const loadDesk = async ({ ringlane }: DiallerApp, agentId: string) => {
  const [state, levels, entry] = await Promise.all([
    ringlane.agents.state(agentId),
    ringlane.queues.levels(),
    ringlane.queues.held(agentId),
  ])
  const [context, history, call] = entry
    ? await Promise.all([
        ringlane.leads.context(agentId, entry.leadId),
        ringlane.calls.history(entry.leadId, 10),
        ringlane.calls.lastForEntry(agentId, entry.id),
      ])
    : [null, [], null]
  return {
    state: state.state,
    pauseReason: state.reason,
    levels,
    lead: entry && context ? { entry, context, history } : null,
    call: call ? { sessionId: call.id, status: call.status } : null,
  }
}
