import type { Campaigns } from '@ringlane/core'
import { eventQueue } from './event-queue.js'
import { seededRandom } from './random.js'
import { type CallFate, drawFate, type SimulatedTraffic, standardTraffic } from './traffic.js'

/**
 * How a simulated call ended, exactly one per placed call:
 * - `no-answer`: rang until the ring timeout;
 * - `connected`: answered, judged a person, and given an agent within the 2 s (a machine the detection
 *   took for a person included);
 * - `abandoned`: answered, judged a person, no agent within 2 s: the message is played, and it counts;
 * - `machine-hung-up`: a machine, detected as one;
 * - `person-hung-up-as-machine`: a person the detection took for a machine.
 */
export type SimulatedOutcome =
  | 'no-answer'
  | 'connected'
  | 'abandoned'
  | 'machine-hung-up'
  | 'person-hung-up-as-machine'

export interface SimulatedCall {
  readonly id: number
  readonly placedAt: number
  /** When the detection said a person answered (null if it never did). */
  readonly answeredAt: number | null
  /** How long the answered person waited for an agent (null if never answered live). */
  readonly waitedMs: number | null
  readonly outcome: SimulatedOutcome
  readonly endedAt: number
}

export interface DiscreteRunOptions {
  readonly pacer: Campaigns.Pacer
  readonly seed: number
  readonly agents: number
  /** Virtual time the agents are signed in and the pacer is asked; calls out at the end finish. */
  readonly durationMs: number
  readonly traffic?: SimulatedTraffic
  /** Default 25 s: every answer of the standard traffic lands before it. */
  readonly ringTimeoutMs?: number
  /** Told to the pacer in every snapshot. Default 3. */
  readonly maxLinesPerAgent?: number
  /** Told to the pacer in every snapshot. Default 1. */
  readonly minAgentsForPredictive?: number
  /** The campaign's abandon target, told to the pacer. Default 0.025. */
  readonly abandonTargetRate?: number
  /** The regulator's rolling window for abandon rates. Default 24 h. */
  readonly abandonWindowMs?: number
  /** How often the pacer is asked (virtual ms). Default 1000. */
  readonly tickMs?: number
  /** Keep every call's record in the result (memory grows with the run). Default false. */
  readonly keepCalls?: boolean
}

export interface DiscreteRun {
  readonly placed: number
  readonly outcomes: Readonly<Record<SimulatedOutcome, number>>
  /** Calls a person answered, in the abandon-rate sense: connected + abandoned. */
  readonly answeredLive: number
  readonly abandoned: number
  /** Talk and wrap-up inside the signed-in time. */
  readonly talkMs: number
  readonly wrapUpMs: number
  readonly signedInMs: number
  readonly talkMinutesPerAgentHour: number
  /** (talk + wrap-up) / signed-in time. */
  readonly occupancy: number
  /** The highest abandoned / answered-live over any full window (the whole run when shorter). */
  readonly abandonRateWorstWindow: number
  /** The longest any answered person waited for an agent or the message. */
  readonly longestWaitMs: number
  /** The most calls out at once (ringing, waiting, or with an agent). */
  readonly mostLinesInFlight: number
  /** How many times the pacer was asked. */
  readonly pacerAsked: number
  readonly calls?: ReadonlyArray<SimulatedCall>
}

/** The engine connects an answered person to an agent within this long, or abandons the call. */
export const CONNECT_WITHIN_MS = 2_000

interface Call {
  readonly id: number
  /** Where it sits in `ringing` while it rings. */
  slot: number
  readonly placedAt: number
  readonly fate: CallFate
  answeredAt: number | null
  waitedMs: number | null
  outcome: SimulatedOutcome | null
  endedAt: number
}

interface Agent {
  state: 'ready' | 'on-call' | 'wrap-up'
  since: number
}

type SimEvent =
  | { readonly kind: 'tick' }
  | { readonly kind: 'answer'; readonly call: Call }
  | { readonly kind: 'ring-timeout'; readonly call: Call }
  | { readonly kind: 'connect-deadline'; readonly call: Call }
  | { readonly kind: 'talk-end'; readonly agent: Agent; readonly call: Call }
  | { readonly kind: 'wrap-up-end'; readonly agent: Agent }

/** How much of [start, end) falls inside [0, until). */
const inside = (start: number, end: number, until: number) => Math.max(0, Math.min(end, until) - start)

/**
 * Runs a pacer against seeded traffic on a virtual clock, with the engine's rules: the pacer is asked
 * every tick and the calls it asks for are placed at once; an answer the detection calls a person goes
 * to the longest-ready agent at once, else waits for an agent finishing wrap-up for at most 2 s and is
 * then abandoned (message played, counted); a call unanswered at the ring timeout ends; an agent is
 * ready again after wrap-up. Hours run in a fraction of a second; the same options give the same run.
 */
export const simulateDialling = (options: DiscreteRunOptions): DiscreteRun => {
  const traffic = options.traffic ?? standardTraffic
  const ringTimeoutMs = options.ringTimeoutMs ?? 25_000
  const maxLinesPerAgent = options.maxLinesPerAgent ?? 3
  const minAgentsForPredictive = options.minAgentsForPredictive ?? 1
  const targetRate = options.abandonTargetRate ?? 0.025
  const windowMs = options.abandonWindowMs ?? 24 * 3_600_000
  const tickMs = options.tickMs ?? 1_000
  const { pacer, durationMs } = options
  const random = seededRandom(options.seed)

  const agenda = eventQueue<SimEvent>()
  const agents: Agent[] = Array.from({ length: options.agents }, () => ({ state: 'ready', since: 0 }))
  const ringing: Call[] = []
  // What the pacer sees of them, in the same order: when each was placed, never its fate.
  const ringingSeen: Array<{ readonly placedAt: number }> = []
  const waiting: Call[] = []
  const calls: Call[] = []
  // Live-answered outcomes in time order, for the window the pacer sees and the worst window after.
  const liveAt: number[] = []
  const liveAbandoned: boolean[] = []
  let windowStart = 0
  let abandonedBeforeWindow = 0
  let abandonedTotal = 0
  const outcomes: Record<SimulatedOutcome, number> = {
    'no-answer': 0,
    connected: 0,
    abandoned: 0,
    'machine-hung-up': 0,
    'person-hung-up-as-machine': 0,
  }
  let withAgent = 0
  let talkMs = 0
  let wrapUpMs = 0
  let longestWaitMs = 0
  let mostLinesInFlight = 0
  let pacerAsked = 0

  const end = (call: Call, outcome: SimulatedOutcome, at: number) => {
    call.outcome = outcome
    call.endedAt = at
    outcomes[outcome]++
  }
  const recordLive = (at: number, abandoned: boolean) => {
    liveAt.push(at)
    liveAbandoned.push(abandoned)
    if (abandoned) abandonedTotal++
  }
  const connect = (call: Call, agent: Agent, now: number) => {
    const waited = now - (call.answeredAt ?? now)
    call.waitedMs = waited
    longestWaitMs = Math.max(longestWaitMs, waited)
    agent.state = 'on-call'
    agent.since = now
    withAgent++
    recordLive(now, false)
    talkMs += inside(now, now + call.fate.talkMs, durationMs)
    agenda.push(now + call.fate.talkMs, { kind: 'talk-end', agent, call })
  }
  const longestReady = () => {
    let best: Agent | undefined
    for (const agent of agents) {
      if (agent.state === 'ready' && (best === undefined || agent.since < best.since)) best = agent
    }
    return best
  }
  const snapshot = (now: number): Campaigns.PacingSnapshot => {
    while (windowStart < liveAt.length && (liveAt[windowStart] as number) <= now - windowMs) {
      if (liveAbandoned[windowStart]) abandonedBeforeWindow++
      windowStart++
    }
    return {
      now,
      // The simulator's own arrays, not copies: read during the call, the pacer sees them as they are.
      agents,
      ringing: ringingSeen,
      waiting: waiting.length,
      maxLinesPerAgent,
      minAgentsForPredictive,
      abandons: {
        answeredLive: liveAt.length - windowStart,
        abandoned: abandonedTotal - abandonedBeforeWindow,
        targetRate,
      },
    }
  }
  const stopRinging = (call: Call) => {
    const last = ringing.pop() as Call
    const lastSeen = ringingSeen.pop() as { readonly placedAt: number }
    if (last !== call) {
      ringing[call.slot] = last
      ringingSeen[call.slot] = lastSeen
      last.slot = call.slot
    }
  }
  const place = (now: number) => {
    const call: Call = {
      id: calls.length,
      slot: ringing.length,
      placedAt: now,
      fate: drawFate(random, traffic),
      answeredAt: null,
      waitedMs: null,
      outcome: null,
      endedAt: now,
    }
    calls.push(call)
    ringing.push(call)
    ringingSeen.push({ placedAt: now })
    const answersAfter = call.fate.answersAfterMs
    if (answersAfter !== null && answersAfter < ringTimeoutMs) {
      agenda.push(now + answersAfter + traffic.detection.delayMs, { kind: 'answer', call })
    } else agenda.push(now + ringTimeoutMs, { kind: 'ring-timeout', call })
  }

  agenda.push(0, { kind: 'tick' })
  for (let next = agenda.pop(); next !== undefined; next = agenda.pop()) {
    const now = next.at
    const event = next.event
    switch (event.kind) {
      case 'tick': {
        pacerAsked++
        const lines = pacer.linesToPlace(snapshot(now))
        const count = Number.isFinite(lines) ? Math.max(0, Math.floor(lines)) : 0
        for (let i = 0; i < count; i++) place(now)
        mostLinesInFlight = Math.max(mostLinesInFlight, ringing.length + waiting.length + withAgent)
        if (now + tickMs < durationMs) agenda.push(now + tickMs, { kind: 'tick' })
        break
      }
      case 'ring-timeout':
        stopRinging(event.call)
        pacer.observe({ kind: 'not-answered', ringMs: now - event.call.placedAt, reason: 'no-answer' })
        end(event.call, 'no-answer', now)
        break
      case 'answer': {
        const { call } = event
        stopRinging(call)
        if (call.fate.detectedAsMachine) {
          pacer.observe({ kind: 'not-answered', ringMs: now - call.placedAt, reason: 'machine' })
          end(call, call.fate.machine ? 'machine-hung-up' : 'person-hung-up-as-machine', now)
          break
        }
        pacer.observe({ kind: 'answered', ringMs: now - call.placedAt })
        call.answeredAt = now
        const agent = longestReady()
        if (agent) connect(call, agent, now)
        else {
          waiting.push(call)
          agenda.push(now + CONNECT_WITHIN_MS, { kind: 'connect-deadline', call })
        }
        break
      }
      case 'connect-deadline': {
        const { call } = event
        const at = waiting.indexOf(call)
        if (at === -1) break
        waiting.splice(at, 1)
        const waited = now - (call.answeredAt ?? now)
        call.waitedMs = waited
        longestWaitMs = Math.max(longestWaitMs, waited)
        recordLive(now, true)
        pacer.observe({ kind: 'abandoned', waitedMs: waited })
        end(call, 'abandoned', now)
        break
      }
      case 'talk-end': {
        const { agent, call } = event
        withAgent--
        pacer.observe({ kind: 'talk-ended', talkMs: now - agent.since })
        end(call, 'connected', now)
        agent.state = 'wrap-up'
        agent.since = now
        wrapUpMs += inside(now, now + traffic.wrapUpMs, durationMs)
        agenda.push(now + traffic.wrapUpMs, { kind: 'wrap-up-end', agent })
        break
      }
      case 'wrap-up-end': {
        const { agent } = event
        pacer.observe({ kind: 'wrap-up-ended', wrapUpMs: now - agent.since })
        agent.state = 'ready'
        agent.since = now
        // The longest-waiting answered person gets this agent at once.
        const call = waiting.shift()
        if (call) connect(call, agent, now)
        break
      }
    }
  }

  const signedInMs = options.agents * durationMs
  const agentHours = signedInMs / 3_600_000
  return {
    placed: calls.length,
    outcomes,
    answeredLive: liveAt.length,
    abandoned: abandonedTotal,
    talkMs,
    wrapUpMs,
    signedInMs,
    talkMinutesPerAgentHour: agentHours === 0 ? 0 : talkMs / 60_000 / agentHours,
    occupancy: signedInMs === 0 ? 0 : (talkMs + wrapUpMs) / signedInMs,
    abandonRateWorstWindow: worstWindow(liveAt, liveAbandoned, windowMs),
    longestWaitMs,
    mostLinesInFlight,
    pacerAsked,
    ...(options.keepCalls
      ? {
          calls: calls.map(({ id, placedAt, answeredAt, waitedMs, outcome, endedAt }) => ({
            id,
            placedAt,
            answeredAt,
            waitedMs,
            outcome: outcome as SimulatedOutcome,
            endedAt,
          })),
        }
      : {}),
  }
}

/**
 * abandoned / answered-live over every full window ending at a live-answered outcome; when the run is
 * shorter than one window, the whole run is the window, as the regulator's day would be.
 */
export const worstWindow = (
  at: ReadonlyArray<number>,
  abandoned: ReadonlyArray<boolean>,
  windowMs: number,
) => {
  if (at.length === 0) return 0
  const last = at[at.length - 1] as number
  if (last - (at[0] as number) < windowMs) {
    return abandoned.filter(Boolean).length / at.length
  }
  let worst = 0
  let start = 0
  let abandonedIn = 0
  for (let i = 0; i < at.length; i++) {
    if (abandoned[i]) abandonedIn++
    while ((at[start] as number) <= (at[i] as number) - windowMs) {
      if (abandoned[start]) abandonedIn--
      start++
    }
    if ((at[i] as number) - (at[0] as number) >= windowMs)
      worst = Math.max(worst, abandonedIn / (i - start + 1))
  }
  return worst
}
