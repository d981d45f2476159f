import { Effect } from 'effect'
import { AgentStore } from '../agents/agent-store.js'
import { agentStateTotals } from '../agents/state-report.js'
import { currentDate } from '../kernel/time.js'
import { AnalyticsStore } from './analytics-store.js'
import { decodeMetricsRange, type MetricsRangeInput } from './metrics-range.js'

/**
 * Each agent's time over a range of days: signed in, available, on calls, wrapping up, paused (by
 * reason), sign-ins and occupancy, from the state history. Days still to come count up to now.
 * Agents by name.
 */
export const agentStateReport = (input: MetricsRangeInput) =>
  Effect.gen(function* () {
    const range = yield* decodeMetricsRange(input)
    const { since, until } = yield* Effect.flatMap(AnalyticsStore, (store) => store.rangeBounds(range))
    const now = yield* currentDate
    const end = +until > +now ? now : until
    const agents = yield* AgentStore
    const [spans, signIns, accounts] = yield* Effect.all([
      agents.stateHistory({ agentId: null, since, until: end }),
      agents.signIns({ agentId: null, since, until: end }),
      agents.listAgents(),
    ])
    const names = new Map<string, string>(accounts.map((a) => [a.id, a.displayName]))
    return agentStateTotals(spans, signIns, since, end)
      .map((totals) => ({ ...totals, displayName: names.get(totals.agentId) ?? 'Unknown agent' }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
  })
