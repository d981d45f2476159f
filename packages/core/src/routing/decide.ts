import { Either } from 'effect'
import type { AgentStateName } from '../agents/agent-state.js'
import type { QueueContact } from './contact.js'
import { type Expression, holds, parseExpression, type RuleAgent } from './expression.js'
import type { AgentSkills, RoutingQueue } from './queue.js'
import { type RankedAgent, rankAgents, rankReason } from './strategies.js'

/** What routing knows of one agent of the dialler when it decides. */
export interface AgentFacts {
  readonly agentId: string
  readonly name: string
  readonly role: string
  readonly active: boolean
  readonly state: AgentStateName
  readonly stateSince: Date
  readonly reserved: boolean
  readonly skills: AgentSkills | null
}

/** The call being routed, as the rules see it. */
export interface CallFacts {
  readonly attributes: Readonly<Record<string, string | number | boolean>>
  readonly preferredAgentId: string | null
  readonly waitedSeconds: number
  /** Agents whose reservation for this call lapsed: tried last. */
  readonly lapsedAgentIds: ReadonlyArray<string>
}

/** One rule step as the tester shows it: when it applies, and whether it is in force. */
export interface StepExplained {
  readonly step: number
  readonly expression: string
  readonly fromSeconds: number
  readonly untilSeconds: number | null
  readonly inForce: boolean
}

/** One agent as the tester shows it: each test routing made, and the verdict. */
export interface AgentExplained {
  readonly agentId: string
  readonly name: string
  readonly state: AgentStateName
  /** Has the queue's required skills and languages. */
  readonly qualified: boolean
  /** For each step, whether its expression holds for this agent. */
  readonly matchesStep: ReadonlyArray<boolean>
  /** Available and not reserved for another call. */
  readonly free: boolean
  readonly why: string
}

/** Which agent would get the call and why, rule step by rule step. */
export interface RoutingDecision {
  readonly queueId: string
  readonly strategy: RoutingQueue['strategy']
  readonly waitedSeconds: number
  /** The step in force (1-based); null when the queue has no steps (any of its agents). */
  readonly step: number | null
  readonly steps: ReadonlyArray<StepExplained>
  readonly agents: ReadonlyArray<AgentExplained>
  /** The agents who could take the call now, in the order they are offered it. */
  readonly offerOrder: ReadonlyArray<{
    readonly agentId: string
    readonly name: string
    readonly reason: string
  }>
  readonly agentId: string | null
  readonly agentName: string | null
  readonly reason: string
}

/** Facts from the queue's recent calls: per agent statistics and who took the last call. */
export interface QueueHistory {
  readonly answered: ReadonlyArray<QueueContact>
}

const parsed = (expression: string): Expression =>
  Either.getOrElse(parseExpression(expression), () => ({ kind: 'literal', value: false }) as const)

/** The agents who work the queue, in its order: its list, or every active agent (by name). */
export const queueMembers = (queue: RoutingQueue, agents: ReadonlyArray<AgentFacts>) => {
  if (queue.agentIds.length > 0)
    return queue.agentIds.flatMap((id) => agents.filter((agent) => agent.agentId === id && agent.active))
  return agents
    .filter((agent) => agent.active && agent.role === 'agent')
    .sort((a, b) => a.name.localeCompare(b.name) || (a.agentId < b.agentId ? -1 : 1))
}

const ruleAgent = (agent: AgentFacts): RuleAgent => ({
  id: agent.agentId,
  name: agent.name,
  skills: agent.skills?.skills ?? {},
  languages: agent.skills?.languages ?? [],
})

/** The step in force after waiting this long (0-based), or the last step once all have run out. */
export const stepInForce = (queue: RoutingQueue, waitedSeconds: number) => {
  let until = 0
  for (const [index, step] of queue.steps.entries()) {
    if (step.timeoutSeconds === null) return index
    until += step.timeoutSeconds
    if (waitedSeconds < until) return index
  }
  return queue.steps.length - 1
}

const wanted = (attributes: CallFacts['attributes']) =>
  typeof attributes.skills === 'string'
    ? attributes.skills
        .split(',')
        .map((skill) => skill.trim())
        .filter(Boolean)
    : []

/**
 * Decides who gets a call: the queue's agents who have its required skills and languages, for whom
 * the rule step in force holds, who are free; the agent who last spoke to the caller first, then
 * the strategy's order; agents whose reservation lapsed for this call last. Pure, so the tester and
 * the routing round decide alike.
 */
export const decide = (
  queue: RoutingQueue,
  call: CallFacts,
  agents: ReadonlyArray<AgentFacts>,
  history: QueueHistory,
  now: Date,
): RoutingDecision => {
  const members = queueMembers(queue, agents)
  const current = queue.steps.length === 0 ? null : stepInForce(queue, call.waitedSeconds)
  const expressions = queue.steps.map((step) => parsed(step.expression))
  let from = 0
  const steps = queue.steps.map((step, index) => {
    const explained = {
      step: index + 1,
      expression: step.expression,
      fromSeconds: from,
      untilSeconds: step.timeoutSeconds === null ? null : from + step.timeoutSeconds,
      inForce: index === current,
    }
    from += step.timeoutSeconds ?? 0
    return explained
  })
  const want = wanted(call.attributes)
  const explained: AgentExplained[] = []
  const eligible: RankedAgent[] = []
  for (const [position, agent] of members.entries()) {
    const scope = { call: call.attributes, agent: ruleAgent(agent) }
    const qualified =
      queue.requiredSkills.every((skill) => scope.agent.skills[skill] !== undefined) &&
      queue.requiredLanguages.every((language) => scope.agent.languages.includes(language))
    const matchesStep = expressions.map((expression) => holds(expression, scope))
    const free = agent.state === 'available' && !agent.reserved
    const matches = current === null || matchesStep[current] === true
    const why = !qualified
      ? `lacks the queue's required ${[...queue.requiredSkills, ...queue.requiredLanguages].join(', ')}`
      : !matches
        ? `step ${(current ?? 0) + 1} does not hold`
        : !free
          ? agent.reserved
            ? 'reserved for another call'
            : `is ${agent.state.replace('_', ' ')}`
          : 'can take the call'
    explained.push({
      agentId: agent.agentId,
      name: agent.name,
      state: agent.state,
      qualified,
      matchesStep,
      free,
      why,
    })
    if (qualified && matches && free) {
      const mine = history.answered.filter((contact) => contact.agentId === agent.agentId)
      const ended = mine.flatMap((contact) => (contact.endedAt === null ? [] : [+contact.endedAt]))
      eligible.push({
        agentId: agent.agentId,
        name: agent.name,
        position,
        lastCallEndedAt: ended.length === 0 ? null : new Date(Math.max(...ended)),
        availableSince: agent.stateSince,
        callsAnswered: mine.filter((contact) => contact.queueId === queue.id).length,
        talkTimeMs: mine
          .filter((contact) => contact.queueId === queue.id && contact.answeredAt !== null)
          .reduce((sum, contact) => sum + (+(contact.endedAt ?? now) - +(contact.answeredAt ?? now)), 0),
        skillScore: [...new Set([...want, ...queue.requiredSkills])].reduce(
          (sum, skill) => sum + (scope.agent.skills[skill] ?? 0),
          0,
        ),
      })
    }
  }
  const last = [...history.answered]
    .filter((contact) => contact.queueId === queue.id)
    .sort((a, b) => +(b.answeredAt ?? 0) - +(a.answeredAt ?? 0))[0]
  const lastPosition = last ? members.findIndex((agent) => agent.agentId === last.agentId) : -1
  const ranked = rankAgents(queue.strategy, eligible, {
    lastAnsweredPosition: lastPosition < 0 ? null : lastPosition,
    positions: members.length,
  }).map((agent) => ({
    agentId: agent.agentId,
    name: agent.name,
    reason: rankReason(queue.strategy, agent, now),
  }))
  const preferred = ranked.find((agent) => agent.agentId === call.preferredAgentId)
  const lapsed = (agentId: string) => call.lapsedAgentIds.includes(agentId)
  const offerOrder = [
    ...(preferred && !lapsed(preferred.agentId)
      ? [{ ...preferred, reason: 'last spoke to this caller' }]
      : []),
    ...ranked.filter((agent) => agent !== preferred && !lapsed(agent.agentId)),
    ...ranked
      .filter((agent) => lapsed(agent.agentId))
      .map((agent) => ({ ...agent, reason: `${agent.reason}; let a reservation for this call lapse` })),
  ]
  const chosen = offerOrder[0] ?? null
  const stepText = current === null ? 'any agent of the queue' : `step ${current + 1}`
  return {
    queueId: queue.id,
    strategy: queue.strategy,
    waitedSeconds: call.waitedSeconds,
    step: current === null ? null : current + 1,
    steps,
    agents: explained,
    offerOrder,
    agentId: chosen?.agentId ?? null,
    agentName: chosen?.name ?? null,
    reason: chosen
      ? `${chosen.name}: ${stepText}, ${queue.strategy} (${chosen.reason})`
      : members.length === 0
        ? 'nobody: the queue has no active agents'
        : `nobody free for ${stepText} now; the call waits`,
  }
}
