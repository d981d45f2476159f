import { type Campaigns, Dialing } from '@ringlane/core'
import { abandonPercent, windowSlices } from '../utils/abandon-chart'
import type { DiallerApp } from './dialler.server'

/** How the desk's states read on the supervisor's panel. */
const shownState = { available: 'ready', on_call: 'onCall', wrap_up: 'wrapUp', paused: 'paused' } as const

/**
 * A campaign's live view from the engine's own facts: its agents by state, the calls it has in
 * flight and waiting for an agent (as the pacer counts them), and the abandon rate over the
 * campaign's window from the abandon ledger, whole and sliced for the chart. A preview campaign is
 * not dialled by the engine, so it has no such numbers.
 */
export const loadCampaignLive = async ({ ringlane, engine }: DiallerApp, campaign: Campaigns.Campaign) => {
  if (campaign.dialMode === 'preview') return { dialled: false as const }
  const now = new Date()
  const slices = windowSlices(now, campaign.abandonWindowHours)
  const [members, lines, window, standing, bars] = await Promise.all([
    ringlane.campaigns.agents(campaign.id),
    engine.openLines(campaign.id),
    engine.abandonWindow(campaign),
    ringlane.compliance.abandonRates({
      campaignId: campaign.id,
      profiles: campaign.complianceProfiles as [string, ...string[]],
    }),
    Promise.all(slices.map((slice) => engine.abandonCounts(campaign.id, slice.since, slice.until))),
  ])
  const states = await Promise.all(members.map((member) => ringlane.agents.state(member.agentId)))
  const agents = { ready: 0, onCall: 0, wrapUp: 0, paused: 0, signedOut: 0 }
  for (const { state } of states)
    agents[state in shownState ? shownState[state as keyof typeof shownState] : 'signedOut']++
  // The strictest abandon-rate rule of the campaign's profiles (none: the profile sets no cap).
  const cap = standing.rules.reduce<{ percent: number; hours: number } | null>(
    (least, rule) =>
      least === null || rule.maxPercent < least.percent
        ? { percent: rule.maxPercent, hours: rule.periodHours }
        : least,
    null,
  )
  return {
    dialled: true as const,
    at: now.toISOString(),
    mode: campaign.dialMode,
    /** Dialling: the engine places calls this round; paused: it places none. */
    dialling: Dialing.Engine.dialledByEngine(campaign),
    agents,
    inFlight: lines.inFlight,
    waiting: lines.waiting,
    /** The engine's calls no agent has yet: ringing, or answered and waiting (issue 12, 0034). */
    withoutAgent: lines.withoutAgent,
    /** Lines in flight per ready agent; none when no agent is ready. */
    dialLevel: agents.ready === 0 ? null : lines.inFlight / agents.ready,
    abandon: {
      windowHours: campaign.abandonWindowHours,
      connected: window.connected,
      abandoned: window.abandoned,
      percent: abandonPercent(window),
      targetPercent: campaign.abandonTargetPercent,
      cap,
    },
    chart: slices.map((slice, i) => {
      const counts = bars[i] ?? { connected: 0, abandoned: 0 }
      return {
        label: slice.label,
        percent: abandonPercent(counts),
        answered: counts.connected + counts.abandoned,
      }
    }),
  }
}

export type CampaignLive = Awaited<ReturnType<typeof loadCampaignLive>>
