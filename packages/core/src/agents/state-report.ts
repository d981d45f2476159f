import type { AgentId } from '../kernel/ids.js'
import type { AgentSignIn, AgentStateSpan } from './agent-store.js'

/** What one agent's day (or any window) adds up to, in seconds. */
export interface AgentStateTotals {
  readonly agentId: AgentId
  /** Signed in: the union of their sign-in stretches within the window. */
  readonly signedInSeconds: number
  readonly signIns: number
  readonly availableSeconds: number
  readonly onCallSeconds: number
  readonly wrapUpSeconds: number
  readonly pausedSeconds: number
  /** Paused time by reason, as configured. */
  readonly pausedByReason: Readonly<Record<string, number>>
  /**
   * Occupancy as contact centres define it (Amazon Connect's OCCUPANCY): time on contacts (talking
   * and wrapping up) over that plus time available for one; null with neither.
   */
  readonly occupancy: number | null
}

const overlap = (start: Date, end: Date | null, since: Date, until: Date) =>
  Math.max(0, (Math.min(+(end ?? until), +until) - Math.max(+start, +since)) / 1000)

/**
 * Adds an agent's state spans and sign-ins up over `[since, until)`: spans still open count up to
 * `until`. Agents with neither in the window are left out; the rest are ordered as first seen.
 */
export const agentStateTotals = (
  spans: ReadonlyArray<AgentStateSpan>,
  signIns: ReadonlyArray<AgentSignIn>,
  since: Date,
  until: Date,
): ReadonlyArray<AgentStateTotals> => {
  interface Tally {
    signedIn: Array<readonly [number, number]>
    signIns: number
    seconds: Record<string, number>
    paused: Record<string, number>
  }
  const totals = new Map<AgentId, Tally>()
  const of = (agentId: AgentId) => {
    const found = totals.get(agentId)
    if (found) return found
    const made: Tally = { signedIn: [], signIns: 0, seconds: {}, paused: {} }
    totals.set(agentId, made)
    return made
  }
  for (const span of spans) {
    const seconds = overlap(span.startedAt, span.endedAt, since, until)
    if (seconds <= 0 && span.state === 'offline') continue
    const agent = of(span.agentId)
    agent.seconds[span.state] = (agent.seconds[span.state] ?? 0) + seconds
    if (span.state === 'paused') {
      const reason = span.reason ?? 'no reason'
      agent.paused[reason] = (agent.paused[reason] ?? 0) + seconds
    }
  }
  for (const signIn of signIns) {
    const start = Math.max(+signIn.signedInAt, +since)
    const end = Math.min(+(signIn.signedOutAt ?? until), +until)
    const agent = of(signIn.agentId)
    if (+signIn.signedInAt >= +since) agent.signIns++
    if (end > start) agent.signedIn.push([start, end] as const)
  }
  return [...totals].map(([agentId, agent]) => {
    // Stretches may overlap (two browsers): count each second once.
    const sorted = [...agent.signedIn].sort((a, b) => a[0] - b[0])
    let signedInMs = 0
    let reach = Number.NEGATIVE_INFINITY
    for (const [start, end] of sorted) {
      if (end > reach) signedInMs += end - Math.max(start, reach)
      reach = Math.max(reach, end)
    }
    const s = (state: string) => Math.round(agent.seconds[state] ?? 0)
    const contact = (agent.seconds.on_call ?? 0) + (agent.seconds.wrap_up ?? 0)
    const ready = contact + (agent.seconds.available ?? 0)
    return {
      agentId,
      signedInSeconds: Math.round(signedInMs / 1000),
      signIns: agent.signIns,
      availableSeconds: s('available'),
      onCallSeconds: s('on_call'),
      wrapUpSeconds: s('wrap_up'),
      pausedSeconds: s('paused'),
      pausedByReason: Object.fromEntries(
        Object.entries(agent.paused).map(([reason, seconds]) => [reason, Math.round(seconds)]),
      ),
      occupancy: ready > 0 ? contact / ready : null,
    }
  })
}
