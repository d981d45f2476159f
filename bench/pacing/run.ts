/**
 * `pnpm bench:pacing`: predictive, progressive and an adaptive dial-level baseline on the same seeded
 * traffic in the simulator's discrete-event mode, 10 and 25 agents, 8 simulated hours a day, 200 days
 * (seeds) each. Prints one JSON line on stdout; progress goes to stderr. A measurement, not a test.
 * See bench/README.md for what each number means.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { logger, round } from '../measure.ts'
import type { DayResult, Mode } from './scenario.ts'
import { MODES, settings } from './scenario.ts'

const log = logger('pacing')
const RUNS = Number(process.env.BENCH_RUNS ?? 200)
const WORKERS = Number(process.env.BENCH_WORKERS ?? Math.min(2, availableParallelism()))
const TEAMS = [10, 25]
/** With BENCH_FRONTIER=1: predictive at other targets and the baseline at other drop limits. */
const FRONTIER = process.env.BENCH_FRONTIER === '1'
const FRONTIER_RUNS = Number(process.env.BENCH_FRONTIER_RUNS ?? 20)
const FRONTIER_TARGETS = [0.005, 0.01, 0.02, 0.025, 0.03, 0.05, 0.1]

interface Job {
  readonly mode: Mode
  readonly agents: number
  readonly seed: number
  readonly targetRate?: number
}
type Done = Job & { readonly result: DayResult }

/** Deals the jobs round-robin to the workers (days take about the same time) and gathers the results. */
const runAll = async (jobs: ReadonlyArray<Job>): Promise<Done[]> => {
  const shares = Array.from({ length: WORKERS }, (_, w) => jobs.filter((_, i) => i % WORKERS === w))
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<Done[]>((resolve, reject) => {
          const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: share })
          worker.once('message', resolve)
          worker.once('error', reject)
        }),
    ),
  )
  return results.flat()
}

const mean = (values: ReadonlyArray<number>) => values.reduce((a, b) => a + b, 0) / values.length

const summarise = (days: ReadonlyArray<DayResult>) => ({
  talk_min_per_agent_hour: round(mean(days.map((d) => d.talkMinutesPerAgentHour))),
  occupancy: round(mean(days.map((d) => d.occupancy)), 3),
  abandon_rate_worst_window: round(mean(days.map((d) => d.abandonRateWorstWindow)), 4),
  abandon_rate_worst_window_max: round(Math.max(...days.map((d) => d.abandonRateWorstWindow)), 4),
  runs_over_cap: days.filter((d) => d.abandonRateWorstWindow > settings.capRate).length,
})

const started = performance.now()
log(`${RUNS} days of ${settings.hours} h per mode and team size, ${WORKERS} workers`)
const jobs: Job[] = []
for (const agents of TEAMS) {
  for (let seed = 1; seed <= RUNS; seed++) for (const mode of MODES) jobs.push({ mode, agents, seed })
}
const done = await runAll(jobs)
const pick = (agents: number, mode: Mode, targetRate?: number) =>
  done
    .filter((d) => d.agents === agents && d.mode === mode && d.targetRate === targetRate)
    .map((d) => d.result)

const report: Record<string, unknown> = {}
for (const agents of TEAMS) {
  report[`agents_${agents}`] = Object.fromEntries(MODES.map((mode) => [mode, summarise(pick(agents, mode))]))
}
const talk = (agents: number, mode: Mode) => mean(pick(agents, mode).map((d) => d.talkMinutesPerAgentHour))
for (const agents of TEAMS) {
  report[`predictive_vs_progressive_talk_${agents}`] = round(
    talk(agents, 'predictive') / talk(agents, 'progressive'),
    3,
  )
  report[`predictive_vs_baseline_talk_${agents}`] = round(
    talk(agents, 'predictive') / talk(agents, 'baseline'),
    3,
  )
}
log(`main run took ${((performance.now() - started) / 1000).toFixed(1)} s`)

if (FRONTIER) {
  // Occupancy against abandon rate: each pacer aiming at other rates, fewer days each.
  const frontierJobs: Job[] = []
  for (const agents of TEAMS) {
    for (const targetRate of FRONTIER_TARGETS) {
      for (let seed = 1; seed <= FRONTIER_RUNS; seed++) {
        frontierJobs.push({ mode: 'predictive', agents, seed, targetRate })
        frontierJobs.push({ mode: 'baseline', agents, seed, targetRate })
      }
    }
  }
  done.push(...(await runAll(frontierJobs)))
  report.frontier = Object.fromEntries(
    TEAMS.map((agents) => [
      `agents_${agents}`,
      Object.fromEntries(
        (['predictive', 'baseline'] as const).map((mode) => [
          mode,
          FRONTIER_TARGETS.map((targetRate) => {
            const days = pick(agents, mode, targetRate)
            return {
              aim: targetRate,
              occupancy: round(mean(days.map((d) => d.occupancy)), 3),
              abandon_rate: round(mean(days.map((d) => d.abandonRateWorstWindow)), 4),
            }
          }),
        ]),
      ),
    ]),
  )
}

Object.assign(report, {
  runs: RUNS,
  hours: settings.hours,
  target: settings.targetRate,
  cap: settings.capRate,
  window_hours: settings.windowHours,
  elapsed_s: round((performance.now() - started) / 1000, 1),
})
log(`done in ${report.elapsed_s} s`)
process.stdout.write(`${JSON.stringify(report)}\n`)
