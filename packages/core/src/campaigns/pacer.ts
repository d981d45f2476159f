/**
 * The contract between the call engine and a pacing strategy. The engine observes what happens to
 * its calls and, at least every second, asks how many new lines to place for a campaign. Times are
 * milliseconds on whatever clock drives the engine (the wall clock, or the simulator's virtual one).
 */

/** An agent signed in to the campaign, as the pacer sees them. Paused and offline agents are left out. */
export interface PacedAgent {
  readonly state: 'ready' | 'on-call' | 'wrap-up'
  /** When the agent entered this state. */
  readonly since: number
}

/** Live-answered and abandoned calls of the campaign in the regulator's rolling window so far. */
export interface AbandonWindow {
  readonly answeredLive: number
  readonly abandoned: number
  /** The rate the pacer aims to stay under, as a fraction (0.025 for 2.5 %). */
  readonly targetRate: number
}

export interface PacingSnapshot {
  readonly now: number
  readonly agents: ReadonlyArray<PacedAgent>
  /** Calls placed and not yet answered or ended, with when each was placed. */
  readonly ringing: ReadonlyArray<{ readonly placedAt: number }>
  /** Answered by a person and waiting for an agent. */
  readonly waiting: number
  readonly maxLinesPerAgent: number
  readonly minAgentsForPredictive: number
  readonly abandons: AbandonWindow
}

/** What the engine tells the pacer, so its estimates follow the traffic. */
export type PacingObservation =
  | { readonly kind: 'answered'; readonly ringMs: number }
  | {
      readonly kind: 'not-answered'
      readonly ringMs: number
      readonly reason: 'no-answer' | 'busy' | 'failed' | 'machine'
    }
  | { readonly kind: 'talk-ended'; readonly talkMs: number }
  | { readonly kind: 'wrap-up-ended'; readonly wrapUpMs: number }
  | { readonly kind: 'abandoned'; readonly waitedMs: number }

export interface Pacer {
  readonly observe: (observation: PacingObservation) => void
  /** How many new calls to place now (0 or more). */
  readonly linesToPlace: (snapshot: PacingSnapshot) => number
}
