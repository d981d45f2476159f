import type { RoutingStrategy } from './queue.js'

/** What a strategy knows of one agent the current rule step allows. */
export interface RankedAgent {
  readonly agentId: string
  readonly name: string
  /** Place in the queue's agent list (round robin follows it). */
  readonly position: number
  /** When their last call through this queue's routing ended (null: none yet, or never). */
  readonly lastCallEndedAt: Date | null
  /** When they last became available (the engine's "waiting longest"). */
  readonly availableSince: Date
  /** Calls of this queue they answered, in the statistics window. */
  readonly callsAnswered: number
  /** Time they spent on this queue's calls, in the statistics window (ms). */
  readonly talkTimeMs: number
  /** Sum of their levels in the skills the call wants (skills-based). */
  readonly skillScore: number
}

/** The strategy's context: the agent of this queue who last took a call (round robin resumes after them). */
export interface StrategyContext {
  readonly lastAnsweredPosition: number | null
  readonly positions: number
}

type Compare = (a: RankedAgent, b: RankedAgent) => number

const byNumber =
  (f: (agent: RankedAgent) => number): Compare =>
  (a, b) =>
    f(a) - f(b)
/** Never-called agents first (FreeSWITCH: `ORDER BY last_bridge_end` with no end yet sorts first). */
const byLastCallEnded: Compare = (a, b) =>
  (a.lastCallEndedAt === null ? Number.NEGATIVE_INFINITY : +a.lastCallEndedAt) -
  (b.lastCallEndedAt === null ? Number.NEGATIVE_INFINITY : +b.lastCallEndedAt)
const byAvailableSince = byNumber((agent) => +agent.availableSince)
const byId: Compare = (a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0)

const then =
  (...compares: ReadonlyArray<Compare>): Compare =>
  (a, b) => {
    for (const compare of compares) {
      const order = compare(a, b)
      if (order !== 0) return order
    }
    return 0
  }

/** Longest idle first, then the tie-breakers every strategy ends with. */
const longestIdle = then(byLastCallEnded, byAvailableSince, byId)

/**
 * The agents in the order the strategy offers them the call:
 * - `longest-idle`: the agent whose last call ended longest ago (Asterisk `leastrecent`: "ring
 *   interface which was least recently hung up by this queue"; FreeSWITCH `longest-idle-agent`:
 *   ordered by `last_bridge_end`), agents with no call yet first, then the longest available.
 * - `least-calls`: fewest calls of this queue answered (Asterisk `fewestcalls`: "ring the one with
 *   fewest completed calls from this queue"; FreeSWITCH `agent-with-fewest-calls`).
 * - `round-robin`: the next agent in the queue's list after the one who took the last call, wrapping
 *   round (Asterisk `rrmemory`: "round robin with memory, remember where we left off last ring
 *   pass"; FreeSWITCH `round-robin`).
 * - `fewest-talk-time`: least time talking on this queue's calls (FreeSWITCH
 *   `agent-with-least-talk-time`).
 * - `skills-based`: the highest sum of levels in the skills the call wants.
 * Ties fall to longest idle, then the agent id, so the order is always the same for the same facts.
 */
export const rankAgents = (
  strategy: RoutingStrategy,
  agents: ReadonlyArray<RankedAgent>,
  context: StrategyContext,
): ReadonlyArray<RankedAgent> => {
  const order: Compare =
    strategy === 'least-calls'
      ? then(
          byNumber((agent) => agent.callsAnswered),
          longestIdle,
        )
      : strategy === 'fewest-talk-time'
        ? then(
            byNumber((agent) => agent.talkTimeMs),
            longestIdle,
          )
        : strategy === 'skills-based'
          ? then(
              byNumber((agent) => -agent.skillScore),
              longestIdle,
            )
          : strategy === 'round-robin'
            ? then(
                byNumber((agent) => roundRobinDistance(agent.position, context)),
                byId,
              )
            : longestIdle
  return [...agents].sort(order)
}

/** How many places after the last agent served this one is (1 = next), wrapping round the list. */
const roundRobinDistance = (position: number, context: StrategyContext) => {
  const last = context.lastAnsweredPosition ?? -1
  const size = Math.max(context.positions, position + 1, last + 1)
  return (((position - last - 1) % size) + size) % size
}

/** One line saying why the strategy put this agent where it did. */
export const rankReason = (strategy: RoutingStrategy, agent: RankedAgent, now: Date): string => {
  const idle =
    agent.lastCallEndedAt === null
      ? 'no call yet'
      : `last call ended ${Math.round((+now - +agent.lastCallEndedAt) / 1000)} s ago`
  switch (strategy) {
    case 'least-calls':
      return `${agent.callsAnswered} calls answered in this queue; ${idle}`
    case 'fewest-talk-time':
      return `${Math.round(agent.talkTimeMs / 1000)} s talking in this queue; ${idle}`
    case 'skills-based':
      return `skill score ${agent.skillScore}; ${idle}`
    case 'round-robin':
      return `position ${agent.position + 1} in the queue's list`
    default:
      return idle
  }
}
