import type { Agents, Analytics } from '@ringlane/core'
import { eventQueue } from './event-queue.js'
import { seededRandom } from './random.js'

export interface QueueRunOptions {
  readonly seed: number
  readonly queueId?: string
  /** Calls arriving per hour, at random (a Poisson stream). */
  readonly callsPerHour: number
  /** The mean of the calls' handle times (exponential). */
  readonly handleSeconds: number
  readonly agents: number
  readonly hours: number
  /** Where the virtual clock starts. */
  readonly start?: Date
}

export interface QueueRun {
  /** Every call's stay in the queue: all are answered (callers wait as long as it takes). */
  readonly contacts: ReadonlyArray<Analytics.SlaContact & { readonly agentId: string | null }>
  /** Each agent's available and on-call stretches over the run. */
  readonly spans: ReadonlyArray<Agents.AgentStateSpan>
}

type QueueEvent = { readonly kind: 'arrive' } | { readonly kind: 'finish'; readonly agent: number }

/**
 * An inbound queue as queueing theory models it (M/M/c): calls arrive at random, wait first come
 * first served for the first free agent of `agents`, and take an exponential handle time. Seeded, on a
 * virtual clock, so hours run in milliseconds; no abandons, no wrap-up.
 */
export const simulateInboundQueue = (options: QueueRunOptions): QueueRun => {
  const random = seededRandom(options.seed)
  const exponential = (mean: number) => -Math.log(1 - random()) * mean
  const start = +(options.start ?? new Date('2026-01-05T00:00:00Z'))
  const end = start + options.hours * 3_600_000
  const meanGapMs = 3_600_000 / options.callsPerHour
  const queueId = options.queueId ?? 'inbound'
  const agenda = eventQueue<QueueEvent>()
  const waiting: number[] = []
  const free: number[] = Array.from({ length: options.agents }, (_, i) => options.agents - 1 - i)
  const since: number[] = Array.from({ length: options.agents }, () => start)
  const contacts: Array<{
    queueId: string
    enqueuedAt: Date
    answeredAt: Date | null
    abandonedAt: null
    overflowedAt: null
    endedAt: Date | null
    agentId: string | null
  }> = []
  const spans: Agents.AgentStateSpan[] = []
  const agentId = (agent: number) => `agent-${agent}` as Agents.AgentId
  const span = (agent: number, state: 'available' | 'on_call', until: number) => {
    if (until > (since[agent] as number))
      spans.push({
        agentId: agentId(agent),
        state,
        reason: null,
        startedAt: new Date(since[agent] as number),
        endedAt: new Date(until),
      })
    since[agent] = until
  }
  const answer = (contact: number, agent: number, at: number) => {
    const call = contacts[contact]
    if (!call) return
    span(agent, 'available', at)
    const endsAt = at + exponential(options.handleSeconds * 1000)
    call.answeredAt = new Date(at)
    call.endedAt = new Date(endsAt)
    call.agentId = agentId(agent)
    agenda.push(endsAt, { kind: 'finish', agent })
  }
  agenda.push(start + exponential(meanGapMs), { kind: 'arrive' })
  for (let next = agenda.pop(); next !== undefined; next = agenda.pop()) {
    const { at, event } = next
    if (event.kind === 'arrive') {
      if (at >= end) continue
      contacts.push({
        queueId,
        enqueuedAt: new Date(at),
        answeredAt: null,
        abandonedAt: null,
        overflowedAt: null,
        endedAt: null,
        agentId: null,
      })
      const agent = free.pop()
      if (agent === undefined) waiting.push(contacts.length - 1)
      else answer(contacts.length - 1, agent, at)
      agenda.push(at + exponential(meanGapMs), { kind: 'arrive' })
    } else {
      span(event.agent, 'on_call', at)
      const contact = waiting.shift()
      if (contact === undefined) free.push(event.agent)
      else answer(contact, event.agent, at)
    }
  }
  // Agents still free at the end were available since their last call.
  for (const agent of free) span(agent, 'available', Math.max(end, since[agent] as number))
  return { contacts, spans }
}
