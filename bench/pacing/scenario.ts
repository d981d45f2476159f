/**
 * One seeded 8-hour day of the pacing benchmark, for one team size and one pacer: the traffic, the
 * campaign settings and the three pacers compared, shared by the main thread and its workers.
 */
import { Campaigns } from '@ringlane/core'
import { simulateDialling, standardTraffic } from '@ringlane/simulator/discrete'
import { adaptiveDialLevelPacer } from './baseline.ts'

export const MODES = ['predictive', 'progressive', 'baseline'] as const
export type Mode = (typeof MODES)[number]

export const settings = {
  hours: Number(process.env.BENCH_HOURS ?? 8),
  /** The campaign aims at 2.5 % under the regulator's 3 % cap, over a 24 h window. */
  targetRate: 0.025,
  capRate: 0.03,
  windowHours: 24,
  ringTimeoutMs: 25_000,
  maxLinesPerAgent: 3,
  minAgentsForPredictive: 5,
}

/**
 * The predictive pacer's settings to try (`BENCH_PREDICTIVE` as JSON, e.g. `{"reserveAbandons":0.5}`);
 * its defaults otherwise.
 */
const predictiveOptions = JSON.parse(process.env.BENCH_PREDICTIVE ?? '{}') as Campaigns.PredictiveOptions

/** The predictive pacer reads its target from the snapshot; the baseline's limit is its own setting. */
const pacerFor = (mode: Mode, capRate: number): Campaigns.Pacer => {
  switch (mode) {
    case 'predictive':
      return Campaigns.predictivePacer(predictiveOptions)
    case 'progressive':
      return Campaigns.progressivePacer()
    case 'baseline':
      // VICIdial's drop-percentage limit is set to the legal maximum: the cap, not the target.
      return adaptiveDialLevelPacer({ dropLimit: capRate })
  }
}

export interface DayResult {
  readonly talkMinutesPerAgentHour: number
  readonly occupancy: number
  readonly abandonRateWorstWindow: number
}

export const simulateDay = (
  mode: Mode,
  agents: number,
  seed: number,
  targetRate = settings.targetRate,
  capRate = settings.capRate,
) => {
  const run = simulateDialling({
    pacer: pacerFor(mode, capRate),
    seed,
    agents,
    durationMs: settings.hours * 3_600_000,
    traffic: standardTraffic,
    ringTimeoutMs: settings.ringTimeoutMs,
    maxLinesPerAgent: settings.maxLinesPerAgent,
    minAgentsForPredictive: settings.minAgentsForPredictive,
    abandonTargetRate: targetRate,
    abandonWindowMs: settings.windowHours * 3_600_000,
  })
  return {
    talkMinutesPerAgentHour: run.talkMinutesPerAgentHour,
    occupancy: run.occupancy,
    abandonRateWorstWindow: run.abandonRateWorstWindow,
  } satisfies DayResult
}
