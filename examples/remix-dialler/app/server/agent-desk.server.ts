import type { DiallerApp } from './dialler.server'
import { queueLevels } from './live.server'

/** What the agent's desk shows: their state, the lead they hold with its whole context, queue levels. */
export const loadDesk = async ({ ringlane, engine }: DiallerApp, agentId: string) => {
  const running = await engine.campaignOf(agentId)
  const [state, levels, entry, open] = await Promise.all([
    ringlane.agents.state(agentId),
    queueLevels({ ringlane }),
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
  const window = running ? await engine.abandonWindow(running.campaign) : null
  return {
    /** Auto mode: the agent is in a campaign the engine dials for, so calls come to them. */
    auto:
      running && window
        ? {
            campaign: running.campaign.name,
            mode: running.campaign.dialMode,
            // The browser leg "calls" the campaign's line: it waits in the agent's conference.
            line: running.campaign.callerId,
            answeredLive: window.connected + window.abandoned,
            abandoned: window.abandoned,
            windowHours: running.campaign.abandonWindowHours,
          }
        : null,
    state: state.state,
    pauseReason: state.reason,
    levels,
    lead: entry && context ? { entry, context, history } : null,
    call: call
      ? {
          sessionId: call.id,
          status: call.status,
          engine: call.campaignId !== null,
          phone: call.phone as string,
          answeredBy: call.answeredBy,
          answeredAt: call.answeredAt,
        }
      : null,
    /** The agent's call not over and not recorded, if any, even for a lead they no longer hold. */
    openCall: open ? { sessionId: open.id, status: open.status, phone: open.phone as string } : null,
  }
}
