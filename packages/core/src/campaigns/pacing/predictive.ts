import type { Pacer, PacingSnapshot } from '../pacer.js'
import { recentRate, recentValues, survivalTable } from './estimators.js'
import { progressivePacer } from './progressive.js'

export interface PredictiveOptions {
  /** Calls each estimate remembers (hit rate, ring, talk and wrap-up times). Default 400. */
  readonly memory?: number
  /** Talk times and answers observed before it dials ahead; progressive until then. Default 20. */
  readonly warmUpCalls?: number
  /** Abandons kept in hand: the budget counts as spent this many calls early. Default 1. */
  readonly reserveAbandons?: number
  /**
   * How sure it must be that an answered call finds a free agent, as a number of standard deviations
   * of (answers − agents freeing up) over the look-ahead: `cautious` when the budget is nearly spent,
   * `bold` when at least `fullBudgetAbandons` are in hand, in between linearly. Defaults 4, 1.5 and 6
   * (chosen on the pacing benchmark's traffic: bolder spends the budget in bursts and then has to
   * fall back to progressive, which loses more than it gained).
   */
  readonly cautious?: number
  readonly bold?: number
  readonly fullBudgetAbandons?: number
  /** Where the look-ahead is checked, as shares of the answered calls' ring-to-answer times. */
  readonly lookAheadShares?: ReadonlyArray<number>
}

/** A call past every remembered length: almost sure to end soon. */
const OVERDUE_FREE = 0.9
/** Where the look-ahead is checked: these shares of the answered calls' ring-to-answer times. */
const LOOK_AHEAD_SHARES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]
/** The engine connects an answered person to an agent who frees up within this long, or abandons. */
const CONNECT_WITHIN_MS = 2_000

/**
 * Predictive dialling: at each tick, places the most lines such that the answers they and the calls
 * already ringing are expected to bring stay, with the required confidence, within the agents expected
 * to be free when those answers come (plus the 2 s an answered person may wait), checked at ten points
 * spread over the ring-to-answer times seen, since a call placed now may be answered at any of them.
 * The estimates (hit rate; ring times of answered and unanswered calls; talk and wrap-up times) are
 * windowed over the last calls; an agent on a call counts by the chance their talk, seen as running for
 * so long already, and their wrap-up end within the look-ahead.
 *
 * The confidence comes from the abandon budget over the regulator's window: the abandons allowed so
 * far are target × live-answered − abandoned − a reserve. While it is spent, or below the campaign's
 * minimum of agents, or before the estimates have data, it places what progressive would (one line
 * per free agent): no dialling ahead, but no stopping either. It never has more than
 * maxLinesPerAgent × agents lines in flight (ringing, answered and waiting, or with an agent).
 */
export const predictivePacer = (options: PredictiveOptions = {}): Pacer => {
  const memory = options.memory ?? 400
  const warmUpCalls = options.warmUpCalls ?? 20
  const reserve = options.reserveAbandons ?? 1
  const cautious = options.cautious ?? 4
  const bold = options.bold ?? 1.5
  const fullBudget = Math.max(1e-9, options.fullBudgetAbandons ?? 6)
  // With no point to check it would place every line allowed: an empty list means the default.
  const shares = options.lookAheadShares?.length ? options.lookAheadShares : LOOK_AHEAD_SHARES

  // The prior is weak and low: before any data the pacer would rather under-dial.
  const hits = recentRate(memory, { rate: 0.1, weight: 10 })
  const answeredRing = recentValues(memory)
  const unansweredRing = recentValues(memory)
  const talk = recentValues(memory)
  const wrapUp = recentValues(memory)
  const progressive = progressivePacer()
  // Read hundreds of times a tick: from tables rebuilt when a value is added.
  const answeredLeft = survivalTable(answeredRing)
  const unansweredLeft = survivalTable(unansweredRing)
  const talkLeft = survivalTable(talk)
  const wrapUpLeft = survivalTable(wrapUp)
  let binding = 0

  return {
    observe: (observation) => {
      switch (observation.kind) {
        case 'answered':
          hits.add(true)
          answeredRing.add(observation.ringMs)
          break
        case 'not-answered':
          hits.add(false)
          unansweredRing.add(observation.ringMs)
          break
        case 'talk-ended':
          talk.add(observation.talkMs)
          break
        case 'wrap-up-ended':
          wrapUp.add(observation.wrapUpMs)
          break
        case 'abandoned':
          // Counted by the engine's abandon ledger; the snapshot's window carries it.
          break
      }
    },

    linesToPlace: (snapshot: PacingSnapshot) => {
      const agents = snapshot.agents.length
      if (agents === 0) return 0
      const onCall = snapshot.agents.filter((agent) => agent.state === 'on-call').length
      const inFlight = snapshot.ringing.length + snapshot.waiting + onCall
      const room = Math.max(0, Math.floor(snapshot.maxLinesPerAgent * agents) - inFlight)
      const oneEach = Math.min(room, progressive.linesToPlace(snapshot))
      if (agents < snapshot.minAgentsForPredictive) return oneEach
      if (talk.count() < warmUpCalls || answeredRing.count() < warmUpCalls) return oneEach

      const { answeredLive, abandoned, targetRate } = snapshot.abandons
      const inHand = targetRate * answeredLive - abandoned - reserve
      if (inHand <= 0) return oneEach
      const z = cautious - (cautious - bold) * Math.min(1, inHand / fullBudget)

      if (room <= oneEach) return oneEach

      const hitRate = hits.rate()
      const meanWrapUp = wrapUp.mean()
      // What does not change with the look-ahead, worked out once per tick: how long each call has
      // rung and each agent has been in their state, and the chance they are still going.
      const calls = snapshot.ringing.map(({ placedAt }) => {
        const age = snapshot.now - placedAt
        const answering = answeredLeft(age)
        const alive = hitRate * answering + (1 - hitRate) * unansweredLeft(age)
        return { age, answering, alive }
      })
      const busy = snapshot.agents.flatMap((agent) => {
        if (agent.state === 'ready') return []
        const wrapping = agent.state === 'wrap-up'
        const left = wrapping ? wrapUpLeft : talkLeft
        const known = (wrapping ? wrapUp : talk).count() > 0
        const elapsed = snapshot.now - agent.since
        return [{ left, known, elapsed, running: left(elapsed), wrapUp: wrapping }]
      })
      const ready = agents - busy.length

      // Checked at several points ahead, spread over the ring-to-answer times seen: answers expected by
      // each must stay within the agents expected free by then plus the 2 s a person may wait.
      let lines = room
      // The point that held it back last tick usually does again: checked first, it often settles the
      // tick alone (the answer is the least over all points, so the order changes nothing else).
      const first = binding
      for (let checked = 0; checked < shares.length; checked++) {
        const point = (first + checked) % shares.length
        const ahead = answeredRing.quantile(shares[point] as number)
        const agentAhead = ahead + CONNECT_WITHIN_MS
        let mean = snapshot.waiting - ready
        let variance = 0
        for (const call of calls) {
          if (call.alive === 0) continue
          const answers = (hitRate * (call.answering - answeredLeft(call.age + ahead))) / call.alive
          mean += answers
          variance += answers * (1 - answers)
        }
        for (const agent of busy) {
          // Past every remembered length: past its expected length, counted as almost free.
          const within = agent.wrapUp ? agentAhead : agentAhead - meanWrapUp
          const free =
            agent.running === 0
              ? agent.known
                ? OVERDUE_FREE
                : 0
              : within <= 0
                ? 0
                : (agent.running - agent.left(agent.elapsed + within)) / agent.running
          mean -= free
          variance += free * (1 - free)
        }
        // A new line brings an answer by then with this chance; add lines while answers stay covered.
        const chance = hitRate * (1 - answeredLeft(ahead))
        let fits = 0
        while (fits < lines) {
          const nextMean = mean + (fits + 1) * chance
          const nextVariance = variance + (fits + 1) * chance * (1 - chance)
          if (nextMean + z * Math.sqrt(nextVariance) > 0) break
          fits++
        }
        if (fits < lines) binding = point
        lines = fits
        if (lines <= oneEach) break
      }
      return Math.max(oneEach, lines)
    },
  }
}
