import type { DiallerApp } from './dialler.server'

/** What the agent's desk shows: their state, the lead they hold with its whole context, queue levels. */
export const loadDesk = async ({ ringlane }: DiallerApp, agentId: string) => {
  const [state, levels, entry, open] = await Promise.all([
    ringlane.agents.state(agentId),
    ringlane.queues.levels(),
    ringlane.queues.held(agentId),
    // The server's view of the agent's call, whatever this page remembers (a reload, a second tab).
    ringlane.calls.active(agentId),
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
    call: call
      ? {
          sessionId: call.id,
          status: call.status,
          phone: call.phone as string,
          answeredBy: call.answeredBy,
          answeredAt: call.answeredAt,
        }
      : null,
    /** The agent's call not over and not recorded, if any, even for a lead they no longer hold. */
    openCall: open ? { sessionId: open.id, status: open.status, phone: open.phone as string } : null,
  }
}
